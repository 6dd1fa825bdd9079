/** Pure shaping shared by snapshots and live updates: view membership, merged target health, consumer groups. */
import { buildConsumerGroups, groupStateName, groupStatusName, partitionStatusName } from '../../../sidecar/src/api/consumer-groups';
import type { SampleDto } from '../../../sidecar/src/api/dto';
import type { TargetHealthReport } from '../../../sidecar/src/core/target-health';
import { groupHealth, mergeHealth } from '../../../sidecar/src/api/target-view';
import { isPartitionSeries, kindInView, metricView, seriesInView } from '../../../sidecar/src/api/view-filter';

describe('views', () => {
  test.each([
    ['kafka.consumer_group.lag', undefined, undefined, 'kafka'],
    ['kafka.topic.partitions', 'kafka-cluster', 'kafka-cluster', 'kafka'],
    ['jvm.heap.used', undefined, 'zookeeper', 'zookeeper'],
    ['jvm.heap.used', undefined, 'kafka-client', 'kafka'],
    ['zookeeper.up', 'zookeeper', undefined, 'zookeeper'],
    ['zookeeper.anything', undefined, undefined, 'zookeeper'],
    ['kafka.client.record_send_rate', 'kafka-client', undefined, 'kafka'],
    ['jvm.heap.used', undefined, undefined, null],
  ] as const)('%s (applies to %s, target %s) → %s', (metric, appliesTo, targetKind, view) => {
    expect(metricView(metric, appliesTo, targetKind)).toBe(view);
  });

  test('kinds per view: the cluster pseudo-target is in none (its metrics are, by prefix)', () => {
    expect(kindInView('kafka-broker', 'kafka')).toBe(true);
    expect(kindInView('kafka-client', 'kafka')).toBe(true);
    expect(kindInView('zookeeper', 'kafka')).toBe(false);
    expect(kindInView('kafka-cluster', 'kafka')).toBe(false);
  });

  test('per-partition series are left out unless asked for, except consumer-group lag', () => {
    expect(isPartitionSeries('kafka.log.size', { topic: 'a', partition: '0' })).toBe(true);
    expect(isPartitionSeries('kafka.consumer_group.lag', { group: 'g', topic: 'a', partition: '0' })).toBe(false);
    const info = { metric: 'kafka.log.size', labels: { partition: '1' }, appliesTo: 'kafka-broker' as const };
    expect(seriesInView('kafka', info, false)).toBe(false);
    expect(seriesInView('kafka', info, true)).toBe(true);
    expect(seriesInView('zookeeper', info, true)).toBe(false);
  });
});

describe('merged target health', () => {
  const h = (over: Partial<TargetHealthReport>): TargetHealthReport => ({ clusterId: '1', target: 'zk-1', state: 'up', since: 0, ...over });

  test('no entries → unknown with nulls', () => {
    expect(mergeHealth([])).toEqual({
      state: 'unknown',
      since: null,
      lastRunAt: null,
      lastOkAt: null,
      lastDurationMs: null,
      lastError: null,
      rejected: 0,
      lastRejectReason: null,
    });
  });

  test('rejected values are summed over the jobs; the reason is the latest run’s, else any job’s', () => {
    const m = mergeHealth([
      h({ job: 'jmx', state: 'up', since: 10, lastRunAt: 100, rejected: 3, lastRejectReason: 'jvm.os.process_cpu_load: 42.5 above 1.05' }),
      h({ job: 'zookeeper', state: 'up', since: 10, lastRunAt: 90, rejected: 2, lastRejectReason: 'zookeeper.znode_count: not finite (Infinity)' }),
    ]);
    expect(m).toMatchObject({ rejected: 5, lastRejectReason: 'jvm.os.process_cpu_load: 42.5 above 1.05' });
    const older = mergeHealth([
      h({ job: 'jmx', state: 'up', since: 10, lastRunAt: 100 }),
      h({ job: 'zookeeper', state: 'up', since: 10, lastRunAt: 90, rejected: 1, lastRejectReason: 'x: -1 below 0' }),
    ]);
    expect(older).toMatchObject({ rejected: 1, lastRejectReason: 'x: -1 below 0' });
  });

  test('down when any job finds it down (since the earliest down, its error); up when every job that ran is up', () => {
    const m = mergeHealth([
      h({ job: 'jmx', state: 'up', since: 10, lastRunAt: 100, lastOkAt: 100, lastDurationMs: 5 }),
      h({ job: 'zookeeper', state: 'down', since: 50, lastRunAt: 90, lastOkAt: 40, lastError: 'ECONNREFUSED' }),
    ]);
    expect(m).toEqual({
      state: 'down',
      since: 50,
      lastRunAt: 100,
      lastOkAt: 40,
      lastDurationMs: 5,
      lastError: 'ECONNREFUSED',
      rejected: 0,
      lastRejectReason: null,
    });
    const up = mergeHealth([h({ state: 'up', since: 10, lastRunAt: 20 }), h({ state: 'unknown', since: 30 }), h({ state: 'up', since: 15, lastRunAt: 25 })]);
    expect(up).toMatchObject({ state: 'up', since: 15, lastRunAt: 25, lastError: null });
    expect(mergeHealth([h({ state: 'unknown', since: 7 })])).toMatchObject({ state: 'unknown', since: 7 });
  });

  test('grouped by cluster and target', () => {
    const g = groupHealth([h({ job: 'a' }), h({ job: 'b' }), h({ clusterId: '2', target: 'b1' })]);
    expect(g.get('1')?.get('zk-1')).toHaveLength(2);
    expect(g.get('2')?.get('b1')).toHaveLength(1);
  });
});

describe('consumer groups from latest samples', () => {
  const s = (metric: string, labels: Record<string, string>, value: number, ts = 1000): SampleDto => ({
    metric: `kafka.consumer_group.${metric}`,
    target: 'cluster',
    labels,
    ts,
    value,
  });

  test('groups, topics and partitions sorted; lag falls back to log end − committed; missing fields null', () => {
    const groups = buildConsumerGroups([
      s('lag', { group: 'b', topic: 't', partition: '1' }, 4, 2000),
      s('committed_offset', { group: 'b', topic: 't', partition: '0' }, 10),
      s('log_end_offset', { group: 'b', topic: 't', partition: '0' }, 17),
      s('state', { group: 'b' }, 3),
      s('members', { group: 'a' }, 0),
      s('state', { group: 'a' }, 5),
      s('lag', { group: 'a', topic: 'z', partition: '0' }, 1),
      s('lag', { group: 'a', topic: 'y', partition: '0' }, 2),
      s('total_lag', { group: 'a' }, 999), // not one of the metrics it builds from
      s('lag', { topic: 'no-group', partition: '0' }, 5),
      s('lag', { group: 'a', topic: 'bad', partition: 'x' }, 5),
    ]);
    expect(groups.map((g) => [g.group, g.state, g.members, g.totalLag, g.ts])).toEqual([
      ['a', 'Empty', 0, 3, 1000],
      ['b', 'Stable', null, 11, 2000],
    ]);
    expect(groups[0]?.topics.map((t) => t.topic)).toEqual(['y', 'z']);
    expect(groups[1]?.topics[0]?.partitions).toEqual([
      { partition: 0, committed: 10, logEnd: 17, lag: 7, status: null },
      { partition: 1, committed: null, logEnd: null, lag: 4, status: null },
    ]);
    expect(groups.map((g) => [g.status, g.worstPartition])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  test('Burrow status: the group status, its worst partition and each partition status by name', () => {
    const [g] = buildConsumerGroups([
      s('lag', { group: 'g', topic: 't', partition: '0' }, 40),
      s('lag', { group: 'g', topic: 't', partition: '1' }, 0),
      s('status', { group: 'g' }, 2),
      s('worst_partition_status', { group: 'g' }, 4),
      s('partition_status', { group: 'g', topic: 't', partition: '0' }, 4),
      s('partition_status', { group: 'g', topic: 't', partition: '1' }, 0),
    ]);
    expect([g?.status, g?.worstPartition]).toEqual(['ERR', 'STOP']);
    expect(g?.topics[0]?.partitions.map((p) => [p.partition, p.status])).toEqual([
      [0, 'STOP'],
      [1, 'OK'],
    ]);
  });

  test.each([
    [0, 'OK', 'OK'],
    [1, 'WARN', 'WARN'],
    [2, 'ERR', 'REWIND'],
    [3, null, 'STALL'],
    [4, null, 'STOP'],
    [9, null, null],
    [undefined, null, null],
  ])('status code %p → group %p, partition %p', (code, group, partition) => {
    expect(groupStatusName(code)).toBe(group);
    expect(partitionStatusName(code)).toBe(partition);
  });

  test.each([
    [undefined, 'Unknown'],
    [3, 'Stable'],
    [99, 'Unknown'],
    [1.5, 'Unknown'],
    [-1, 'Unknown'],
  ])('state code %p → %s', (code, name) => expect(groupStateName(code)).toBe(name));
});
