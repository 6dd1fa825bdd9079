/** Pure parts of the notifier: which events a webhook wants, the retry schedule, the bounded queue, header secrets. */
import { ConfigError, parseConfig } from '../../../sidecar/src/config/load';
import { BoundedQueue } from '../../../sidecar/src/notify/bounded-queue';
import { wants } from '../../../sidecar/src/notify/event-filter';
import { httpError } from '../../../sidecar/src/notify/http-post';
import { DEFAULT_RETRY, isRetriableStatus, parseRetryAfterMs, retryDelayMs } from '../../../sidecar/src/notify/retry-policy';
import { resolveWebhooks, webhookLabel } from '../../../sidecar/src/notify/webhook-settings';
import type { TimelineEvent } from '../../../sidecar/src/core/timeline-event';

function ev(kind: TimelineEvent['kind'], severity: TimelineEvent['severity']): TimelineEvent {
  return { clusterId: 'c', ts: 1, kind, severity, subject: 's', message: 'm' };
}

test.each([
  // minSeverity, kinds, event kind, event severity, sent?
  ['warning', undefined, 'target-down', 'critical', true],
  ['warning', undefined, 'target-left', 'warning', true],
  ['warning', undefined, 'target-up', 'info', false],
  ['info', undefined, 'target-up', 'info', true],
  ['critical', undefined, 'alert-fired', 'warning', false],
  ['info', ['alert-fired', 'alert-resolved'], 'alert-resolved', 'info', true],
  ['info', ['alert-fired', 'alert-resolved'], 'target-down', 'critical', false],
  ['critical', ['alert-fired'], 'alert-fired', 'warning', false],
] as const)('wants(min %s, kinds %j): %s %s → %s', (minSeverity, kinds, kind, severity, sent) => {
  expect(wants({ minSeverity, ...(kinds ? { kinds: new Set<string>(kinds) } : {}) }, ev(kind, severity))).toBe(sent);
});

const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 6 };
test.each([
  // failures, random, retryAfterMs, expected delay
  [1, 0, undefined, 500],
  [1, 1, undefined, 1000],
  [2, 0, undefined, 1000],
  [2, 1, undefined, 2000],
  [3, 0.5, undefined, 3000],
  [5, 1, undefined, 16_000],
  [7, 1, undefined, 60_000], // capped
  [7, 0, undefined, 30_000], // half of the cap at least
  [40, 1, undefined, 60_000],
  [1, 0, 5000, 5000], // Retry-After longer than the backoff wins
  [3, 1, 1000, 4000], // shorter Retry-After: the backoff
  [1, 0, 3_600_000, 60_000], // Retry-After capped at maxMs
])('retryDelayMs(%d failures, random %d, Retry-After %s) = %d', (failures, r, retryAfter, expected) => {
  expect(retryDelayMs(failures, policy, () => r, retryAfter)).toBe(expected);
});

test('default retry schedule: 6 attempts, the waits grow and never pass a minute', () => {
  expect(DEFAULT_RETRY).toEqual({ baseMs: 1000, maxMs: 60_000, maxAttempts: 6 });
  const waits = [1, 2, 3, 4, 5].map((f) => retryDelayMs(f, DEFAULT_RETRY, () => 1));
  expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
});

test.each([
  [500, true],
  [502, true],
  [503, true],
  [599, true],
  [429, true],
  [408, true],
  [400, false],
  [401, false],
  [403, false],
  [404, false],
  [410, false],
  [413, false],
  [301, false],
])('HTTP %d retriable: %s', (status, retriable) => {
  expect(isRetriableStatus(status)).toBe(retriable);
  expect(httpError(status, '', null).retriable).toBe(retriable);
});

test('httpError: status, a short one-line body, Retry-After; a redirect explains itself', () => {
  const e = httpError(429, 'slow\n down ' + 'x'.repeat(500), '7');
  expect(e.code).toBe('HTTP_429');
  expect(e.status).toBe(429);
  expect(e.retryAfterMs).toBe(7000);
  expect(e.message.startsWith('HTTP 429: slow down x')).toBe(true);
  expect(e.message.length).toBeLessThan(220);
  expect(httpError(302, '', null).message).toMatch(/redirects are not followed/);
});

test('parseRetryAfterMs: seconds, an HTTP date, junk', () => {
  expect(parseRetryAfterMs('120')).toBe(120_000);
  expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
  expect(parseRetryAfterMs(new Date(1000).toUTCString(), 4000)).toBe(0);
  expect(parseRetryAfterMs('soon')).toBeUndefined();
  expect(parseRetryAfterMs(null)).toBeUndefined();
});

test('BoundedQueue: FIFO; a full queue drops the oldest and says how many', () => {
  const q = new BoundedQueue<number>(3);
  expect(q.push(1, 2)).toBe(0);
  expect(q.push(3, 4, 5)).toBe(2);
  expect(q.size).toBe(3);
  expect(q.take(2)).toEqual([3, 4]);
  expect(q.push(6, 7)).toBe(0);
  expect(q.push(8)).toBe(1);
  expect(q.take(10)).toEqual([6, 7, 8]);
  expect(q.take(1)).toEqual([]);
  expect(q.push(...Array.from({ length: 10 }, (_, i) => i))).toBe(7);
  expect(q.clear()).toBe(3);
  expect(q.size).toBe(0);
  expect(() => new BoundedQueue(0)).toThrow(RangeError);
});

test('BoundedQueue: a long run of pushes and takes keeps order and bounds', () => {
  const q = new BoundedQueue<number>(1000);
  let dropped = 0;
  for (let i = 0; i < 5000; i++) dropped += q.push(i);
  expect(dropped).toBe(4000);
  expect(q.take(1)).toEqual([4000]);
  expect(q.take(998)[997]).toBe(4998);
  expect(q.take(5)).toEqual([4999]);
});

const cfg = (webhooks: unknown[]): unknown => ({ clusters: [{ id: 'c', name: 'C' }], notify: { webhooks } });

test('config: defaults, and every problem reported with its path', () => {
  const ok = parseConfig(cfg([{ url: 'https://hooks.example.com/T000/B000/secret' }]));
  expect(ok.notify.webhooks[0]).toEqual({ url: 'https://hooks.example.com/T000/B000/secret', minSeverity: 'warning', format: 'json', timeoutMs: 5000 });
  expect(parseConfig({ clusters: [{ id: 'c', name: 'C' }] }).notify).toEqual({ webhooks: [] });
  let err: unknown;
  try {
    parseConfig(
      cfg([
        {
          url: 'ftp://x',
          minSeverity: 'loud',
          kinds: ['alert-fired', 'nope'],
          format: 'xml',
          headersEnv: { 'Bad Header': 'lower_case' },
          timeoutMs: 5,
          extra: 1,
        },
      ]),
    );
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  const problems = (err as ConfigError).problems.join('\n');
  for (const path of ['url', 'minSeverity', 'kinds[1]', 'format', 'timeoutMs']) expect(problems).toContain(`notify.webhooks[0].${path}: `);
  expect(problems).toContain('notify.webhooks[0].headersEnv.Bad Header: must be an HTTP header name');
  expect(problems).toContain('notify.webhooks[0].headersEnv.Bad Header: must be an environment variable name');
  expect(problems).toMatch(/notify\.webhooks\[0\]: unknown key\(s\) "extra"/);
  expect(() => parseConfig(cfg([{ url: 'http://x', kinds: [] }]))).toThrow(/kinds/);
});

test('headers come from the environment; a missing variable is named, a value never shown', () => {
  const hooks = parseConfig(
    cfg([
      { url: 'https://a.example/hook?token=abc', headersEnv: { Authorization: 'HOOK_TOKEN' }, kinds: ['alert-fired'] },
      { url: 'http://b.example:8080/x', headersEnv: { 'X-Key': 'MISSING_VAR', 'X-Other': 'BROKEN_VAR' } },
    ]),
  ).notify.webhooks;
  const [a] = resolveWebhooks(hooks.slice(0, 1), { HOOK_TOKEN: 'Bearer s3cret' });
  expect(a?.headers).toEqual({ Authorization: 'Bearer s3cret' });
  expect(a?.label).toBe('webhooks[0] (a.example)');
  expect(a?.kinds?.has('alert-fired')).toBe(true);
  expect(() => resolveWebhooks(hooks, { HOOK_TOKEN: 'x', BROKEN_VAR: 'a\r\nInjected: 1' })).toThrow(ConfigError);
  try {
    resolveWebhooks(hooks, { HOOK_TOKEN: 'x', BROKEN_VAR: 'a\r\nInjected: 1' });
  } catch (e) {
    const msg = (e as Error).message;
    expect(msg).toContain('notify.webhooks[1].headersEnv.X-Key: environment variable MISSING_VAR is not set');
    expect(msg).toContain('notify.webhooks[1].headersEnv.X-Other: environment variable BROKEN_VAR holds a line break');
    expect(msg).not.toContain('Injected');
  }
  expect(webhookLabel(3, 'https://hooks.slack.com/services/T/B/SECRET')).toBe('webhooks[3] (hooks.slack.com)');
});
