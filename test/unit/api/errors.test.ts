/** How anything thrown while answering becomes the JSON error the client sees. */
import { ApiError, badParameter, isStoreUnavailable, notFound, toApiError } from '../../../sidecar/src/api/errors';
import { StoreError } from '../../../sidecar/src/store/pool';

const withCode = (code: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`boom ${code} at Socket.connect (net.js:1)`), { code, ...extra });

describe('toApiError', () => {
  test('an ApiError is answered as is, with param only for bad parameters', () => {
    const e = badParameter('from', 'must be a time');
    expect(toApiError(e)).toBe(e);
    expect(e.toBody()).toEqual({ error: { code: 'BAD_PARAMETER', message: 'from: must be a time', param: 'from' } });
    expect(notFound('unknown cluster "x"').toBody()).toEqual({ error: { code: 'NOT_FOUND', message: 'unknown cluster "x"' } });
    expect(e.retriable).toBe(false);
  });

  test.each([['ECONNREFUSED'], ['PROTOCOL_CONNECTION_LOST'], ['ER_ACCESS_DENIED_ERROR'], ['ER_BAD_DB_ERROR'], ['ETIMEDOUT']])(
    'driver error %s → 503 STORE_UNAVAILABLE, retriable, no driver text',
    (code) => {
      const e = toApiError(withCode(code));
      expect({ status: e.status, code: e.code, retriable: e.retriable }).toEqual({ status: 503, code: 'STORE_UNAVAILABLE', retriable: true });
      expect(JSON.stringify(e.toBody())).not.toMatch(/boom|net\.js/);
    },
  );

  test('fatal driver errors, a closed pool and a StoreError wrapping ECONNREFUSED are unavailable too', () => {
    expect(isStoreUnavailable(Object.assign(new Error('x'), { fatal: true }))).toBe(true);
    expect(isStoreUnavailable(new Error('Pool is closed.'))).toBe(true);
    expect(isStoreUnavailable(new StoreError('ECONNREFUSED', 'connect ECONNREFUSED', true))).toBe(true);
    expect(isStoreUnavailable(withCode('ER_PARSE_ERROR'))).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });

  test.each([
    ['a SQL error', withCode('ER_PARSE_ERROR', { sql: 'SELECT secret' })],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'oops'],
    ['undefined', undefined],
    ['a 5xx status', Object.assign(new Error('upstream'), { status: 502 })],
  ])('%s → generic 500 INTERNAL', (_name, err) => {
    expect(toApiError(err).toBody()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(toApiError(err).status).toBe(500);
  });

  test('framework 4xx (bad URI encoding, too large) → 400/413 BAD_REQUEST with a fixed message', () => {
    const uri = Object.assign(new URIError('Failed to decode param %E0%A4%A'), { status: 400 });
    expect(toApiError(uri).toBody()).toEqual({ error: { code: 'BAD_REQUEST', message: 'malformed request' } });
    const big = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect({ status: toApiError(big).status, message: toApiError(big).message }).toEqual({ status: 413, message: 'request body too large' });
  });

  test('ApiError is an Error with its status', () => {
    const e = new ApiError(401, 'UNAUTHORIZED', 'missing or wrong token');
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(401);
  });
});
