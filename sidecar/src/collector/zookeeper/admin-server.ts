/** ZooKeeper AdminServer commands over HTTP (`/commands/monitor`), with a hard timeout. */
import { CollectorError } from '../../model';

export async function fetchAdminCommand(adminUrl: string, command: string, timeoutMs: number): Promise<unknown> {
  const url = `${adminUrl.replace(/\/+$/, '')}/commands/${encodeURIComponent(command)}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new CollectorError('TIMEOUT', `${url} did not answer in time`, true);
    const code = e.cause?.code ?? 'REQUEST_FAILED';
    throw new CollectorError(code === 'ECONNREFUSED' ? 'UNREACHABLE' : code, `${url}: ${code}`, true);
  }
  if (!res.ok) throw new CollectorError(`HTTP_${res.status}`, `${url} answered HTTP ${res.status}`, res.status >= 500);
  try {
    return await res.json();
  } catch {
    throw new CollectorError('BAD_RESPONSE', `${url} answered something that is not JSON`, true);
  }
}
