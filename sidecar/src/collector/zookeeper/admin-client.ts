/**
 * ZooKeeper AdminServer (Jetty, default port 8080) over HTTP: `GET {adminUrl}/commands/<name>`
 * answers JSON. Used for `monitor` (the mntr keys without `zk_`, as JSON). One deadline per call.
 */
import { CollectorError } from '../../core/collection';
import { readCappedText } from '../capped-body';
import { parseMonitorJsonDetailed, type MonitorValue } from './mntr-parser';

/** Largest AdminServer answer read, as a stream (a real `monitor` is ~4 KB): a larger one fails with `TOO_LARGE`. */
export const MAX_ADMIN_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * GETs one AdminServer command and resolves with its decoded JSON.
 * Rejects with CollectorError: `TIMEOUT`, `UNREACHABLE`, `BAD_RESPONSE` (retriable),
 * `HTTP_<status>` (retriable for 5xx only), `TOO_LARGE` (not retriable) for an answer over
 * {@link MAX_ADMIN_ANSWER_BYTES}, `CONFIG` for a URL that is not http(s).
 */
export async function fetchAdminCommand(adminUrl: string, command: string, timeoutMs: number): Promise<unknown> {
  if (!/^https?:\/\//.test(adminUrl)) throw new CollectorError('CONFIG', `AdminServer URL must be http(s): ${adminUrl.slice(0, 100)}`, false);
  const url = `${adminUrl.replace(/\/+$/, '')}/commands/${encodeURIComponent(command)}`;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    throw networkError(url, err, timeoutMs);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new CollectorError(`HTTP_${res.status}`, `${url} answered HTTP ${res.status}`, res.status >= 500);
  }
  let text: string;
  try {
    text = await readCappedText(res, MAX_ADMIN_ANSWER_BYTES, url);
  } catch (err) {
    if (err instanceof CollectorError) throw err;
    throw networkError(url, err, timeoutMs);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CollectorError('BAD_RESPONSE', `${url} answered something that is not JSON: ${JSON.stringify(text.slice(0, 80))}`, true);
  }
}

function networkError(url: string, err: unknown, timeoutMs: number): CollectorError {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new CollectorError('TIMEOUT', `${url} did not answer within ${timeoutMs} ms`, true);
  const code = e.cause?.code ?? 'REQUEST_FAILED';
  return new CollectorError(code === 'ECONNREFUSED' ? 'UNREACHABLE' : code, `${url}: ${code}`, true);
}

/**
 * `GET {adminUrl}/commands/monitor` → the monitor values: keys without `zk_` (3.6+ names, plus
 * `learners` when an old server only reports `followers`), numbers as numbers, strings such as
 * `server_state` and `version` kept as strings; the `command`/`error` fields are dropped.
 * Rejects like fetchAdminCommand, plus `NOT_SERVING` (retriable) when the server answers with an
 * error (no quorum) and `BAD_RESPONSE` when the answer holds no values at all.
 */
export async function fetchMonitor(adminUrl: string, timeoutMs: number): Promise<Record<string, MonitorValue>> {
  const parsed = parseMonitorJsonDetailed(await fetchAdminCommand(adminUrl, 'monitor', timeoutMs));
  if (parsed.error !== undefined) throw new CollectorError('NOT_SERVING', `${adminUrl}: ${parsed.error.slice(0, 200)}`, true);
  if (parsed.values.size === 0) throw new CollectorError('BAD_RESPONSE', `${adminUrl}: monitor answered no values`, true);
  return Object.fromEntries(parsed.values);
}

/** Sizes of a server's snapshot (data) and transaction log directories, in bytes. */
export interface DirSizes {
  dataDirBytes: number;
  logDirBytes: number;
}

/**
 * `GET {adminUrl}/commands/dirs` → `{ datadir_size, logdir_size }` (both the same directory when
 * `dataLogDir` is not set). Rejects like fetchAdminCommand, plus `BAD_RESPONSE` when either size
 * is missing or not a non-negative number.
 */
export async function fetchDirs(adminUrl: string, timeoutMs: number): Promise<DirSizes> {
  const body = await fetchAdminCommand(adminUrl, 'dirs', timeoutMs);
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const size = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const dataDirBytes = size(o['datadir_size']);
  const logDirBytes = size(o['logdir_size']);
  if (dataDirBytes === undefined || logDirBytes === undefined)
    throw new CollectorError('BAD_RESPONSE', `${adminUrl}: dirs answered no datadir_size/logdir_size`, true);
  return { dataDirBytes, logDirBytes };
}
