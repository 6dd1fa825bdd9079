/**
 * One POST to a webhook with Node's fetch: a timeout, cancellation by the notifier's stop signal,
 * redirects not followed (a webhook must be its final URL; headers never travel elsewhere).
 * Errors are NotifyErrors whose messages never hold the URL or header values.
 */
import { NotifyError } from './notify-error';
import { isRetriableStatus, parseRetryAfterMs } from './retry-policy';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** Resolves when the webhook answered 2xx; throws NotifyError (retriable: network error, timeout, 5xx, 429, 408). */
export async function postWebhook(req: WebhookRequest, stop: AbortSignal): Promise<void> {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, req.timeoutMs);
  const onStop = (): void => ctl.abort();
  stop.addEventListener('abort', onStop, { once: true });
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'doflamingo-notifier', ...req.headers },
      body: req.body,
      redirect: 'manual',
      signal: ctl.signal,
    });
    const text = await res.text(); // read in full: frees the connection, and a 4xx explains itself
    if (res.status >= 200 && res.status < 300) return;
    throw httpError(res.status, text, res.headers.get('retry-after'));
  } catch (err) {
    if (err instanceof NotifyError) throw err;
    if (stop.aborted) throw new NotifyError('STOPPED', 'notifier stopped', false, { cause: err });
    if (timedOut) throw new NotifyError('TIMEOUT', `no answer within ${req.timeoutMs} ms`, true, { cause: err });
    throw new NotifyError('NETWORK', `network error: ${causeOf(err)}`, true, { cause: err });
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}

/** Pure: the error of a non-2xx answer (first 200 characters of its body, on one line). */
export function httpError(status: number, body: string, retryAfter: string | null): NotifyError {
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const redirect = status >= 300 && status < 400 ? ' (redirects are not followed: configure the final URL)' : '';
  const retryAfterMs = parseRetryAfterMs(retryAfter);
  return new NotifyError(`HTTP_${status}`, `HTTP ${status}${redirect}${text ? `: ${text}` : ''}`, isRetriableStatus(status), {
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** The system error code under fetch's "fetch failed" (ECONNREFUSED, ENOTFOUND …), without the URL. */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}
