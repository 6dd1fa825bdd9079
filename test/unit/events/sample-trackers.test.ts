import { SampleTrackers, UncleanElectionTracker, UNCLEAN_ELECTIONS } from '../../../sidecar/src/events/sample-trackers';
import type { Sample } from '../../../sidecar/src/core/model';

const sample = (target: string, metric: string, value: number, ts: number, labels: Record<string, string> = {}): Sample => ({
  clusterId: 'c1',
  target,
  metric,
  labels,
  ts,
  value,
});

describe('UncleanElectionTracker', () => {
  test.each([
    ['never any', [0, 0, 0], [false, false, false]],
    ['one election (one non-zero rate)', [0, 0.1, 0], [false, true, false]],
    ['a burst over two collections: one event', [0, 0.2, 0.1, 0], [false, true, false, false]],
    ['two bursts: two events', [0.1, 0, 0.3], [true, false, true]],
  ])('%s', (_, rates, want) => {
    const t = new UncleanElectionTracker();
    expect(rates.map((v, i) => t.observe('c1', 'broker-1', [sample('broker-1', UNCLEAN_ELECTIONS, v, i)]).length === 1)).toEqual(want);
  });

  test('per broker and cluster; the event names the broker and is critical', () => {
    const t = new UncleanElectionTracker();
    t.observe('c1', 'broker-1', [sample('broker-1', UNCLEAN_ELECTIONS, 0.1, 1)]);
    const [e] = t.observe('c1', 'broker-2', [sample('broker-2', UNCLEAN_ELECTIONS, 0.1, 2)]);
    expect(e).toMatchObject({ clusterId: 'c1', ts: 2, kind: 'unclean-election', severity: 'critical', subject: 'broker-2', value: 0.1 });
    expect(e?.message).toMatch(/^Unclean leader election on broker-2 \(controller\): .*may be lost/);
    expect(t.observe('c2', 'broker-1', [sample('broker-1', UNCLEAN_ELECTIONS, 0.1, 3)])).toHaveLength(1);
  });
});

describe('SampleTrackers', () => {
  test('routes every landed batch to every tracker; empty batches give nothing', () => {
    const t = new SampleTrackers();
    expect(t.observe('c1', 'zk-1', [])).toEqual([]);
    const zk = (ts: number, leader: string) =>
      ['zk-1', 'zk-2'].flatMap((k) => t.observe('c1', k, [sample(k, 'zookeeper.up', 1, ts), sample(k, 'zookeeper.is_leader', k === leader ? 1 : 0, ts)]));
    const lag = (ts: number, state: number) => t.observe('c1', 'cluster', [sample('cluster', 'kafka.consumer_group.state', state, ts, { group: 'g' })]);
    expect([...zk(1, 'zk-1'), ...zk(2, 'zk-1'), ...lag(1, 3)]).toEqual([]);
    const events = [...zk(3, 'zk-2'), ...lag(2, 1), ...t.observe('c1', 'broker-3', [sample('broker-3', UNCLEAN_ELECTIONS, 1, 3)])];
    expect(events.map((e) => [e.kind, e.subject])).toEqual([
      ['zk-leader-changed', 'zk-2'],
      ['group-rebalance', 'group=g'],
      ['unclean-election', 'broker-3'],
    ]);
  });
});
