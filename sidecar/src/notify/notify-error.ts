/** A failed webhook delivery, with a retriable flag like CollectorError and the store's errors. */
export class NotifyError extends Error {
  readonly retriable: boolean;
  readonly code: string;
  /** HTTP status when the webhook answered. */
  readonly status?: number;
  /** How long the webhook asked us to wait (429 / 503 with Retry-After), ms. */
  readonly retryAfterMs?: number;

  constructor(code: string, message: string, retriable: boolean, options?: { cause?: unknown; status?: number; retryAfterMs?: number }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'NotifyError';
    this.code = code;
    this.retriable = retriable;
    if (options?.status !== undefined) this.status = options.status;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Anything thrown while delivering, as a NotifyError (unknown failures count as retriable network trouble). */
export function toNotifyError(err: unknown): NotifyError {
  if (err instanceof NotifyError) return err;
  return new NotifyError('NETWORK', `network error: ${err instanceof Error ? err.message : String(err)}`, true, { cause: err });
}
