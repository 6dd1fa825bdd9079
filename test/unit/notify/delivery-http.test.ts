/**
 * WebhookNotifier against real local HTTP servers (node http on port 0, like api/server-http.test.ts):
 * order, retries with backoff, no retry on 4xx, timeouts, isolation between webhooks, overflow, stop.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { parseConfig } from '../../../sidecar/src/config/load';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { createLogger } from '../../../sidecar/src/log/logger';
import { WebhookNotifier, type NotifierOptions } from '../../../sidecar/src/notify/webhook-notifier';
import type { TimelineEvent } from '../../../sidecar/src/core/timeline-event';

interface Received {
  body: unknown;
  headers: http.IncomingHttpHeaders;
  at: number;
}
type Answer = (req: http.IncomingMessage, n: number) => number | 'hang';

const servers: http.Server[] = [];
/** A webhook server: answers each POST with the status `answer` gives (or never answers), records what it got. */
async function hookServer(answer: Answer = () => 200): Promise<{ url: string; received: Received[]; answered: Received[] }> {
  const received: Received[] = [];
  const answered: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const got = { body: JSON.parse(data) as unknown, headers: req.headers, at: Date.now() };
      received.push(got);
      const status = answer(req, received.length);
      if (status === 'hang') return;
      if (status === 200) answered.push(got);
      res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
      res.end(status >= 400 ? `status ${status}` : 'ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/SECRET-PATH`, received, answered };
}
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const notifiers: WebhookNotifier[] = [];
afterEach(async () => {
  await Promise.all(notifiers.splice(0).map((n) => n.stop()));
});

const FAST: NotifierOptions = { retry: { baseMs: 20, maxMs: 80, maxAttempts: 4 }, stopDeadlineMs: 300 };
/** A notifier built from a config validated like the real one; its log lines are returned. */
function notifier(webhooks: unknown[], opts: NotifierOptions = {}): { n: WebhookNotifier; logs: string[] } {
  const logs: string[] = [];
  const cfg = parseConfig({ clusters: [{ id: 'local', name: 'Local' }], notify: { webhooks } });
  const n = new WebhookNotifier(
    cfg.notify,
    createLogger('debug', (l) => logs.push(l)),
    { ...FAST, ...opts },
  );
  notifiers.push(n);
  return { n, logs };
}

let seq = 0;
function ev(over: Partial<TimelineEvent> = {}): TimelineEvent {
  seq++;
  return {
    id: seq,
    clusterId: 'local',
    ts: 1_700_000_000_000 + seq,
    kind: 'target-down',
    severity: 'critical',
    subject: `broker-${seq}`,
    message: `broker-${seq} is down`,
    ...over,
  };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const idsOf = (rs: Received[]): unknown[] => rs.map((r) => (r.body as { event: { id: number } }).event.id);

test('json events are delivered one per POST, in order, with headers from the environment (never logged)', async () => {
  const hook = await hookServer();
  process.env.DOF_TEST_HOOK_TOKEN = 'Bearer top-secret';
  const { n, logs } = notifier([{ url: hook.url, minSeverity: 'info', headersEnv: { Authorization: 'DOF_TEST_HOOK_TOKEN' } }]);
  n.start();
  const events = Array.from({ length: 30 }, () => ev());
  n.notify(events.slice(0, 10));
  n.notify(events.slice(10));
  await until(() => hook.received.length === 30);
  expect(idsOf(hook.received)).toEqual(events.map((e) => e.id));
  expect(hook.received[0]?.body).toEqual({
    source: 'doflamingo',
    cluster: 'local',
    event: {
      id: events[0]?.id,
      ts: events[0]?.ts,
      kind: 'target-down',
      severity: 'critical',
      subject: events[0]?.subject,
      ruleId: null,
      value: null,
      message: events[0]?.message,
    },
  });
  expect(hook.received[0]?.headers.authorization).toBe('Bearer top-secret');
  expect(hook.received[0]?.headers['content-type']).toMatch(/^application\/json/);
  await until(() => n.stats()[0]?.sent === 30);
  expect(n.stats()[0]).toMatchObject({ sent: 30, failed: 0, dropped: 0, queued: 0, retries: 0, state: 'ok', lastError: null });
  await n.stop();
  expect(logs.join('\n')).not.toContain('top-secret');
  expect(logs.join('\n')).not.toContain('SECRET-PATH');
});

test('severity and kinds filters: only wanted events reach the webhook', async () => {
  const hook = await hookServer();
  const { n } = notifier([{ url: hook.url, minSeverity: 'warning', kinds: ['alert-fired', 'target-left'] }]);
  n.start();
  const fired = ev({ kind: 'alert-fired', severity: 'warning', ruleId: 'under-replicated', value: 3 });
  const left = ev({ kind: 'target-left', severity: 'warning' });
  n.notify([
    ev({ kind: 'alert-resolved', severity: 'info' }),
    fired,
    ev({ kind: 'target-down', severity: 'critical' }),
    ev({ kind: 'target-left', severity: 'info' }),
    left,
  ]);
  await until(() => n.stats()[0]?.sent === 2);
  expect(idsOf(hook.received)).toEqual([fired.id, left.id]);
  expect((hook.received[0]?.body as { event: unknown }).event).toMatchObject({ ruleId: 'under-replicated', value: 3 });
});

test('slack format: up to 20 lines per POST, in order, hostile names escaped', async () => {
  const hook = await hookServer();
  const { n } = notifier([{ url: hook.url, format: 'slack' }]);
  const events = Array.from({ length: 25 }, (_, i) =>
    ev(i === 3 ? { subject: '<img src=x onerror=alert(1)>', message: 'group <img src=x onerror=alert(1)> is now Dead\nsecond line' } : {}),
  );
  n.notify(events); // queued before start: delivered once started
  n.start();
  await until(() => n.stats()[0]?.sent === 25);
  const texts = hook.received.map((r) => (r.body as { text: string }).text);
  expect(texts.map((t) => t.split('\n').length)).toEqual([20, 5]);
  const lines = texts.join('\n').split('\n');
  expect(lines[0]).toBe(`[CRITICAL] cluster local · target-down · ${events[0]?.message}`);
  expect(lines[3]).toBe('[CRITICAL] cluster local · target-down · group &lt;img src=x onerror=alert(1)&gt; is now Dead second line');
  expect(lines[24]).toContain(events[24]?.message);
});

test('500 twice then 200: delivered once after two retries with backoff, logged once failing and once recovered', async () => {
  const hook = await hookServer((_req, n) => (n <= 2 ? 500 : 200));
  const clock = new ManualClock(1_800_000_000_000);
  const { n, logs } = notifier([{ url: hook.url }], { clock });
  n.start();
  const e = ev();
  n.notify([e]);
  await until(() => n.stats()[0]?.sent === 1);
  expect(hook.received).toHaveLength(3);
  expect(idsOf(hook.answered)).toEqual([e.id]);
  const gaps = [1, 2].map((i) => (hook.received[i]?.at ?? 0) - (hook.received[i - 1]?.at ?? 0));
  expect(gaps[0]).toBeGreaterThanOrEqual(9); // first wait in [base/2, base] = [10, 20] ms
  expect(gaps[1]).toBeGreaterThanOrEqual(19); // second in [20, 40] ms
  expect(n.stats()[0]).toMatchObject({
    sent: 1,
    failed: 0,
    retries: 2,
    state: 'ok',
    lastError: 'HTTP 500: status 500',
    lastErrorAt: 1_800_000_000_000,
    lastSentAt: 1_800_000_000_000,
  });
  expect(logs.filter((l) => l.includes('retrying with backoff'))).toHaveLength(1);
  expect(logs.filter((l) => l.includes('delivers again'))).toHaveLength(1);
});

test('429 is retried too; still failing after maxAttempts → counted failed, the next event goes on', async () => {
  const hook = await hookServer((_req, n) => (n <= 4 ? 429 : 200));
  const { n } = notifier([{ url: hook.url }]);
  n.start();
  const [a, b] = [ev(), ev()];
  n.notify([a as TimelineEvent, b as TimelineEvent]);
  await until(() => n.stats()[0]?.sent === 1);
  expect(n.stats()[0]).toMatchObject({ sent: 1, failed: 1, retries: 3 });
  expect(idsOf(hook.received)).toEqual([a?.id, a?.id, a?.id, a?.id, b?.id]);
});

test('400: not retried, counted failed, logged once for many events', async () => {
  const hook = await hookServer(() => 400);
  const { n, logs } = notifier([{ url: hook.url }], { clock: new ManualClock(1_800_000_000_000) });
  n.start();
  n.notify([ev(), ev(), ev()]);
  await until(() => n.stats()[0]?.failed === 3);
  expect(hook.received).toHaveLength(3);
  expect(n.stats()[0]).toMatchObject({ sent: 0, failed: 3, retries: 0, queued: 0, state: 'rejected', lastError: 'HTTP 400: status 400' });
  expect(n.stats()[0]).toMatchObject({ lastErrorAt: 1_800_000_000_000, lastSentAt: null });
  expect(logs.filter((l) => l.includes('refuses events'))).toHaveLength(1);
  expect(logs.filter((l) => l.includes('"level":"warn"'))).toHaveLength(1);
});

test('a webhook that never answers times out and is retried while a healthy one keeps receiving; stop() returns promptly', async () => {
  const dead = await hookServer(() => 'hang');
  const healthy = await hookServer();
  const { n, logs } = notifier([{ url: dead.url, timeoutMs: 150 }, { url: healthy.url }], { retry: { baseMs: 20, maxMs: 40, maxAttempts: 10 } });
  n.start();
  const first = [ev(), ev()];
  n.notify(first);
  await until(() => healthy.received.length === 2);
  await until(() => dead.received.length >= 2); // first attempt timed out, retried
  const later = [ev(), ev(), ev()];
  n.notify(later);
  await until(() => healthy.received.length === 5, 3000);
  expect(idsOf(healthy.received)).toEqual([...first, ...later].map((e) => e.id));
  const [deadStats, healthyStats] = n.stats();
  expect(healthyStats).toMatchObject({ sent: 5, queued: 0, state: 'ok' });
  expect(deadStats).toMatchObject({ sent: 0, state: 'failing', lastError: 'no answer within 150 ms' });
  expect(deadStats?.retries).toBeGreaterThanOrEqual(1);
  expect(deadStats?.queued).toBe(5);
  expect(idsOf(dead.received).every((id) => id === first[0]?.id)).toBe(true); // in order: still the first event
  const t0 = Date.now();
  await n.stop();
  expect(Date.now() - t0).toBeLessThan(1500); // deadline 300 ms, then the request in progress is cancelled
  expect(n.stats()[0]).toMatchObject({ queued: 0, dropped: 5, sent: 0 });
  await n.stop(); // idempotent
  n.notify([ev()]); // ignored after stop
  expect(n.stats()[1]).toMatchObject({ sent: 5, queued: 0, dropped: 0 });
  expect(logs.filter((l) => l.includes('retrying with backoff'))).toHaveLength(1);
});

test('stop() flushes what is queued within the deadline', async () => {
  const hook = await hookServer();
  const { n } = notifier([{ url: hook.url }], { stopDeadlineMs: 5000 }); // roomy: the machine is shared
  n.start();
  const events = Array.from({ length: 15 }, () => ev());
  n.notify(events);
  await n.stop();
  expect(idsOf(hook.received)).toEqual(events.map((e) => e.id));
  expect(n.stats()[0]).toMatchObject({ sent: 15, queued: 0, dropped: 0 });
});

test('queue overflow: the oldest are dropped and counted, logged once; the newest are delivered in order', async () => {
  const hook = await hookServer();
  const { n, logs } = notifier([{ url: hook.url }], { queueCapacity: 3 });
  const events = Array.from({ length: 8 }, () => ev());
  n.notify(events.slice(0, 5));
  n.notify(events.slice(5)); // still not started: everything waits in the queue
  expect(n.stats()[0]).toMatchObject({ queued: 3, dropped: 5 });
  expect(logs.filter((l) => l.includes('queue full'))).toHaveLength(1);
  n.start();
  await until(() => n.stats()[0]?.sent === 3);
  expect(idsOf(hook.received)).toEqual(events.slice(5).map((e) => e.id));
});

test('an unreachable webhook (connection refused) is retried then counted failed; the error names no URL', async () => {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const { n } = notifier([{ url: `http://127.0.0.1:${port}/hook/SECRET-PATH` }], { retry: { baseMs: 5, maxMs: 10, maxAttempts: 3 } });
  n.start();
  n.notify([ev()]);
  await until(() => n.stats()[0]?.failed === 1);
  expect(n.stats()[0]).toMatchObject({ retries: 2, state: 'failing' });
  expect(n.stats()[0]?.lastError).toMatch(/^network error: ECONNREFUSED/);
  expect(n.stats()[0]?.webhook).toBe(`webhooks[0] (127.0.0.1:${port})`);
});
