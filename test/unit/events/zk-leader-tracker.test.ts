import { leaderEvent, ZkLeaderTracker } from '../../../sidecar/src/events/zk-leader-tracker';
import type { Sample } from '../../../sidecar/src/core/model';

/** One server's batch: `L` leader, `F` follower, `D` down (up = 0), `J` not a ZooKeeper batch (JVM metrics only). */
function batch(target: string, role: 'L' | 'F' | 'D' | 'J', ts: number): Sample[] {
  const s = (metric: string, value: number): Sample => ({ clusterId: 'c1', target, metric, labels: {}, ts, value });
  if (role === 'J') return [s('jvm.heap.used', 1)];
  if (role === 'D') return [s('zookeeper.up', 0)];
  return [s('zookeeper.up', 1), s('zookeeper.is_leader', role === 'L' ? 1 : 0), s('zookeeper.server_state', role === 'L' ? 3 : 2)];
}

/** Feeds collections given as `zk-1=L zk-2=F zk-3=F` (in landing order), one per 10 s; returns the events' messages per collection. */
function run(tracker: ZkLeaderTracker, cycles: string[]): string[][] {
  return cycles.map((line, i) =>
    line
      .split(' ')
      .flatMap((pair) => {
        const [target, role] = pair.split('=') as [string, 'L' | 'F' | 'D' | 'J'];
        return tracker.observe('c1', target, batch(target, role, 1000 + i * 10_000));
      })
      .map((e) => `${e.severity} ${e.subject}: ${e.message}`),
  );
}

describe('ZkLeaderTracker', () => {
  test.each([
    ['steady leader: nothing', ['zk-1=L zk-2=F zk-3=F', 'zk-2=F zk-1=L zk-3=F', 'zk-3=F zk-1=L zk-2=F'], [[], [], []]],
    [
      'leader stopped, new one elected by the next collection',
      ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F', 'zk-1=D zk-2=F zk-3=L', 'zk-1=D zk-2=F zk-3=L'],
      [[], [], ['warning zk-3: ZooKeeper leader changed from zk-1 to zk-3'], []],
    ],
    [
      'the new leader lands first: no moment with two leaders',
      ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F', 'zk-3=L zk-2=F zk-1=D'],
      [[], [], ['warning zk-3: ZooKeeper leader changed from zk-1 to zk-3']],
    ],
    [
      'an election caught in the middle: no leader, then elected',
      ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F', 'zk-1=D zk-2=D zk-3=D', 'zk-1=D zk-2=L zk-3=F', 'zk-1=F zk-2=L zk-3=F'],
      [
        [],
        [],
        ['critical zk-1: ZooKeeper ensemble has no leader (was zk-1)'],
        ['warning zk-2: ZooKeeper leader elected: zk-2 (after a time with no leader; the last leader was zk-1)'],
        [],
      ],
    ],
    [
      'two servers claim to lead',
      ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=L'],
      [[], [], ['critical zk-1,zk-3: ZooKeeper reports 2 leaders: zk-1, zk-3 (was zk-1)']],
    ],
    [
      'the first collection only names the servers; the second is the baseline',
      ['zk-2=F zk-1=L zk-3=F', 'zk-1=D zk-2=F zk-3=L', 'zk-1=D zk-2=F zk-3=L'],
      [[], [], []],
    ],
    [
      'JVM batches of ZooKeeper servers are ignored',
      ['zk-1=L zk-1=J zk-2=F zk-3=F', 'zk-1=J zk-1=L zk-2=F zk-2=J zk-3=F', 'zk-1=J zk-1=L zk-2=F zk-3=F'],
      [[], [], []],
    ],
  ])('%s', (_, cycles, want) => {
    expect(run(new ZkLeaderTracker(), cycles)).toEqual(want);
  });

  test('an incomplete collection waits for the servers still missing', () => {
    const t = new ZkLeaderTracker();
    run(t, ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F']);
    expect(t.observe('c1', 'zk-3', batch('zk-3', 'L', 50_000))).toEqual([]);
    expect(t.observe('c1', 'zk-1', batch('zk-1', 'D', 50_000))).toEqual([]);
    expect(t.observe('c1', 'zk-2', batch('zk-2', 'F', 50_000)).map((e) => e.subject)).toEqual(['zk-3']);
  });

  test('a server silent for staleMs is no longer waited for', () => {
    const t = new ZkLeaderTracker(25_000);
    run(t, ['zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F zk-3=F', 'zk-1=L zk-2=F']);
    // zk-3 last reported at 11 000; at 41 000 it is older than 25 s: zk-1 and zk-2 are the ensemble
    expect(t.observe('c1', 'zk-1', batch('zk-1', 'D', 41_000))).toEqual([]);
    expect(t.observe('c1', 'zk-2', batch('zk-2', 'L', 41_000)).map((e) => e.message)).toEqual(['ZooKeeper leader changed from zk-1 to zk-2']);
  });

  test('clusters are tracked apart; events carry the cluster, the collection time and the number of leaders', () => {
    const t = new ZkLeaderTracker();
    const feed = (cluster: string, ts: number, roles: Record<string, 'L' | 'F' | 'D'>) =>
      Object.entries(roles).flatMap(([k, r]) => t.observe(cluster, k, batch(k, r, ts)));
    feed('a', 1, { 'zk-1': 'L', 'zk-2': 'F' });
    feed('b', 1, { 'zk-1': 'F', 'zk-2': 'L' });
    feed('a', 2, { 'zk-1': 'L', 'zk-2': 'F' });
    feed('b', 2, { 'zk-1': 'F', 'zk-2': 'L' });
    expect(feed('a', 3, { 'zk-1': 'L', 'zk-2': 'F' })).toEqual([]);
    expect(feed('b', 3, { 'zk-1': 'L', 'zk-2': 'F' })).toEqual([
      {
        clusterId: 'b',
        ts: 3,
        kind: 'zk-leader-changed',
        severity: 'warning',
        subject: 'zk-1',
        value: 1,
        message: 'ZooKeeper leader changed from zk-2 to zk-1',
      },
    ]);
  });
});

describe('leaderEvent', () => {
  test.each([
    [['zk-1'], ['zk-2'], undefined, 'warning', 'zk-2', 'ZooKeeper leader changed from zk-1 to zk-2'],
    [['zk-1'], [], undefined, 'critical', 'zk-1', 'ZooKeeper ensemble has no leader (was zk-1)'],
    [[], [], 'zk-1', 'critical', 'zk-1', 'ZooKeeper ensemble has no leader (was zk-1)'],
    [[], ['zk-1'], 'zk-1', 'warning', 'zk-1', 'ZooKeeper leader elected: zk-1 (after a time with no leader)'],
    [[], ['zk-2'], undefined, 'warning', 'zk-2', 'ZooKeeper leader elected: zk-2 (after a time with no leader)'],
    [['zk-1', 'zk-2'], ['zk-2'], undefined, 'warning', 'zk-2', 'ZooKeeper leader changed from zk-1, zk-2 to zk-2'],
  ])('%j → %j', (before, after, last, severity, subject, message) => {
    expect(leaderEvent('c', 5, before, after, last)).toMatchObject({ kind: 'zk-leader-changed', severity, subject, message, value: after.length });
  });
});
