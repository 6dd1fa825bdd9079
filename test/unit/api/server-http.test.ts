/** The HTTP server's edges with an in-memory read model: CORS preflight, admin guard, headers, non-API routes, socket upgrade checks, mounting, stop. */
import express from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import WebSocket from 'ws';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import { createApiServer, metricKindsOf, upgradeOriginAllowed, type ApiServer, type ApiServerDeps } from '../../../sidecar/src/api/server';
import type { EventsQuery, ReadModel, SeriesQuery } from '../../../sidecar/src/api/ports';
import { DEFAULT_RANGE_MS } from '../../../sidecar/src/api/params';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { silentLogger } from '../../../sidecar/src/log/logger';

const readModel: ReadModel = {
  clusters: async () => [],
  targets: async () => [],
  catalog: async () => [
    {
      id: 'kafka.broker.bytes_in',
      appliesTo: 'kafka-broker',
      unit: 'bytes/s',
      type: 'counter',
      description: { en: '', ko: '' },
      proposal: [],
      origin: 'builtin',
    },
    { id: 'zookeeper.up', appliesTo: 'zookeeper', unit: 'bool', type: 'gauge', description: { en: '', ko: '' }, proposal: [], origin: 'builtin' },
  ],
  snapshot: async (q) => ({ cluster: q.cluster, view: q.view, ts: 1, targets: [], samples: [] }),
  series: async () => ({ metric: 'x', unit: 'x', from: 0, to: 1, step: 1, agg: 'avg', series: [] }),
  consumerGroups: async () => [],
  alerts: async () => [],
  events: async () => [],
  status: async () => ({
    jobs: [],
    targets: [],
    writer: { buffered: 0, written: 0, dropped: 0, mysqlUp: true, lastError: null },
    webhooks: [],
    seriesLimits: { dropped: 0, droppedByTarget: {}, limited: [] },
    events: { pending: 0, dropped: 0, refused: 0 },
  }),
};

const servers: ApiServer[] = [];
async function serve(
  over: Partial<ApiServerDeps> = {},
  config: Partial<ApiServerDeps['config']> = {},
): Promise<{ base: string; feed: LiveFeedHub; server: ApiServer }> {
  const feed = new LiveFeedHub();
  const server = createApiServer({
    readModel,
    liveFeed: feed,
    config: { host: '127.0.0.1', port: 0, readToken: 'read-me', adminToken: 'admin-me', corsOrigins: ['http://flamingo:8080'], ...config },
    log: silentLogger,
    ...over,
  });
  servers.push(server);
  return { base: (await server.start()).url, feed, server };
}
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const READ = { Authorization: 'Bearer read-me' };

test('CORS preflight: a configured origin gets the allow headers, another none; never a wildcard', async () => {
  const { base } = await serve();
  const ok = await fetch(base + '/api/v1/clusters', {
    method: 'OPTIONS',
    headers: { Origin: 'http://flamingo:8080', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe('http://flamingo:8080');
  expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  const evil = await fetch(base + '/api/v1/clusters', { method: 'OPTIONS', headers: { Origin: 'http://flamingo:8080.evil.example' } });
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  const data = await fetch(base + '/api/v1/clusters', { headers: { ...READ, Origin: 'null' } });
  expect(data.headers.get('access-control-allow-origin')).toBeNull();
  const noOrigins = await serve({}, { corsOrigins: [] });
  const none = await fetch(noOrigins.base + '/api/v1/health', { headers: { Origin: 'http://flamingo:8080' } });
  expect(none.headers.get('access-control-allow-origin')).toBeNull();
});

test('admin guard: disabled without an admin token (403), the read token never passes, the admin token also reads', async () => {
  const { base } = await serve();
  expect((await fetch(base + '/api/v1/admin/rules', { headers: READ })).status).toBe(401);
  expect((await fetch(base + '/api/v1/admin/rules?token=read-me', { method: 'POST' })).status).toBe(401);
  expect((await fetch(base + '/api/v1/admin/rules')).status).toBe(401);
  expect((await fetch(base + '/api/v1/clusters', { headers: { Authorization: 'Bearer admin-me' } })).status).toBe(200);
  const noAdmin = await serve({}, { adminToken: undefined });
  const r = await fetch(noAdmin.base + '/api/v1/admin/rules', { headers: READ });
  expect(r.status).toBe(403);
  expect(((await r.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
});

test('no read token configured: reads are open; 401s say Bearer; API answers are not cached', async () => {
  const open = await serve({}, { readToken: undefined, adminToken: undefined });
  expect((await fetch(open.base + '/api/v1/clusters')).status).toBe(200);
  const { base } = await serve();
  const denied = await fetch(base + '/api/v1/clusters', { headers: { Authorization: 'Bearer ' + 'x'.repeat(10_000) } });
  expect(denied.status).toBe(401);
  expect(denied.headers.get('www-authenticate')).toBe('Bearer');
  const ok = await fetch(base + '/api/v1/clusters', { headers: READ });
  expect(ok.headers.get('cache-control')).toBe('no-store');
  expect(ok.headers.get('x-powered-by')).toBeNull();
});

test('unknown paths and malformed URLs are JSON errors, never HTML or stack traces', async () => {
  const { base } = await serve();
  for (const [p, status] of [
    ['/nothing', 404],
    ['/api/v2/clusters', 404],
    ['/api/v1/clusters/%E0%A4%A/targets', 400],
    ['/api/v1/clusters/a%20b/targets', 400],
  ] as const) {
    const r = await fetch(base + p, { headers: READ });
    expect({ p, status: r.status }).toEqual({ p, status });
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(await r.text()).not.toMatch(/<html|at .*\.js/i);
  }
});

test('demo router and static folders are mounted outside the API (no token); demo:false leaves the router out', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dof-static-'));
  fs.writeFileSync(path.join(dir, 'panel.js'), 'console.log(1)');
  const demoRouter = express.Router().get('/', (_req, res) => void res.send('<html>demo</html>'));
  const on = await serve({ demoRouter, staticDirs: [{ urlPath: '/panels', dir }] });
  expect(await (await fetch(on.base + '/')).text()).toBe('<html>demo</html>');
  expect(await (await fetch(on.base + '/panels/panel.js')).text()).toBe('console.log(1)');
  expect((await fetch(on.base + '/panels/../../etc/passwd')).status).toBe(404);
  const off = await serve({ demoRouter }, { demo: false });
  expect((await fetch(off.base + '/')).status).toBe(404);
  fs.rmSync(dir, { recursive: true, force: true });
});

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

test('socket upgrade: token (read or admin), path and Origin are checked', async () => {
  const { base } = await serve();
  const ws = base.replace('http', 'ws');
  await expect(openSocket(ws + '/api/v1/ws?token=nope')).rejects.toThrow('HTTP 401');
  await expect(openSocket(ws + '/api/v1/other?token=read-me')).rejects.toThrow('HTTP 404');
  await expect(openSocket(ws + '/api/v1/ws?token=read-me', { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  for (const [q, h] of [
    ['?token=read-me', { Origin: 'http://flamingo:8080' }],
    ['?token=admin-me', {}],
    ['', { Authorization: 'Bearer read-me' }],
  ] as const) {
    const s = await openSocket(ws + '/api/v1/ws' + q, h);
    s.close();
  }
});

test('without kinds from the coordinator, the socket sorts samples into views by the read model catalogue', async () => {
  const { base, feed, server } = await serve();
  const s = await openSocket(base.replace('http', 'ws') + '/api/v1/ws?token=read-me');
  const got: Array<{ type: string; samples?: Array<{ metric: string }> }> = [];
  s.on('message', (d) => got.push(JSON.parse(String(d))));
  s.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' }));
  for (let i = 0; i < 100 && got.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
  const sample = (metric: string, target: string) => ({ clusterId: '1', target, metric, labels: {}, ts: 1, value: 1 });
  feed.publish({ clusterId: '1', samples: [sample('kafka.broker.bytes_in', 'b1'), sample('zookeeper.up', 'zk-1')], targets: [] });
  for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  expect(got.map((m) => m.type)).toEqual(['snapshot', 'update']);
  expect(got[1]?.samples?.map((x) => x.metric)).toEqual(['kafka.broker.bytes_in']);
  expect(server.stats()).toMatchObject({ clients: 1, serialized: 1 });
  s.close();
});

test("relative ranges end at the server's clock, not the machine's", async () => {
  const asked: { series?: SeriesQuery; events?: EventsQuery } = {};
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const { base } = await serve({
    clock,
    readModel: {
      ...readModel,
      series: async (q) => ((asked.series = q), readModel.series(q)),
      events: async (q) => ((asked.events = q), readModel.events(q)),
    },
  });
  expect((await fetch(base + '/api/v1/clusters/c1/series?metric=kafka.broker.bytes_in', { headers: READ })).status).toBe(200);
  expect(asked.series).toMatchObject({ from: clock.now() - DEFAULT_RANGE_MS, to: clock.now() });
  clock.advance(60_000);
  expect((await fetch(base + '/api/v1/clusters/c1/events', { headers: READ })).status).toBe(200);
  expect(asked.events?.to).toBe(clock.now());
});

test('stop is idempotent and safe before start', async () => {
  const { server } = await serve();
  await Promise.all([server.stop(), server.stop()]);
  await server.stop();
  const never = createApiServer({ readModel, liveFeed: new LiveFeedHub(), config: { host: '127.0.0.1', port: 0, corsOrigins: [] }, log: silentLogger });
  await never.stop();
  await never.stop();
});

test('pure: upgrade origins and catalogue kinds', () => {
  expect(upgradeOriginAllowed(undefined, 'h:1', [])).toBe(true);
  expect(upgradeOriginAllowed('http://h:1', 'h:1', [])).toBe(true);
  expect(upgradeOriginAllowed('http://other:1', 'h:1', [])).toBe(false);
  expect(upgradeOriginAllowed('http://other:1', 'h:1', ['http://other:1'])).toBe(true);
  expect(upgradeOriginAllowed('not a url', 'h:1', [])).toBe(false);
  expect([
    ...metricKindsOf([
      { id: 'jvm.heap.used', appliesTo: 'kafka-broker' },
      { id: 'jvm.heap.used', appliesTo: 'zookeeper' },
      { id: 'jvm.heap.used', appliesTo: 'kafka-broker' },
      { id: 'zookeeper.up', appliesTo: 'zookeeper' },
    ]),
  ]).toEqual([['zookeeper.up', 'zookeeper']]);
});
