/** Rule changes through the service: validated, stored, then in force in the engine (a stepped evaluation proves it). */
import { AlertEngine } from '../../../sidecar/src/alerts/alert-engine';
import { DEFAULT_RULES } from '../../../sidecar/src/alerts/default-rules';
import type { StoredRule } from '../../../sidecar/src/store/rule-store';
import { RuleChangeError } from '../../../sidecar/src/alerts/rule-error';
import { RuleService } from '../../../sidecar/src/app/rule-service';
import { silentLogger } from '../../../sidecar/src/log/logger';
import type { Sample } from '../../../sidecar/src/core/model';

class MemoryRuleStore {
  rows = new Map<string, StoredRule>();
  failing = false;
  async load(): Promise<StoredRule[]> {
    if (this.failing) throw new Error('connect ECONNREFUSED');
    return [...this.rows.values()];
  }
  async save(_c: string, r: StoredRule): Promise<void> {
    if (this.failing) throw new Error('connect ECONNREFUSED');
    this.rows.set(r.ruleId, r);
  }
  async remove(_c: string, id: string): Promise<void> {
    if (this.failing) throw new Error('connect ECONNREFUSED');
    this.rows.delete(id);
  }
}

function setup(store = new MemoryRuleStore()) {
  const engine = new AlertEngine(DEFAULT_RULES, 60_000);
  const service = new RuleService({
    store,
    engine,
    defaults: DEFAULT_RULES,
    knownMetric: (id) => ['jvm.heap.used', 'kafka.consumer_group.total_lag', 'target.up'].includes(id),
    targetsOf: (c) => (c === '1' ? ['broker-1', 'broker-2'] : undefined),
    log: silentLogger,
  });
  return { store, engine, service };
}

const lag = (value: number, ts: number): Sample => ({
  clusterId: '1',
  target: 'cluster',
  metric: 'kafka.consumer_group.total_lag',
  labels: { group: 'g' },
  ts,
  value,
});
const heap = (target: string, value: number, ts: number): Sample => ({ clusterId: '1', target, metric: 'jvm.heap.used', labels: {}, ts, value });

test('a changed threshold and for-duration are stored and in force at the next evaluation', async () => {
  const { store, engine, service } = setup();
  await service.load('1');
  engine.observe('1', [lag(100, 0)], () => 'kafka-cluster');
  expect(engine.evaluate('1', 0)).toEqual([]); // default: > 50 for 2 min → pending
  const changed = await service.update('1', 'consumer-lag', { threshold: 500, forMs: 0 });
  expect(changed).toMatchObject({ id: 'consumer-lag', threshold: 500, forMs: 0, modified: true, defaults: { threshold: 50 } });
  expect(JSON.parse(store.rows.get('consumer-lag')?.json ?? '{}')).toEqual({ threshold: 500, forMs: 0 });
  expect(engine.evaluate('1', 1000)).toEqual([]);
  expect(engine.active('1').filter((a) => a.ruleId === 'consumer-lag')).toEqual([]);
  engine.observe('1', [lag(600, 2000)], () => 'kafka-cluster');
  expect(engine.evaluate('1', 2000)).toEqual([{ ruleId: 'consumer-lag', subject: 'cluster{group=g}', kind: 'fired', at: 2000, value: 600 }]);
});

test('reset to defaults removes the stored row; a restart (load) keeps stored changes', async () => {
  const { store, service } = setup();
  await service.load('1');
  await service.update('1', 'swap', { enabled: false });
  const again = setup(store);
  await again.service.load('1');
  expect(again.service.list('1').find((r) => r.id === 'swap')).toMatchObject({ enabled: false, modified: true });
  expect(await again.service.remove('1', 'swap')).toMatchObject({ id: 'swap', enabled: true, modified: false });
  expect(store.rows.has('swap')).toBe(false);
  expect(await again.service.update('1', 'swap', { enabled: true })).toMatchObject({ modified: false });
  expect(store.rows.has('swap')).toBe(false);
});

test('a per-target custom rule fires only for its target; deleting it resolves its alert', async () => {
  const { engine, service } = setup();
  await service.load('1');
  const rule = await service.create('1', { metric: 'jvm.heap.used', target: 'broker-2', op: '>', threshold: 100, severity: 'critical' });
  expect(rule.id).toMatch(/^custom-[0-9a-f]{8}$/);
  engine.observe('1', [heap('broker-1', 500, 0), heap('broker-2', 500, 0)], () => 'kafka-broker');
  expect(engine.evaluate('1', 0)).toEqual([{ ruleId: rule.id, subject: 'broker-2', kind: 'fired', at: 0, value: 500 }]);
  expect(await service.remove('1', rule.id)).toEqual({ deleted: true });
  expect(engine.evaluate('1', 1000)).toEqual([{ ruleId: rule.id, subject: 'broker-2', kind: 'resolved', at: 1000, value: 500 }]);
  expect(service.list('1').some((r) => r.id === rule.id)).toBe(false);
});

test.each<[string, () => Promise<unknown>, string, string | undefined]>([
  ['unknown cluster', () => setupLoaded().then((s) => s.update('9', 'swap', { enabled: false })), 'NOT_FOUND', undefined],
  ['unknown rule', () => setupLoaded().then((s) => s.update('1', 'nope', { enabled: false })), 'NOT_FOUND', undefined],
  ['bad threshold', () => setupLoaded().then((s) => s.update('1', 'swap', { threshold: 'high' })), 'BAD_INPUT', 'threshold'],
  ['op on a built-in', () => setupLoaded().then((s) => s.update('1', 'swap', { op: '<' })), 'BAD_INPUT', 'op'],
  ['unknown metric', () => setupLoaded().then((s) => s.create('1', { metric: 'kafka.nothing', op: '>', threshold: 1 })), 'BAD_INPUT', 'metric'],
  [
    'unknown target',
    () => setupLoaded().then((s) => s.create('1', { metric: 'jvm.heap.used', target: 'broker-9', op: '>', threshold: 1 })),
    'BAD_INPUT',
    'target',
  ],
])('%s → %s', async (_n, call, code, param) => {
  const err = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuleChangeError);
  expect(err).toMatchObject({ code, param });
});

async function setupLoaded(): Promise<RuleService> {
  const { service } = setup();
  await service.load('1');
  return service;
}

test('a store failure: the change is refused and nothing changes in force; loading falls back to defaults', async () => {
  const store = new MemoryRuleStore();
  const { engine, service } = setup(store);
  store.failing = true;
  await service.load('1');
  expect(service.list('1')).toHaveLength(DEFAULT_RULES.length);
  await expect(service.update('1', 'consumer-lag', { threshold: 1 })).rejects.toThrow(/ECONNREFUSED/);
  expect(engine.rule('1', 'consumer-lag')?.threshold).toBe(50);
});

test('concurrent changes of one cluster are applied one after the other (no lost update)', async () => {
  const { store, service } = setup();
  await service.load('1');
  await Promise.all([service.update('1', 'consumer-lag', { threshold: 70 }), service.update('1', 'consumer-lag', { enabled: false })]);
  expect(JSON.parse(store.rows.get('consumer-lag')?.json ?? '{}')).toEqual({ threshold: 70, enabled: false });
});

test('a target going down drops its earlier values: a stopped ZooKeeper leader no longer counts as leader', () => {
  const engine = new AlertEngine(DEFAULT_RULES, 60_000);
  const zk = (target: string, metric: string, value: number, ts: number): Sample => ({ clusterId: '1', target, metric, labels: {}, ts, value });
  engine.observe('1', [zk('zk-1', 'zookeeper.is_leader', 1, 0), zk('zk-2', 'zookeeper.is_leader', 0, 0)], () => 'zookeeper', 'zookeeper');
  engine.observe('1', [zk('zk-1', 'jvm.heap.used', 1e8, 0)], () => 'zookeeper', 'jmx');
  // zk-1 stops; zk-2 takes over; zk-1's failed run reports only up = 0
  const down = [zk('zk-1', 'zookeeper.up', 0, 5000)];
  engine.observe('1', down, () => 'zookeeper', 'zookeeper');
  engine.observeHealth('1', 'zk-1', 'zookeeper', 'down', 'zookeeper', 5000, down);
  engine.observe('1', [zk('zk-2', 'zookeeper.is_leader', 1, 5000)], () => 'zookeeper', 'zookeeper');
  // the jmx job failing later on zk-1 keeps the zookeeper job's up = 0 (zk-down must not resolve)
  engine.observeHealth('1', 'zk-1', 'jmx', 'down', 'zookeeper', 6000, []);
  expect(engine.values('1', 6000).some((v) => v.target === 'zk-1' && v.metric === 'jvm.heap.used')).toBe(false);
  const leaders = engine.values('1', 5000).filter((v) => v.metric === 'zookeeper.is_leader' && v.value === 1);
  expect(leaders.map((v) => v.target)).toEqual(['zk-2']);
  expect(engine.values('1', 5000).find((v) => v.target === 'zk-1' && v.metric === 'zookeeper.up')?.value).toBe(0);
  engine.evaluate('1', 5000);
  engine.evaluate('1', 40_000);
  expect(engine.active('1').filter((a) => a.ruleId === 'zk-leaders')).toEqual([]);
});
