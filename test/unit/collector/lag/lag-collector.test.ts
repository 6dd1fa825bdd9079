import { CONSUMER_LAG_ENTRIES } from '../../../../sidecar/src/catalog/builtin-lag';
import type { AdminFactory, LagAdmin } from '../../../../sidecar/src/collector/lag/admin-pool';
import { createLagCollector, toCollectorError } from '../../../../sidecar/src/collector/lag/lag-collector';
import { silentLogger } from '../../../../sidecar/src/log/logger';
import type { CatalogEntry } from '../../../../sidecar/src/core/model';
import type { CollectionResult } from '../../../../sidecar/src/core/collection';

const HOSTILE = '<img src=x onerror=alert(1)>';

interface FakeCluster {
  groups: { groupId: string; protocolType: string; state: string; members: number; offsets: Record<string, Record<number, string>> }[];
  highs: Record<string, Record<number, string>>;
  failOffsetsOf?: string;
  failTopic?: string;
  failListGroups?: Error;
  hangConnect?: boolean;
}

function fakeAdmin(c: FakeCluster, log: string[]): LagAdmin {
  const fail = (msg: string) => Promise.reject(Object.assign(new Error(msg), { name: 'KafkaJSProtocolError', retriable: true }));
  const admin = {
    connect: () => (log.push('connect'), c.hangConnect ? new Promise<void>(() => undefined) : Promise.resolve()),
    disconnect: () => (log.push('disconnect'), Promise.resolve()),
    listGroups: () =>
      c.failListGroups
        ? Promise.reject(c.failListGroups)
        : Promise.resolve({ groups: c.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })) }),
    describeGroups: (ids: string[]) =>
      Promise.resolve({
        groups: c.groups
          .filter((g) => ids.includes(g.groupId))
          .map((g) => ({ groupId: g.groupId, state: g.state, members: Array.from({ length: g.members }, (_, i) => ({ memberId: `m${i}` })) })),
      }),
    fetchOffsets: ({ groupId }: { groupId: string }) => {
      if (groupId === c.failOffsetsOf) return fail('COORDINATOR_NOT_AVAILABLE');
      const g = c.groups.find((x) => x.groupId === groupId);
      return Promise.resolve(
        Object.entries(g?.offsets ?? {}).map(([topic, parts]) => ({
          topic,
          partitions: Object.entries(parts).map(([p, offset]) => ({ partition: Number(p), offset, metadata: null })),
        })),
      );
    },
    fetchTopicOffsets: async (topic: string) => {
      log.push(`topicOffsets ${topic}`);
      await new Promise((r) => setTimeout(r, 2));
      log.push(`topicOffsets ${topic} done`);
      if (topic === c.failTopic) return fail('UNKNOWN_TOPIC_OR_PARTITION');
      return Object.entries(c.highs[topic] ?? {}).map(([p, high]) => ({ partition: Number(p), offset: high, high, low: '0' }));
    },
    fetchTopicMetadata: () =>
      Promise.resolve({
        topics: Object.keys(c.highs).map((name) => ({
          name,
          partitions: Object.keys(c.highs[name] ?? {}).map((p) => ({
            partitionErrorCode: 0,
            partitionId: Number(p),
            leader: 1,
            replicas: [1, 2],
            isr: [1, 2],
            offlineReplicas: [],
          })),
        })),
      }),
  };
  return admin as unknown as LagAdmin;
}

function setup(c: FakeCluster, entries: CatalogEntry[] = CONSUMER_LAG_ENTRIES, timeoutMs = 200) {
  const log: string[] = [];
  let created = 0;
  const factory: AdminFactory = () => (created++, fakeAdmin(c, log));
  const collector = createLagCollector({ entries, timeoutMs, log: silentLogger, adminFactory: factory });
  return { collector, log, created: () => created };
}

const cluster = { id: 'c1', bootstrap: ['k1:9092'] };
const tick = (now = 5000) => ({ tickNo: 1, now });
const find = (r: CollectionResult, metric: string, labels: Record<string, string>) =>
  r.samples.find((s) => s.metric === metric && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;

const demo = (): FakeCluster => ({
  groups: [
    { groupId: 'doflamingo-demo', protocolType: 'consumer', state: 'Stable', members: 2, offsets: { orders: { 0: '90', 1: '50' } } },
    { groupId: HOSTILE, protocolType: 'consumer', state: 'Empty', members: 0, offsets: { clicks: { 0: '1' } } },
    { groupId: 'connect-cluster', protocolType: 'connect', state: 'Stable', members: 1, offsets: {} },
  ],
  highs: { orders: { 0: '100', 1: '50' }, clicks: { 0: '4' } },
});

describe('createLagCollector with a fake admin', () => {
  test('samples per partition and group on the cluster target, catalogue ids, hostile ids as labels; non-consumer groups skipped', async () => {
    const { collector } = setup(demo());
    const r = await collector.collect(cluster, tick());
    expect(r).toMatchObject({ ok: true, clusterId: 'c1', target: 'cluster', warnings: [] });
    expect(r.samples.every((s) => s.clusterId === 'c1' && s.target === 'cluster' && s.ts === 5000)).toBe(true);
    const p0 = { group: 'doflamingo-demo', topic: 'orders', partition: '0' };
    expect(find(r, 'kafka.consumer_group.lag', p0)).toBe(10);
    expect(find(r, 'kafka.consumer_group.committed_offset', p0)).toBe(90);
    expect(find(r, 'kafka.consumer_group.log_end_offset', p0)).toBe(100);
    expect(find(r, 'kafka.consumer_group.total_lag', { group: 'doflamingo-demo' })).toBe(10);
    expect(find(r, 'kafka.consumer_group.members', { group: 'doflamingo-demo' })).toBe(2);
    expect(find(r, 'kafka.consumer_group.state', { group: 'doflamingo-demo' })).toBe(3);
    expect(find(r, 'kafka.consumer_group.lag', { group: HOSTILE, topic: 'clicks', partition: '0' })).toBe(3);
    expect(find(r, 'kafka.consumer_group.state', { group: HOSTILE })).toBe(5);
    expect(r.samples.some((s) => s.labels.group === 'connect-cluster')).toBe(false);
    expect(find(r, 'kafka.topic.partitions', { topic: 'orders' })).toBe(2);
  });

  test('keys without a catalogue entry are not emitted, and unneeded reads are skipped', async () => {
    const only = CONSUMER_LAG_ENTRIES.filter((e) => e.id === 'kafka.consumer_group.state');
    const { collector, log } = setup(demo(), only);
    const r = await collector.collect(cluster, tick());
    expect(r.samples.map((s) => s.metric)).toEqual(['kafka.consumer_group.state', 'kafka.consumer_group.state']);
    expect(log.filter((l) => l.startsWith('topicOffsets'))).toEqual([]);
  });

  test("one group's offsets or one topic failing is a warning; the rest is collected", async () => {
    const c = { ...demo(), failOffsetsOf: HOSTILE, failTopic: 'orders' };
    const { collector } = setup(c);
    const r = await collector.collect(cluster, tick());
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([`offsets of group ${HOSTILE}: COORDINATOR_NOT_AVAILABLE`, 'topic orders: UNKNOWN_TOPIC_OR_PARTITION']);
    const p0 = { group: 'doflamingo-demo', topic: 'orders', partition: '0' };
    expect(find(r, 'kafka.consumer_group.committed_offset', p0)).toBe(90);
    expect(find(r, 'kafka.consumer_group.lag', p0)).toBeUndefined();
    expect(find(r, 'kafka.consumer_group.total_lag', { group: 'doflamingo-demo' })).toBeUndefined();
    expect(find(r, 'kafka.consumer_group.state', { group: HOSTILE })).toBe(5);
  });

  test('one admin per cluster, kept between collections; a failed listing drops it and the next tick reconnects', async () => {
    const c = demo();
    const { collector, log, created } = setup(c);
    await collector.collect(cluster, tick());
    await collector.collect(cluster, tick());
    expect(created()).toBe(1);
    c.failListGroups = Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    const failed = await collector.collect(cluster, tick());
    expect(failed).toMatchObject({ ok: false, samples: [], error: { name: 'CollectorError', code: 'KafkaJSConnectionError', retriable: true } });
    delete c.failListGroups;
    const back = await collector.collect(cluster, tick());
    expect(back.ok).toBe(true);
    expect(created()).toBe(2);
    expect(log.filter((l) => l === 'connect' || l === 'disconnect')).toEqual(['connect', 'disconnect', 'connect']);
    await collector.stop();
    expect(log[log.length - 1]).toBe('disconnect');
  });

  test('a connect that hangs: TIMEOUT after twice the timeout, the collection still returns, the next tick tries a new client', async () => {
    const c = { ...demo(), hangConnect: true };
    const { collector, created } = setup(c, CONSUMER_LAG_ENTRIES, 50);
    const started = Date.now();
    const r = await collector.collect(cluster, tick());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.error).toMatchObject({ code: 'TIMEOUT', retriable: true });
    c.hangConnect = false;
    expect((await collector.collect(cluster, tick())).ok).toBe(true);
    expect(created()).toBe(2);
    await collector.stop();
  });

  test('topic offsets are read one topic at a time (kafkajs races when they overlap on one admin)', async () => {
    const { collector, log } = setup(demo());
    await collector.collect(cluster, tick());
    expect(log.filter((l) => l.startsWith('topicOffsets'))).toEqual([
      'topicOffsets clicks',
      'topicOffsets clicks done',
      'topicOffsets orders',
      'topicOffsets orders done',
    ]);
  });

  test('no bootstrap servers: CONFIG, not retriable', async () => {
    const r = await setup(demo()).collector.collect({ id: 'c1', bootstrap: [] }, tick());
    expect(r.error).toMatchObject({ code: 'CONFIG', retriable: false });
  });

  test('a cluster with no consumer group: ok, topic metadata only', async () => {
    const r = await setup({ groups: [], highs: { orders: { 0: '1' } } }).collector.collect(cluster, tick());
    expect(r.ok).toBe(true);
    expect(r.samples.map((s) => s.metric)).toEqual(['kafka.topic.partitions', 'kafka.topic.under_replicated_partitions', 'kafka.topic.offline_partitions']);
  });
});

describe('helpers', () => {
  test('toCollectorError: authentication/authorization are not retriable, the rest is', () => {
    expect(toCollectorError(Object.assign(new Error('x'), { name: 'KafkaJSSASLAuthenticationError' })).retriable).toBe(false);
    expect(toCollectorError(Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', type: 'GROUP_AUTHORIZATION_FAILED' }))).toMatchObject({
      code: 'GROUP_AUTHORIZATION_FAILED',
      retriable: false,
    });
    expect(toCollectorError(Object.assign(new Error('x'), { name: 'KafkaJSNumberOfRetriesExceeded' })).retriable).toBe(true);
    expect(toCollectorError('weird')).toMatchObject({ code: 'KAFKA', message: 'weird' });
  });
});
