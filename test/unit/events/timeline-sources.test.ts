import type { ClusterState } from '../../../sidecar/src/events/cluster-state';
import { TimelineSources } from '../../../sidecar/src/events/timeline-sources';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { CollectorError } from '../../../sidecar/src/core/collection';

const reading = (leader: number, isr: number[]): ClusterState => ({
  controller: 1,
  controllerEpoch: 1,
  liveBrokers: [1, 2, 3],
  topics: new Map([['orders', new Map([[0, { leader, leaderEpoch: 1, isr }]])]]),
});

describe('TimelineSources.pollClusterState', () => {
  test('baseline first, then changes; a failed reading rejects and keeps the previous one', async () => {
    const script: (ClusterState | Error)[] = [reading(1, [1, 2, 3]), reading(1, [1, 3]), new CollectorError('TIMEOUT', 'slow', true), reading(1, [1, 3, 2])];
    const calls: unknown[] = [];
    const src = new TimelineSources({
      clock: new ManualClock(42),
      concurrency: 3,
      readState: async (zk, timeoutMs, opts) => {
        calls.push([zk, timeoutMs, opts]);
        const next = script.shift();
        if (next instanceof Error) throw next;
        return next as ClusterState;
      },
    });
    expect(await src.pollClusterState('c1', 'zk:2181/kafka', 900)).toEqual([]);
    expect((await src.pollClusterState('c1', 'zk:2181/kafka', 900)).map((e) => [e.kind, e.subject, e.ts])).toEqual([['isr-shrink', 'orders/0', 42]]);
    await expect(src.pollClusterState('c1', 'zk:2181/kafka', 900)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(src.lastState('c1')?.topics.get('orders')?.get(0)?.isr).toEqual([1, 3]);
    expect((await src.pollClusterState('c1', 'zk:2181/kafka', 900)).map((e) => e.kind)).toEqual(['isr-expand']);
    expect(calls[0]).toEqual(['zk:2181/kafka', 900, { concurrency: 3 }]);
  });

  test('clusters have their own baselines', async () => {
    const src = new TimelineSources({ readState: async () => reading(2, [2]) });
    expect(await src.pollClusterState('a', 'x', 1)).toEqual([]);
    expect(await src.pollClusterState('b', 'x', 1)).toEqual([]);
    expect(await src.pollClusterState('a', 'x', 1)).toEqual([]);
  });

  test('job outcomes and samples pass through to their trackers', () => {
    const src = new TimelineSources();
    expect(src.jobFinished('cluster-state', 'ZooKeeper down', 1, ['c1']).map((e) => e.kind)).toEqual(['job-failing']);
    expect(src.jobFinished('cluster-state', undefined, 2, ['c1']).map((e) => e.kind)).toEqual(['job-recovered']);
    expect(
      src
        .observe('c1', 'broker-1', [{ clusterId: 'c1', target: 'broker-1', metric: 'kafka.controller.unclean_leader_elections', labels: {}, ts: 1, value: 1 }])
        .map((e) => e.kind),
    ).toEqual(['unclean-election']);
  });
});
