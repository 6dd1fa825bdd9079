/** Host check and rate limits on a real local server: flooding clients get 429 / a closed socket, others are unaffected. */
import http from 'http';
import WebSocket from 'ws';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import { createApiServer, type ApiServer, type ApiServerConfig } from '../../../sidecar/src/api/server';
import type { ReadModel } from '../../../sidecar/src/api/ports';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { silentLogger } from '../../../sidecar/src/log/logger';

function countingReadModel() {
  const calls = { series: 0, events: 0, snapshot: 0, consumerGroups: 0 };
  const readModel: ReadModel = {
    clusters: async () => [],
    targets: async () => [],
    catalog: async () => [],
    snapshot: async (q) => (calls.snapshot++, { cluster: q.cluster, view: q.view, ts: 1, targets: [], samples: [] }),
    series: async () => (calls.series++, { metric: 'm', unit: 'x', from: 0, to: 1, step: 1, agg: 'avg', series: [] }),
    consumerGroups: async () => (calls.consumerGroups++, []),
    alerts: async () => [],
    events: async () => (calls.events++, []),
    status: async () => {
      throw new Error('not used');
    },
  };
  return { calls, readModel };
}

const servers: ApiServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function serve(config: Partial<ApiServerConfig> = {}) {
  const { calls, readModel } = countingReadModel();
  const clock = new ManualClock(1_700_000_000_000);
  const server = createApiServer({
    readModel,
    liveFeed: new LiveFeedHub(),
    config: {
      host: '127.0.0.1',
      port: 0,
      corsOrigins: [],
      rateLimits: { expensiveReads: { burst: 5, perSecond: 1 }, subscriptions: { burst: 3, perSecond: 1 } },
      ...config,
    },
    log: silentLogger,
    kinds: { metric: () => new Map(), target: () => undefined },
    clock,
  });
  servers.push(server);
  const { port } = await server.start();
  return { port, calls, clock, server };
}

/** A GET from a chosen loopback address (each 127.x address is another client), with an optional Host header. */
function get(
  port: number,
  path: string,
  opts: { from?: string; host?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, localAddress: opts.from ?? '127.0.0.1', headers: opts.host ? { Host: opts.host } : {}, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
  });
}

test('a client flooding /series gets 429 with Retry-After once its burst is spent; another client is unaffected; the bucket refills', async () => {
  const { port, calls, clock } = await serve();
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<typeof get>> | undefined;
  for (let i = 0; i < 40; i++) {
    const r = await get(port, '/api/v1/clusters/1/series?metric=kafka.broker.bytes_in', { from: '127.0.0.1' });
    statuses.push(r.status);
    if (r.status === 429) limited ??= r;
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  expect(calls.series).toBe(5);
  expect(limited?.headers['retry-after']).toBe('1');
  expect(JSON.parse(limited!.body)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/api\.rateLimits\.expensiveReads/) } });

  const other = await get(port, '/api/v1/clusters/1/series?metric=kafka.broker.bytes_in', { from: '127.0.0.2' });
  expect(other.status).toBe(200);
  // cheap reads of the flooding client are not limited
  expect((await get(port, '/api/v1/clusters/1/snapshot?view=kafka')).status).toBe(200);
  expect((await get(port, '/api/v1/clusters/1/consumer-groups')).status).toBe(200);

  clock.advance(2_000);
  expect((await get(port, '/api/v1/clusters/1/series?metric=kafka.broker.bytes_in')).status).toBe(200);
  expect((await get(port, '/api/v1/clusters/1/series?metric=kafka.broker.bytes_in')).status).toBe(200);
  expect((await get(port, '/api/v1/clusters/1/series?metric=kafka.broker.bytes_in')).status).toBe(429);
});

test('/events and the `at` reads of /snapshot and /consumer-groups share the expensive-read bucket', async () => {
  const { port, calls } = await serve();
  const at = '&at=1699999990000';
  const paths = ['/events', '/snapshot?view=kafka' + at, '/consumer-groups?' + at.slice(1), '/events', '/snapshot?view=kafka' + at, '/events'];
  const statuses = [];
  for (const p of paths) statuses.push((await get(port, '/api/v1/clusters/1' + p)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  expect(calls).toMatchObject({ events: 2, snapshot: 2, consumerGroups: 1 });
});

test('Host check: loopback names and the listening address are answered, a rebound name gets 421 JSON', async () => {
  const { port } = await serve();
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await get(port, '/api/v1/health', { host })).status).toBe(200);
  const refused = await get(port, '/api/v1/health', { host: `attacker.example:${port}` });
  expect(refused.status).toBe(421);
  expect(JSON.parse(refused.body)).toEqual({ error: { code: 'MISDIRECTED', message: expect.stringMatching(/api\.allowedHosts/) } });
  expect((await get(port, '/', { host: 'attacker.example' })).status).toBe(421);

  const listed = await serve({ allowedHosts: ['monitor.example.com'] });
  expect((await get(listed.port, '/api/v1/health', { host: 'monitor.example.com:8787' })).status).toBe(200);
  expect((await get(listed.port, '/api/v1/health', { host: 'other.example.com' })).status).toBe(421);
});

function openSocket(port: number, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

test('a socket upgrade with a foreign Host is refused with 421', async () => {
  const { port } = await serve();
  await expect(openSocket(port, { Host: 'attacker.example' })).rejects.toThrow('HTTP 421');
  (await openSocket(port, { Host: `localhost:${port}` })).close();
});

test('a socket resubscribing in a loop gets an error message and is closed; the snapshots read stay within the burst', async () => {
  const { port, calls, server } = await serve();
  const ws = await openSocket(port);
  const messages: Array<{ type: string; message?: string }> = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  for (let i = 0; i < 200 && ws.readyState === WebSocket.OPEN; i++) {
    ws.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: i % 2 ? 'kafka' : 'zookeeper' }));
    ws.send(JSON.stringify({ type: 'unsubscribe', cluster: '1', view: i % 2 ? 'kafka' : 'zookeeper' }));
    await new Promise((r) => setImmediate(r));
  }
  expect(await closed).toBe(1008);
  expect(messages.at(-1)).toEqual({ type: 'error', message: expect.stringMatching(/too many subscriptions/) });
  expect(calls.snapshot).toBeLessThanOrEqual(3);
  expect(server.stats().refusedSubscriptions).toBe(1);

  // the same address's next socket is refused too until the bucket refills; another address is served
  const again = await openSocket(port);
  const againClosed = new Promise<number>((resolve) => again.on('close', (code) => resolve(code)));
  again.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' }));
  expect(await againClosed).toBe(1008);
  const other = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws`, { localAddress: '127.0.0.2' });
  const snapshot = new Promise<{ type: string }>((resolve) => other.on('message', (d) => resolve(JSON.parse(String(d)))));
  await new Promise((r) => other.on('open', r));
  other.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' }));
  expect((await snapshot).type).toBe('snapshot');
  other.close();
});
