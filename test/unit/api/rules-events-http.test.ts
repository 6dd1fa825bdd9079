/** Rule endpoints (read token reads, admin token writes, JSON errors) and timeline events pushed on the socket. */
import WebSocket from 'ws';
import { AlertEngine } from '../../../sidecar/src/alerts/alert-engine';
import { DEFAULT_RULES } from '../../../sidecar/src/alerts/default-rules';
import type { StoredRule } from '../../../sidecar/src/store/rule-store';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import { RuleService } from '../../../sidecar/src/app/rule-service';
import type { EventDto } from '../../../sidecar/src/api/dto';
import type { ReadModel } from '../../../sidecar/src/api/ports';
import { createApiServer, type ApiServer } from '../../../sidecar/src/api/server';
import { silentLogger } from '../../../sidecar/src/log/logger';

const rows = new Map<string, StoredRule>();
const store = {
  load: async () => [...rows.values()],
  save: async (_c: string, r: StoredRule) => void rows.set(r.ruleId, r),
  remove: async (_c: string, id: string) => void rows.delete(id),
};
const engine = new AlertEngine(DEFAULT_RULES, 60_000);
const rules = new RuleService({
  store,
  engine,
  defaults: DEFAULT_RULES,
  knownMetric: (m) => m === 'jvm.heap.used',
  targetsOf: () => ['broker-1'],
  log: silentLogger,
});

const readModel = {
  clusters: async () => [],
  catalog: async () => [],
  snapshot: async (q: { cluster: string; view: 'kafka' | 'zookeeper' }) => ({ cluster: q.cluster, view: q.view, ts: 1, targets: [], samples: [] }),
} as unknown as ReadModel;

const feed = new LiveFeedHub();
let server: ApiServer;
let base = '';
beforeAll(async () => {
  await rules.load('1');
  server = createApiServer({
    readModel,
    liveFeed: feed,
    rules,
    config: { host: '127.0.0.1', port: 0, readToken: 'read-me', adminToken: 'admin-me', corsOrigins: [] },
    log: silentLogger,
  });
  base = (await server.start()).url + '/api/v1';
});
afterAll(() => server.stop());

const READ = { Authorization: 'Bearer read-me' };
const ADMIN = { Authorization: 'Bearer admin-me', 'Content-Type': 'application/json' };
const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; param?: string } } };
};

test('GET rules with the read token lists the built-in rules with their defaults', async () => {
  const r = await call('GET', '/clusters/1/rules', READ);
  expect(r.status).toBe(200);
  const list = r.body as unknown as Array<{ id: string; origin: string; defaults: unknown }>;
  expect(list.map((x) => x.id)).toEqual(DEFAULT_RULES.map((x) => x.id));
  expect(list[0]).toMatchObject({ origin: 'builtin', modified: false, defaults: expect.any(Object) });
  expect((await call('GET', '/clusters/1/rules?x=1', READ)).status).toBe(400);
  expect((await call('GET', '/clusters/9/rules', READ)).status).toBe(404);
});

test('writes need the admin token: none 401, read token 401, admin 200 and the change is in force', async () => {
  expect((await call('PUT', '/admin/clusters/1/rules/swap', { 'Content-Type': 'application/json' }, { enabled: false })).status).toBe(401);
  expect((await call('PUT', '/admin/clusters/1/rules/swap', { ...READ, 'Content-Type': 'application/json' }, { enabled: false })).status).toBe(401);
  const ok = await call('PUT', '/admin/clusters/1/rules/swap', ADMIN, { enabled: false, threshold: 1024 });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ id: 'swap', enabled: false, threshold: 1024, modified: true });
  expect(engine.rule('1', 'swap')).toMatchObject({ enabled: false, threshold: 1024 });
  const reset = await call('DELETE', '/admin/clusters/1/rules/swap', ADMIN);
  expect(reset.body).toMatchObject({ id: 'swap', enabled: true, modified: false });
});

test.each<[string, string, string, unknown, number, string | undefined]>([
  ['bad threshold', 'PUT', '/admin/clusters/1/rules/swap', { threshold: 'high' }, 400, 'threshold'],
  ['unknown field', 'PUT', '/admin/clusters/1/rules/swap', { treshold: 1 }, 400, undefined],
  ['malformed JSON', 'PUT', '/admin/clusters/1/rules/swap', '{"threshold":', 400, undefined],
  ['unknown rule', 'PUT', '/admin/clusters/1/rules/nope', { threshold: 1 }, 404, undefined],
  ['bad rule id', 'PUT', '/admin/clusters/1/rules/%3Cimg%3E', { threshold: 1 }, 400, 'id'],
  ['unknown target', 'POST', '/admin/clusters/1/rules', { metric: 'jvm.heap.used', target: 'broker-7', op: '>', threshold: 1 }, 400, 'target'],
  ['unknown metric', 'POST', '/admin/clusters/1/rules', { metric: 'x.y', op: '>', threshold: 1 }, 400, 'metric'],
])('%s: %s %s', async (_n, method, path, body, status, param) => {
  const r = await call(method, path, ADMIN, body);
  expect(r.status).toBe(status);
  expect(r.body.error?.message).toEqual(expect.any(String));
  if (param) expect(r.body.error?.param).toBe(param);
  expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|node_modules/);
});

test('POST creates a custom per-target rule (201), DELETE removes it', async () => {
  const created = await call('POST', '/admin/clusters/1/rules', ADMIN, {
    metric: 'jvm.heap.used',
    target: 'broker-1',
    op: '>',
    threshold: 5e8,
    severity: 'critical',
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  expect(created.body).toMatchObject({ origin: 'custom', target: 'broker-1', severity: 'critical' });
  expect(((await call('GET', '/clusters/1/rules', READ)).body as unknown as Array<{ id: string }>).some((r) => r.id === id)).toBe(true);
  expect((await call('DELETE', `/admin/clusters/1/rules/${id}`, ADMIN)).body).toEqual({ deleted: true });
  expect((await call('DELETE', `/admin/clusters/1/rules/${id}`, ADMIN)).status).toBe(404);
});

test('recorded events are pushed to sockets subscribed to any view of their cluster, and only those', async () => {
  const open = async (): Promise<{ ws: WebSocket; got: Array<{ type: string; event?: EventDto }> }> => {
    const ws = new WebSocket(base.replace('http', 'ws') + '/ws?token=read-me');
    const got: Array<{ type: string; event?: EventDto }> = [];
    ws.on('message', (d) => got.push(JSON.parse(String(d))));
    await new Promise((r) => ws.on('open', r));
    return { ws, got };
  };
  const zk = await open();
  const other = await open();
  zk.ws.send(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'zookeeper' }));
  other.ws.send(JSON.stringify({ type: 'subscribe', cluster: '2', view: 'kafka' }));
  for (let i = 0; i < 50 && (zk.got.length < 1 || other.got.length < 1); i++) await new Promise((r) => setTimeout(r, 20));
  const event: EventDto = {
    id: 7,
    ts: 1000,
    kind: 'target-down',
    severity: 'critical',
    subject: '<img src=x onerror=alert(1)>',
    ruleId: null,
    metric: null,
    value: null,
    message: 'down',
  };
  feed.publishEvents({ clusterId: '1', events: [event] });
  for (let i = 0; i < 50 && zk.got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  expect(zk.got.filter((m) => m.type === 'event')).toEqual([{ type: 'event', cluster: '1', event }]);
  expect(other.got.filter((m) => m.type === 'event')).toEqual([]);
  zk.ws.close();
  other.ws.close();
});
