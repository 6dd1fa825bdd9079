/**
 * The snapshot as of a past instant (GET /clusters/:cid/snapshot?at=, store/snapshot-at.ts) over
 * the real MariaDB: a fresh database per run, the store's migrations, seeded targets and samples
 * around an instant T. Each expectation is what the seed says: the newest sample at or before the
 * instant and inside the 5-minute lookback, targets up when they had samples in it, else down.
 * The consumer groups as of an instant (GET consumer-groups?at=) are built from the same samples:
 * lag-collector readings seeded at T1 < T2, far from T so the snapshot cases above do not see them.
 */
import { createMysqlReadModel, DEFAULT_SNAPSHOT_WINDOW_S, type LiveSource } from '../../sidecar/src/api/read-model-mysql';
import type { ConsumerGroupDto, SnapshotDto } from '../../sidecar/src/api/dto';
import { GROUP_STATES } from '../../sidecar/src/api/consumer-groups';
import { BUILTIN_ENTRIES } from '../../sidecar/src/catalog/catalog';
import { ManualClock } from '../../sidecar/src/core/clock';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { Labels, Sample, Target } from '../../sidecar/src/core/model';
import { migrate } from '../../sidecar/src/store/migrate';
import { rebuildRollups } from '../../sidecar/src/store/rollup-store';
import { snapshotAt } from '../../sidecar/src/store/snapshot-at';
import { freshDatabase, type FreshDatabase } from '../support/mysql';
import { seedSamples, startReadApi, type ReadApi } from '../support/read-model-api';

const C = 'c1';
/** "Now" on a 10-minute boundary (recent: migrate() makes partitions around today); T = the instant asked about. */
const NOW_S = Math.floor(Date.now() / 1000 / 600) * 600;
const T = NOW_S - 1200;
const LOOKBACK = DEFAULT_SNAPSHOT_WINDOW_S;

const targets: Target[] = [
  { clusterId: C, key: 'broker-1', kind: 'kafka-broker', origin: 'config', jolokiaUrl: 'http://127.0.0.1:1/jolokia' },
  { clusterId: C, key: 'broker-2', kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: 'http://127.0.0.1:2/jolokia' },
  { clusterId: C, key: 'zk-1', kind: 'zookeeper', origin: 'config', adminUrl: 'http://127.0.0.1:3' },
  { clusterId: C, key: 'cluster', kind: 'kafka-cluster', origin: 'config' },
];
/** Registered after T and without samples then: not part of T's snapshot. */
const LATE: Target = { clusterId: C, key: 'broker-3', kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: 'http://127.0.0.1:4/jolokia' };

const HOSTILE_TOPIC = `x'; DROP TABLE FL_DOF_SAMPLE; -- <script>`;
const seed: Sample[] = [];
const add = (target: string, metric: string, labels: Labels, ts: number, value: number): void => {
  seed.push({ clusterId: C, target, metric, labels, ts: ts * 1000, value });
};
// broker-1: under-replicated partitions every 100 s from T-700 to T+300 (value = seconds to T / 100)
for (let ts = T - 700; ts <= T + 300; ts += 100) add('broker-1', 'kafka.broker.under_replicated_partitions', {}, ts, (T - ts) / 100 + 10);
// broker-2: stopped reporting at T-1000
for (let ts = T - 1600; ts <= T - 1000; ts += 100) add('broker-2', 'kafka.broker.bytes_in', {}, ts, ts - T);
// cluster-wide lag with a hostile topic name, a per-partition series, ZooKeeper
add('cluster', 'kafka.consumer_group.lag', { group: 'g1', topic: HOSTILE_TOPIC, partition: '0' }, T - 30, 7);
add('cluster', 'kafka.consumer_group.lag', { group: 'g1', topic: HOSTILE_TOPIC, partition: '0' }, T + 30, 8);
add('broker-1', 'kafka.log.size', { topic: 'orders', partition: '0' }, T - 10, 4096);
add('zk-1', 'zookeeper.up', {}, T - 20, 1);
add('zk-1', 'zookeeper.avg_latency', {}, T - 20, 3);

/** Consumer groups: instants T1 and T2, 40 and 30 minutes before T. */
const T1 = T - 2400;
const T2 = T - 1800;
const STABLE = GROUP_STATES.indexOf('Stable');
const REBALANCING = GROUP_STATES.indexOf('PreparingRebalance');
/** One reading of a group (as the lag collector writes it) at ts: per partition [committed, logEnd, lag]. */
function reading(ts: number, group: string, state: number, members: number, parts: Record<string, Array<[number, number, number]>>): void {
  add('cluster', 'kafka.consumer_group.state', { group }, ts, state);
  add('cluster', 'kafka.consumer_group.members', { group }, ts, members);
  for (const [topic, list] of Object.entries(parts)) {
    list.forEach(([committed, logEnd, lag], partition) => {
      const labels = { group, topic, partition: String(partition) };
      add('cluster', 'kafka.consumer_group.committed_offset', labels, ts, committed);
      add('cluster', 'kafka.consumer_group.log_end_offset', labels, ts, logEnd);
      add('cluster', 'kafka.consumer_group.lag', labels, ts, lag);
    });
  }
}
// T1: orders-app lags on orders; the reading 60 s before loses to it, the one 30 s after never shows at T1
reading(T1 - 60, 'orders-app', STABLE, 2, {
  orders: [
    [1, 2, 1],
    [1, 2, 1],
  ],
});
reading(T1, 'orders-app', STABLE, 2, {
  orders: [
    [100, 140, 40],
    [200, 205, 5],
  ],
});
reading(T1 + 30, 'orders-app', REBALANCING, 1, {
  orders: [
    [150, 160, 10],
    [205, 205, 0],
  ],
});
// T2: orders-app caught up and reads payments too; the group "<b>audit" appears
reading(T2, 'orders-app', STABLE, 3, {
  orders: [
    [300, 300, 0],
    [400, 402, 2],
  ],
  payments: [[7, 19, 12]],
});
reading(T2 - 10, '<b>audit', REBALANCING, 0, { orders: [[0, 9, 9]] });
// now: only "<b>audit", with a lag unlike both
reading(NOW_S - 20, '<b>audit', STABLE, 1, { orders: [[9, 1009, 1000]] });
for (const ts of [T1, T2]) add('broker-1', 'kafka.broker.bytes_in', {}, ts, 123);

/** Reference: the newest seeded sample of each series in [at - LOOKBACK, at], computed from the seed. */
function expectedAt(atS: number, keep: (s: Sample) => boolean): Array<{ metric: string; target: string; labels: Labels; ts: number; value: number }> {
  const newest = new Map<string, Sample>();
  for (const s of seed) {
    if (s.ts > atS * 1000 || s.ts < (atS - LOOKBACK) * 1000 || !keep(s)) continue;
    const k = JSON.stringify([s.target, s.metric, s.labels]);
    const prev = newest.get(k);
    if (!prev || prev.ts < s.ts) newest.set(k, s);
  }
  return [...newest.values()].map((s) => ({ metric: s.metric, target: s.target, labels: s.labels, ts: s.ts, value: s.value }));
}
const sortSamples = <X extends { target: string; metric: string }>(xs: X[]): X[] =>
  [...xs].sort((a, b) => (a.target + a.metric).localeCompare(b.target + b.metric));
const kafkaSeries = (s: Sample): boolean => s.target !== 'zk-1' && s.metric !== 'kafka.log.size';

let db: FreshDatabase;
let api: ReadApi;

const live: LiveSource = {
  clusters: () => [{ id: C, name: 'test' }],
  alerts: () => [],
  events: async () => [],
  targets: () => [...targets, LATE],
  catalog: () => [...BUILTIN_ENTRIES],
  health: () => [],
  jobs: () => [],
  writer: () => undefined,
};

beforeAll(async () => {
  db = await freshDatabase('snapat');
  await migrate(db.pool, silentLogger);
  const registry = await seedSamples(db.pool, C, targets, seed);
  // the seeded targets were known long before T; broker-3 only now
  await db.pool.query('UPDATE FL_DOF_TARGET SET first_seen = FROM_UNIXTIME(?) WHERE cluster_id = ?', [T - 7200, C]);
  await registry.upsertTargets([LATE]);
  await rebuildRollups(db.pool, T - 3600, NOW_S);
  api = await startReadApi(db.pool, live, NOW_S * 1000);
});

afterAll(async () => {
  await api?.server.stop();
  await db?.drop();
});

const get = <T>(path: string, status = 200): Promise<T> => api.get<T>(path, status);

describe('GET /snapshot?at=', () => {
  test('view kafka at T: newest sample at or before T per series (never a later one), broker-2 down, broker-3 not born yet', async () => {
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=kafka&at=${T * 1000}`);
    expect(r).toMatchObject({ cluster: C, view: 'kafka', ts: T * 1000 });
    expect(sortSamples(r.samples)).toEqual(sortSamples(expectedAt(T, kafkaSeries)));
    expect(r.samples.find((s) => s.metric === 'kafka.broker.under_replicated_partitions')).toMatchObject({ ts: T * 1000, value: 10 });
    expect(r.samples.find((s) => s.metric === 'kafka.consumer_group.lag')).toMatchObject({ labels: { topic: HOSTILE_TOPIC }, value: 7 });
    expect(r.targets.map((t) => [t.key, t.state, t.lastOkAt])).toEqual([
      ['broker-1', 'up', T * 1000],
      ['broker-2', 'down', null],
    ]);
    expect(r.targets.find((t) => t.key === 'broker-2')?.origin).toBe('discovered');
  });

  test('an instant between samples (ISO): the previous sample; partitions=1 adds the partition series', async () => {
    const at = T - 150;
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=kafka&partitions=1&at=${new Date(at * 1000).toISOString()}`);
    expect(r.ts).toBe(at * 1000);
    expect(sortSamples(r.samples)).toEqual(sortSamples(expectedAt(at, (s) => s.target !== 'zk-1')));
    expect(r.samples.find((s) => s.metric === 'kafka.broker.under_replicated_partitions')).toMatchObject({ ts: (T - 200) * 1000, value: 12 });
  });

  test('further back, broker-2 was up and broker-1 had not reported yet', async () => {
    const at = T - 1000;
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=kafka&at=${at * 1000}`);
    expect(sortSamples(r.samples)).toEqual(sortSamples(expectedAt(at, kafkaSeries)));
    expect(r.samples.map((s) => [s.target, s.metric, s.value])).toEqual([['broker-2', 'kafka.broker.bytes_in', -1000]]);
    expect(r.targets.map((t) => [t.key, t.state])).toEqual([
      ['broker-1', 'down'],
      ['broker-2', 'up'],
    ]);
  });

  test('view zookeeper: only ZooKeeper targets and series', async () => {
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=zookeeper&at=${T * 1000}`);
    expect(sortSamples(r.samples)).toEqual(sortSamples(expectedAt(T, (s) => s.target === 'zk-1')));
    expect(r.targets.map((t) => [t.key, t.kind, t.state])).toEqual([['zk-1', 'zookeeper', 'up']]);
  });

  test('the future, a malformed time or an unknown cluster are refused', async () => {
    const future = await get<{ error: { code: string; param: string } }>(`/clusters/${C}/snapshot?view=kafka&at=${Date.now() + 3_600_000}`, 400);
    expect(future.error).toMatchObject({ code: 'BAD_PARAMETER', param: 'at' });
    await get(`/clusters/${C}/snapshot?view=kafka&at=${encodeURIComponent("1' OR 1=1")}`, 400);
    await get(`/clusters/nope/snapshot?view=kafka&at=${T * 1000}`, 404);
    const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
    expect(Number((rows as Array<{ n: number }>)[0]?.n)).toBe(seed.length);
  });
});

describe('snapshotAt past the raw retention', () => {
  test('the 1-minute rollup gives the newest sample of the last whole minute before the instant', async () => {
    const retention = { rawDays: 0, minuteDays: 30, hourDays: 365 };
    const raw = await snapshotAt(db.pool, { clusterId: C, atSec: T, lookbackSec: LOOKBACK, nowSec: T - LOOKBACK - 1 });
    const minute = await snapshotAt(db.pool, { clusterId: C, atSec: T, lookbackSec: LOOKBACK, nowSec: NOW_S, retention });
    expect(raw.source).toBe('raw');
    expect(minute.source).toBe('1m');
    // T is a minute boundary: every minute before it is closed, so the rollup says what the raw rows say
    expect(minute.values).toEqual(raw.values);
    expect(minute.targets).toEqual(raw.targets);
    // an instant inside a minute that has a later sample: that minute cannot answer, the one before does
    const inside = await snapshotAt(db.pool, { clusterId: C, atSec: T + 110, lookbackSec: LOOKBACK, nowSec: NOW_S, retention });
    const urp = inside.values.find((v) => v.metric === 'kafka.broker.under_replicated_partitions');
    expect(urp).toMatchObject({ ts: T + 100, value: 9 });
  });
});

describe('GET /consumer-groups?at=', () => {
  const groupsAt = (at: number | string): Promise<ConsumerGroupDto[]> => get(`/clusters/${C}/consumer-groups?at=${encodeURIComponent(String(at))}`);
  const tp = (partition: number, committed: number, logEnd: number, lag: number) => ({ partition, committed, logEnd, lag, status: null });
  // no Burrow status series seeded here: status fields are null
  const NO_STATUS = { status: null, worstPartition: null };

  test('at T1: orders-app as read at T1 (not the reading before nor after), the later group not there yet', async () => {
    expect(await groupsAt(T1 * 1000)).toEqual([
      {
        group: 'orders-app',
        state: 'Stable',
        ...NO_STATUS,
        members: 2,
        totalLag: 45,
        ts: T1 * 1000,
        topics: [{ topic: 'orders', lag: 45, partitions: [tp(0, 100, 140, 40), tp(1, 200, 205, 5)] }],
      },
    ]);
  });

  test('at T2 (ISO): orders-app caught up on orders and reads payments; "<b>audit" rebalancing', async () => {
    expect(await groupsAt(new Date(T2 * 1000).toISOString())).toEqual([
      {
        group: '<b>audit',
        state: 'PreparingRebalance',
        ...NO_STATUS,
        members: 0,
        totalLag: 9,
        ts: (T2 - 10) * 1000,
        topics: [{ topic: 'orders', lag: 9, partitions: [tp(0, 0, 9, 9)] }],
      },
      {
        group: 'orders-app',
        state: 'Stable',
        ...NO_STATUS,
        members: 3,
        totalLag: 14,
        ts: T2 * 1000,
        topics: [
          { topic: 'orders', lag: 2, partitions: [tp(0, 300, 300, 0), tp(1, 400, 402, 2)] },
          { topic: 'payments', lag: 12, partitions: [tp(0, 7, 19, 12)] },
        ],
      },
    ]);
  });

  test('between readings: the previous one; once the lookback has passed it: no group', async () => {
    const mid = await groupsAt((T1 + 45) * 1000);
    expect(mid.map((g) => [g.group, g.state, g.members, g.totalLag, g.ts])).toEqual([['orders-app', 'PreparingRebalance', 1, 10, (T1 + 30) * 1000]]);
    expect(await groupsAt((T1 + 30 + LOOKBACK + 1) * 1000)).toEqual([]);
  });

  test('without at: the latest groups (only "<b>audit" now, lag 1000), unlike at T1 or T2', async () => {
    const now = await get<ConsumerGroupDto[]>(`/clusters/${C}/consumer-groups`);
    expect(now.map((g) => [g.group, g.state, g.totalLag, g.ts])).toEqual([['<b>audit', 'Stable', 1000, (NOW_S - 20) * 1000]]);
  });

  test('past the raw retention the 1-minute rollup answers: the same groups once their minute is closed', async () => {
    const rm = createMysqlReadModel(db.pool, live, { clock: new ManualClock(NOW_S * 1000), retention: { rawDays: 0, minuteDays: 30, hourDays: 365 } });
    // the minute of T1 also holds the T1+30 reading: it answers from T1+59 on (at T1 the minute before does)
    expect((await rm.consumerGroups({ cluster: C, at: T1 * 1000 })).map((g) => [g.group, g.totalLag, g.ts])).toEqual([['orders-app', 2, (T1 - 60) * 1000]]);
    for (const at of [T1 + 59, T2]) expect(await rm.consumerGroups({ cluster: C, at: at * 1000 })).toEqual(await groupsAt(at * 1000));
  });

  test('the future, a malformed time, an unknown parameter or cluster are refused', async () => {
    const future = await get<{ error: { code: string; param: string } }>(`/clusters/${C}/consumer-groups?at=${Date.now() + 3_600_000}`, 400);
    expect(future.error).toMatchObject({ code: 'BAD_PARAMETER', param: 'at' });
    const bad = await get<{ error: { param: string } }>(`/clusters/${C}/consumer-groups?at=${encodeURIComponent("1' OR 1=1")}`, 400);
    expect(bad.error.param).toBe('at');
    await get(`/clusters/${C}/consumer-groups?at=${T1 * 1000}&view=kafka`, 400);
    await get(`/clusters/${C}/consumer-groups?when=${T1 * 1000}`, 400);
    await get(`/clusters/nope/consumer-groups?at=${T1 * 1000}`, 404);
  });
});
