/** The HTTP server with an in-memory read model: auth, CORS, JSON errors, the live socket. */
import WebSocket from 'ws';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import { silentLogger } from '../../../sidecar/src/log/logger';
import { createApiServer, tokenMatches, type ApiServer } from '../../../sidecar/src/api/server';
import { notFound } from '../../../sidecar/src/api/errors';
import type { ReadModel } from '../../../sidecar/src/api/ports';
import { sumBy, singleKindMap } from '../../../sidecar/src/api/read-model-mysql';

const snapshot = { cluster: '1', view: 'kafka' as const, ts: 1, targets: [], samples: [] };
const readModel: ReadModel = {
  clusters: async () => [{ id: '1', name: 'local', targets: 1, up: 1, down: 0 }],
  targets: async (c) => {
    if (c !== '1') throw notFound(`unknown cluster "${c}"`);
    return [];
  },
  catalog: async () => [],
  snapshot: async () => snapshot,
  series: async () => {
    throw new Error('SELECT secret FROM somewhere failed at line 42');
  },
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

let server: ApiServer;
let base: string;
const feed = new LiveFeedHub();

beforeAll(async () => {
  server = createApiServer({
    readModel,
    liveFeed: feed,
    config: { host: '127.0.0.1', port: 0, readToken: 'read-me', adminToken: 'admin-me', corsOrigins: ['http://flamingo:8080'] },
    log: silentLogger,
    kinds: { metric: () => new Map([['kafka.broker.bytes_in', 'kafka-broker']]), target: () => 'kafka-broker' },
  });
  base = (await server.start()).url;
});
afterAll(() => server.stop());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(base + path, { headers });

test('health needs no token; reads need the read token (header or ?token=)', async () => {
  expect((await get('/api/v1/health')).status).toBe(200);
  const no = await get('/api/v1/clusters');
  expect(no.status).toBe(401);
  expect(await no.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } });
  expect((await get('/api/v1/clusters', { Authorization: 'Bearer read-me' })).status).toBe(200);
  expect((await get('/api/v1/clusters?token=read-me')).status).toBe(200);
  expect((await get('/api/v1/clusters?token=read-mf')).status).toBe(401);
});

test('the read token never opens admin endpoints', async () => {
  expect((await get('/api/v1/admin/rules', { Authorization: 'Bearer read-me' })).status).toBe(401);
  expect((await get('/api/v1/admin/rules', { Authorization: 'Bearer admin-me' })).status).toBe(404);
});

test('CORS only for configured origins', async () => {
  const ok = await get('/api/v1/health', { Origin: 'http://flamingo:8080' });
  expect(ok.headers.get('access-control-allow-origin')).toBe('http://flamingo:8080');
  const other = await get('/api/v1/health', { Origin: 'http://evil.example' });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test('errors are JSON: 400 for a bad parameter, 404 unknown cluster or route, 500 without details', async () => {
  const auth = { Authorization: 'Bearer read-me' };
  const bad = await get('/api/v1/clusters/1/series?metric=nope', auth);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('metric');
  expect((await get('/api/v1/clusters/9/targets', auth)).status).toBe(404);
  expect((await get('/api/v1/nothing', auth)).status).toBe(404);
  const boom = await get('/api/v1/clusters/1/series?metric=kafka.broker.bytes_in', auth);
  expect(boom.status).toBe(500);
  const text = await boom.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
  expect(text).not.toMatch(/SELECT|line 42|at /);
});

test('the socket: token on upgrade, snapshot on subscribe, updates pushed as batches land, errors for bad messages', async () => {
  await expect(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(base.replace('http', 'ws') + '/api/v1/ws');
      ws.on('open', () => reject(new Error('opened without token')));
      ws.on('error', resolve);
    }),
  ).resolves.toBeTruthy();
  const ws = new WebSocket(base.replace('http', 'ws') + '/api/v1/ws?token=read-me');
  const messages: Array<{ type: string; samples?: unknown[] }> = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  await new Promise((r) => ws.on('open', r));
  ws.send('{not json');
  ws.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' }));
  const until = async (n: number): Promise<void> => {
    for (let i = 0; i < 100 && messages.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  };
  await until(2);
  expect(messages.map((m) => m.type)).toEqual(['error', 'snapshot']);
  feed.publish({
    clusterId: '1',
    samples: [{ clusterId: '1', target: 'broker-1', metric: 'kafka.broker.bytes_in', labels: {}, ts: 5, value: 7 }],
    targets: [],
  });
  feed.publish({
    clusterId: '2',
    samples: [{ clusterId: '2', target: 'broker-1', metric: 'kafka.broker.bytes_in', labels: {}, ts: 5, value: 7 }],
    targets: [],
  });
  await until(3);
  await new Promise((r) => setTimeout(r, 100));
  expect(messages.map((m) => m.type)).toEqual(['error', 'snapshot', 'update']);
  expect(messages[2]?.samples).toEqual([{ metric: 'kafka.broker.bytes_in', target: 'broker-1', labels: {}, ts: 5, value: 7 }]);
  ws.close();
});

test('pure helpers: constant-time token check, summing by dimensions, single-kind ids', () => {
  expect(tokenMatches(undefined, undefined)).toBe(true);
  expect(tokenMatches('a', 'a')).toBe(true);
  expect(tokenMatches('a', 'ab')).toBe(false);
  expect(tokenMatches('a', undefined)).toBe(false);
  const s = (target: string, topic: string, points: Array<[number, number]>) => ({ target, labels: { topic }, points });
  expect(
    sumBy(
      [
        s('b1', 'x', [
          [1, 1],
          [2, 2],
        ]),
        s('b2', 'x', [[1, 10]]),
        s('b1', 'y', [[1, 100]]),
      ],
      ['topic'],
    ),
  ).toEqual([
    {
      labels: { topic: 'x' },
      points: [
        [1, 11],
        [2, 2],
      ],
    },
    { labels: { topic: 'y' }, points: [[1, 100]] },
  ]);
  expect(sumBy([s('b1', 'x', [[1, 1]]), s('b2', 'y', [[1, 2]])], [])).toEqual([{ labels: {}, points: [[1, 3]] }]);
  const e = (id: string, appliesTo: 'kafka-broker' | 'zookeeper') => ({
    id,
    appliesTo,
    source: { kind: 'jmx' as const, mbean: 'a:b=c', attribute: 'V' },
    unit: 'x',
    type: 'gauge' as const,
    description: { en: '', ko: '' },
    origin: 'builtin' as const,
  });
  expect([...singleKindMap([e('jvm.heap.used', 'kafka-broker'), e('jvm.heap.used', 'zookeeper'), e('zookeeper.up', 'zookeeper')])]).toEqual([
    ['zookeeper.up', 'zookeeper'],
  ]);
});
