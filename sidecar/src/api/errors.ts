/**
 * The API's errors: one class carrying the HTTP status, a stable code, a message meant for a
 * person and (for 400s) the parameter at fault. Everything else thrown inside a request is
 * answered as a generic 500 (or 503 when MySQL is unreachable) — never with a stack trace.
 */

export type ApiErrorCode =
  | 'BAD_PARAMETER'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TOO_MANY_SERIES'
  | 'MISDIRECTED'
  | 'RATE_LIMITED'
  | 'STORE_UNAVAILABLE'
  | 'INTERNAL';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; param?: string };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly param?: string;
  /** True when asking again later may work (503). */
  readonly retriable: boolean;

  constructor(status: number, code: ApiErrorCode, message: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
    this.retriable = status === 503;
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.param !== undefined ? { param: this.param } : {}) } };
  }
}

export function badParameter(param: string, message: string): ApiError {
  return new ApiError(400, 'BAD_PARAMETER', `${param}: ${message}`, param);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', message);
}

export function storeUnavailable(message = 'the metric store (MySQL) is unreachable'): ApiError {
  return new ApiError(503, 'STORE_UNAVAILABLE', message);
}

/** mysql2 / socket error codes that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_CLOSED',
]);

/** True when an error from the MySQL driver means the store is unreachable (answered with 503). */
export function isStoreUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const fatal = (err as { fatal?: unknown }).fatal;
  if (fatal === true) return true;
  // mysql2 rejects queries on an ended pool with a plain Error (no code)
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && /^Pool is closed/.test(message);
}

/** Maps anything thrown while answering a request to the error the client sees. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isStoreUnavailable(err)) return storeUnavailable();
  const status = typeof err === 'object' && err ? (err as { status?: unknown; statusCode?: unknown }).status : undefined;
  // body-parser / express errors carry a 4xx status (malformed JSON, bad URI encoding, too large)
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (err as { type?: unknown }).type;
    const message = type === 'entity.too.large' ? 'request body too large' : 'malformed request';
    return new ApiError(status === 413 ? 413 : 400, 'BAD_REQUEST', message);
  }
  return new ApiError(500, 'INTERNAL', 'internal error');
}
