import { groupByMetric } from '../../../sidecar/src/alerts/alert-engine';
import { DEFAULT_RULES } from '../../../sidecar/src/alerts/default-rules';
import { evaluate, type LatestValue } from '../../../sidecar/src/alerts/evaluate';
import type { AlertState } from '../../../sidecar/src/core/alert';
import type { AlertRule } from '../../../sidecar/src/core/alert';

const rule = (id: string): AlertRule => {
  const r = DEFAULT_RULES.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
};
const v = (metric: string, target: string, value: number, labels: Record<string, string> = {}, kind?: LatestValue['kind']): LatestValue => ({
  metric,
  target,
  value,
  labels,
  ts: 0,
  kind,
});

/** Steps a rule through time: [t, values] → the status per subject and transitions after each step. */
function run(r: AlertRule, steps: Array<[number, LatestValue[]]>): Array<{ t: number; status: Record<string, string>; fired: string[]; resolved: string[] }> {
  let prev = new Map<string, AlertState>();
  return steps.map(([t, values]) => {
    const { states, transitions } = evaluate(r, values, prev, t);
    prev = states;
    return {
      t,
      status: Object.fromEntries([...states].map(([s, st]) => [s, st.status])),
      fired: transitions.filter((x) => x.kind === 'fired').map((x) => x.subject),
      resolved: transitions.filter((x) => x.kind === 'resolved').map((x) => x.subject),
    };
  });
}

test('for-duration: pending, then firing after forMs, then resolved', () => {
  const r = rule('network-idle'); // < 0.3 for 5 min
  expect(
    run(r, [
      [0, [v(r.metric, 'broker-1', 0.9)]],
      [60_000, [v(r.metric, 'broker-1', 0.2)]],
      [300_000, [v(r.metric, 'broker-1', 0.1)]],
      [360_000, [v(r.metric, 'broker-1', 0.1)]],
      [420_000, [v(r.metric, 'broker-1', 0.1)]],
      [480_000, [v(r.metric, 'broker-1', 0.8)]],
    ]),
  ).toEqual([
    { t: 0, status: {}, fired: [], resolved: [] },
    { t: 60_000, status: { 'broker-1': 'pending' }, fired: [], resolved: [] },
    { t: 300_000, status: { 'broker-1': 'pending' }, fired: [], resolved: [] },
    { t: 360_000, status: { 'broker-1': 'firing' }, fired: ['broker-1'], resolved: [] },
    { t: 420_000, status: { 'broker-1': 'firing' }, fired: [], resolved: [] },
    { t: 480_000, status: {}, fired: [], resolved: ['broker-1'] },
  ]);
});

test('a condition that clears while pending never fires', () => {
  const r = rule('network-idle');
  const steps = run(r, [
    [0, [v(r.metric, 'b', 0.1)]],
    [60_000, [v(r.metric, 'b', 0.5)]],
    [400_000, [v(r.metric, 'b', 0.1)]],
  ]);
  expect(steps.flatMap((s) => s.fired)).toEqual([]);
  expect(steps[2]?.status).toEqual({ b: 'pending' });
});

test('zero for-duration fires at once; each series is its own alert', () => {
  const r = rule('under-replicated');
  expect(run(r, [[0, [v(r.metric, 'broker-1', 0), v(r.metric, 'broker-2', 3)]]])[0]).toEqual({
    t: 0,
    status: { 'broker-2': 'firing' },
    fired: ['broker-2'],
    resolved: [],
  });
});

test('a series that disappears resolves its alert', () => {
  const r = rule('under-replicated');
  expect(
    run(r, [
      [0, [v(r.metric, 'broker-2', 3)]],
      [10_000, []],
    ])[1]?.resolved,
  ).toEqual(['broker-2']);
});

test('cluster rules combine series: controllers summed must be 1', () => {
  const r = rule('active-controller'); // != 1 for 30 s
  const m = r.metric;
  expect(
    run(r, [
      [0, [v(m, 'broker-1', 1), v(m, 'broker-2', 0)]],
      [10_000, [v(m, 'broker-1', 1), v(m, 'broker-2', 1)]],
      [40_000, [v(m, 'broker-1', 1), v(m, 'broker-2', 1)]],
      [50_000, [v(m, 'broker-1', 0), v(m, 'broker-2', 1)]],
    ]).map((s) => [s.status, s.fired, s.resolved]),
  ).toEqual([
    [{}, [], []],
    [{ '': 'pending' }, [], []],
    [{ '': 'firing' }, [''], []],
    [{}, [], ['']],
  ]);
});

test('labelled series (consumer groups) get one alert each', () => {
  const r = rule('consumer-lag');
  const out = run(r, [
    [0, [v(r.metric, 'cluster', 500, { group: 'a' }), v(r.metric, 'cluster', 5, { group: 'b' })]],
    [120_000, [v(r.metric, 'cluster', 700, { group: 'a' })]],
  ]);
  expect(out[1]?.fired).toEqual(['cluster{group=a}']);
});

test('kind filter: jvm.* ids are shared by kinds, the swap rule only watches brokers', () => {
  const r = { ...rule('swap'), forMs: 0 };
  expect(run(r, [[0, [v(r.metric, 'zk-1', 100, {}, 'zookeeper'), v(r.metric, 'broker-1', 100, {}, 'kafka-broker')]]])[0]?.fired).toEqual(['broker-1']);
});

test.each([
  // quorum_size 3 → majority 2: leader + 1 synced follower is enough, + 0 is not
  [3, 1, false],
  [3, 0, true],
  [5, 2, false],
  [5, 1, true],
])('ZooKeeper quorum: size %d, synced followers %d → lost %p', (size, synced, lost) => {
  const r = rule('zk-quorum');
  const values = [v('zookeeper.quorum_size', 'zk-1', size), v('zookeeper.synced_followers', 'zk-2', synced)];
  expect(run(r, [[0, values]])[0]?.fired).toEqual(lost ? [''] : []);
});

test('a disabled rule resolves what it had fired and stays quiet', () => {
  const r = rule('under-replicated');
  const firing = evaluate(r, [v(r.metric, 'b', 1)], new Map(), 0).states;
  const off = evaluate({ ...r, enabled: false }, [v(r.metric, 'b', 1)], firing, 10);
  expect(off.transitions.map((t) => t.kind)).toEqual(['resolved']);
  expect(off.states.size).toBe(0);
});

test("every default rule gives the same result from its own metric's values (+ all values) as from all values", () => {
  const all: LatestValue[] = [];
  for (const r of DEFAULT_RULES)
    for (const t of ['broker-1', 'broker-2', 'zk-1']) all.push(v(r.metric, t, r.threshold), v(r.metric, t, r.threshold + 1, { topic: 'x' }));
  all.push(v('zookeeper.quorum_size', 'zk-1', 3));
  const byMetric = groupByMetric(all);
  for (const r of DEFAULT_RULES) {
    expect(evaluate(r, byMetric.get(r.metric) ?? [], new Map(), 1000, all)).toEqual(evaluate(r, all, new Map(), 1000));
  }
  expect([...byMetric.values()].flat()).toHaveLength(all.length);
});

test('a cluster sum that overflows to Infinity is no data: no state, no transition carries a non-finite value', () => {
  const r: AlertRule = { ...rule('network-idle'), id: 'sum-above', scope: 'cluster', agg: 'sum', op: '>', threshold: 10, forMs: 0 };
  const huge = [v(r.metric, 'broker-1', 1.7e308), v(r.metric, 'broker-2', 1.7e308)];
  const { states, transitions } = evaluate(r, huge, new Map(), 1000);
  expect(states.size).toBe(0);
  expect(transitions).toEqual([]);
  const fired = evaluate(r, [v(r.metric, 'broker-1', 11)], new Map(), 1000);
  const after = evaluate(r, huge, fired.states, 2000);
  expect(after.states.size).toBe(0);
  expect(after.transitions).toEqual([{ ruleId: 'sum-above', subject: '', kind: 'resolved', at: 2000, value: undefined }]);
});
