/**
 * The official `jolokia.js` client, wrapped: one bulk POST, a hard timeout, basic auth as a
 * header (the client's own username/password option needs `window` and fails under Node),
 * and every failure turned into a CollectorError with the right `retriable` flag.
 */
import Jolokia, { type IJolokia } from 'jolokia.js';
import { CollectorError } from '../../model';
import type { ReadRequest } from './bulk-request';

export interface JolokiaHttpOptions {
  timeoutMs: number;
  auth?: { username: string; password: string };
}

export function toCollectorError(err: unknown, url: string): CollectorError {
  if (err instanceof CollectorError) return err;
  if (typeof Response !== 'undefined' && err instanceof Response) {
    const auth = err.status === 401 || err.status === 403;
    return new CollectorError(auth ? 'AUTH' : `HTTP_${err.status}`, `${url} answered HTTP ${err.status}${auth ? ' (check jolokia.auth and the agent policy)' : ''}`, !auth);
  }
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new CollectorError('TIMEOUT', `${url} did not answer in time`, true);
  if (e?.name === 'SyntaxError') return new CollectorError('BAD_RESPONSE', `${url} answered something that is not JSON`, true);
  const code = e?.cause?.code;
  if (code) return new CollectorError(code === 'ECONNREFUSED' ? 'UNREACHABLE' : code, `${url}: ${code}${code === 'ECONNREFUSED' ? ' (agent not running?)' : ''}`, true);
  return new CollectorError('REQUEST_FAILED', `${url}: ${e?.message ?? String(err)}`, true);
}

export class JolokiaHttp {
  private readonly client: IJolokia;

  constructor(
    readonly url: string,
    opts: JolokiaHttpOptions,
  ) {
    const headers: Record<string, string> = {};
    if (opts.auth) headers.Authorization = 'Basic ' + Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64');
    this.client = new Jolokia({ url, method: 'post', timeout: opts.timeoutMs, ignoreErrors: true, headers });
  }

  /** Sends the reads as one bulk POST; resolves to the raw answer (validated by the parser). */
  async bulkRead(requests: ReadRequest[]): Promise<unknown> {
    try {
      return await this.client.request(requests as never);
    } catch (err) {
      throw toCollectorError(err, this.url);
    }
  }
}
