/**
 * Thin wrapper around the official `jolokia.js` client (2.6): one bulk POST with the processing
 * parameters as query parameters, a hard timeout, basic auth as a header (the client's own
 * username/password option needs `window.btoa` and throws under Node), the answer taken as the raw
 * `Response` (`resolve: 'response'`) and read with a byte cap (the client's own `response.json()`
 * would read any size whole), and every failure turned into a CollectorError with the right
 * `retriable` flag.
 */
import Jolokia, { type IJolokia } from 'jolokia.js';
import { CollectorError } from '../../core/collection';
import { readCappedText } from '../capped-body';
import { BULK_READ_PARAMS, type JolokiaReadRequest } from './request-builder';

export interface JolokiaClientOptions {
  timeoutMs: number;
  /** Largest answer read; a larger one fails the target (`TOO_LARGE`) without being read further. */
  maxResponseBytes: number;
  auth?: { username: string; password: string };
}

/** Pure: classifies anything the client can throw. Unreachable/timeout/5xx/garbage are retriable; 401/403 are not. */
export function toCollectorError(err: unknown, url: string, timeoutMs?: number): CollectorError {
  if (err instanceof CollectorError) return err;
  if (typeof Response !== 'undefined' && err instanceof Response) {
    const auth = err.status === 401 || err.status === 403;
    const code = auth ? 'AUTH' : `HTTP_${err.status}`;
    return new CollectorError(
      code,
      `${url} answered HTTP ${err.status}${auth ? ' (check its auth, jolokia.credentials, jolokia.auth and the agent policy)' : ''}`,
      !auth,
    );
  }
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new CollectorError('TIMEOUT', `${url} did not answer within ${timeoutMs ?? '?'} ms`, true, { cause: err });
  }
  if (e?.name === 'SyntaxError') return new CollectorError('BAD_RESPONSE', `${url} answered something that is not JSON`, true, { cause: err });
  const code = e?.cause?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return new CollectorError('UNREACHABLE', `${url}: connection refused (agent not running?)`, true, { cause: err });
  if (code) return new CollectorError(code, `${url}: ${code}`, true, { cause: err });
  return new CollectorError('REQUEST_FAILED', `${url}: ${e?.cause?.message ?? e?.message ?? String(err)}`, true, { cause: err });
}

export class JolokiaClient {
  private readonly client: IJolokia;

  constructor(
    readonly url: string,
    private readonly opts: JolokiaClientOptions,
  ) {
    const headers: Record<string, string> = {};
    if (opts.auth) headers.Authorization = 'Basic ' + Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64');
    this.client = new Jolokia({ url, method: 'post', timeout: opts.timeoutMs, headers, ...BULK_READ_PARAMS });
  }

  /**
   * Sends the reads as one bulk POST and resolves to the decoded answer (an array when all is
   * well; validated by the parser). Rejects with a CollectorError. The client's own timeout aborts
   * the fetch and the body; a timer slightly later guarantees the promise settles even if the body stalls.
   */
  async bulkRead(requests: readonly JolokiaReadRequest[]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), this.opts.timeoutMs + 250);
    });
    try {
      return await Promise.race([this.readAnswer(requests), deadline]);
    } catch (err) {
      throw toCollectorError(err, this.url, this.opts.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readAnswer(requests: readonly JolokiaReadRequest[]): Promise<unknown> {
    const res = (await this.client.request([...requests] as never, { resolve: 'response' })) as Response;
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw res;
    }
    return JSON.parse(await readCappedText(res, this.opts.maxResponseBytes, this.url)) as unknown;
  }
}
