/**
 * The API over the real MariaDB: a fresh database, the store's migrations, seeded targets,
 * series and samples; /series and /snapshot (and consumer groups) answered through the HTTP
 * server must match what the seeded samples say (expected values computed here from the seed).
 */
import { createApiServer } from '../../sidecar/src/api/server';
import { createMysqlReadModel, type LiveSource } from '../../sidecar/src/api/read-model-mysql';
import type { SeriesResponseDto, SnapshotDto, ConsumerGroupDto } from '../../sidecar/src/api/dto';
import { LiveFeedHub } from '../../sidecar/src/app/live-feed';
import { BUILTIN_ENTRIES } from '../../sidecar/src/catalog/catalog';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { Labels, Sample, Target } from '../../sidecar/src/core/model';
import { migrate } from '../../sidecar/src/store/migrate';
import { createPool } from '../../sidecar/src/store/pool';
import { rebuildRollups } from '../../sidecar/src/store/rollup-store';
import { freshDatabase, type FreshDatabase } from '../support/mysql';
import { seedSamples, startReadApi, type ReadApi } from '../support/read-model-api';

const C = 'c1';
/** "Now" of the test, on a 10-minute boundary (recent: migrate() makes partitions around today). */
const NOW_S = Math.floor(Date.now() / 1000 / 600) * 600;
const HOUR_S = 3600;

const targets: Target[] = [
  { clusterId: C, key: 'broker-1', kind: 'kafka-broker', origin: 'config', jolokiaUrl: 'http://127.0.0.1:1/jolokia' },
  { clusterId: C, key: 'broker-2', kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: 'http://127.0.0.1:2/jolokia' },
  { clusterId: C, key: 'zk-1', kind: 'zookeeper', origin: 'config', adminUrl: 'http://127.0.0.1:3' },
  { clusterId: C, key: 'cluster', kind: 'kafka-cluster', origin: 'config' },
];

const HOSTILE_TOPIC = `x'; DROP TABLE FL_DOF_SAMPLE; -- <script>`;
const seed: Sample[] = [];
const add = (target: string, metric: string, labels: Labels, ts: number, value: number): void => {
  seed.push({ clusterId: C, target, metric, labels, ts: ts * 1000, value });
};
// an hour of per-topic bytes every 10 s on both brokers: values that differ per series and per sample
for (const [i, target] of ['broker-1', 'broker-2'].entries()) {
  for (const [j, topic] of ['orders', 'payments'].entries()) {
    for (let ts = NOW_S - HOUR_S; ts < NOW_S; ts += 10) add(target, 'kafka.topic.bytes_in', { topic }, ts, 1000 * (2 * i + j) + ((ts / 10) % 37) * 3.5);
  }
}
for (let ts = NOW_S - 60; ts < NOW_S; ts += 10) add('broker-1', 'kafka.topic.bytes_in', { topic: HOSTILE_TOPIC }, ts, 42);
// latest values: broker gauges, an old series (outside the snapshot window), a partition series
add('broker-1', 'kafka.broker.under_replicated_partitions', {}, NOW_S - 20, 5);
add('broker-1', 'kafka.broker.under_replicated_partitions', {}, NOW_S - 10, 0);
add('broker-2', 'kafka.broker.under_replicated_partitions', {}, NOW_S - 20, 1);
add('broker-2', 'kafka.broker.partitions', {}, NOW_S - 3000, 12);
add('broker-1', 'kafka.log.size', { topic: 'orders', partition: '0' }, NOW_S - 10, 4096);
// consumer group g1 on the cluster pseudo-target
for (const [p, committed, logEnd] of [
  [0, 100, 103],
  [1, 50, 52],
] as const) {
  const l = { group: 'g1', topic: 'orders', partition: String(p) };
  add('cluster', 'kafka.consumer_group.committed_offset', l, NOW_S - 10, committed);
  add('cluster', 'kafka.consumer_group.log_end_offset', l, NOW_S - 10, logEnd);
  add('cluster', 'kafka.consumer_group.lag', l, NOW_S - 30, 99); // older: not the latest
  add('cluster', 'kafka.consumer_group.lag', l, NOW_S - 10, logEnd - committed);
}
add('cluster', 'kafka.consumer_group.members', { group: 'g1' }, NOW_S - 10, 2);
add('cluster', 'kafka.consumer_group.state', { group: 'g1' }, NOW_S - 10, 3);
// ZooKeeper
add('zk-1', 'zookeeper.up', {}, NOW_S - 10, 1);
add('zk-1', 'zookeeper.is_leader', {}, NOW_S - 10, 1);

/** Reference: the expected points of one seeded series, computed from the seed in plain JS. */
function expectedPoints(target: string, metric: string, labels: Labels, fromMs: number, toMs: number, step: number, agg: string): Array<[number, number]> {
  const buckets = new Map<number, number[]>();
  for (const s of seed) {
    if (s.target !== target || s.metric !== metric || JSON.stringify(s.labels) !== JSON.stringify(labels)) continue;
    if (s.ts < fromMs || s.ts > toMs) continue;
    const b = Math.floor(s.ts / 1000 / step) * step * 1000;
    buckets.set(b, [...(buckets.get(b) ?? []), s.value]);
  }
  const f = (xs: number[]): number =>
    agg === 'min'
      ? Math.min(...xs)
      : agg === 'max'
        ? Math.max(...xs)
        : agg === 'sum'
          ? xs.reduce((a, x) => a + x, 0)
          : agg === 'last'
            ? (xs[xs.length - 1] as number)
            : xs.reduce((a, x) => a + x, 0) / xs.length;
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, xs]) => [t, f(xs)]);
}

let db: FreshDatabase;
let api: ReadApi;

const live: LiveSource = {
  clusters: () => [{ id: C, name: 'test' }],
  alerts: () => [],
  events: async () => [],
  targets: () => targets,
  catalog: () => [...BUILTIN_ENTRIES],
  health: () => [
    { clusterId: C, target: 'broker-1', job: 'jmx', state: 'up', since: 1, lastRunAt: NOW_S * 1000 - 5000, lastOkAt: NOW_S * 1000 - 5000, lastDurationMs: 12 },
    { clusterId: C, target: 'broker-2', job: 'jmx', state: 'down', since: 2, lastRunAt: NOW_S * 1000 - 5000, lastError: 'connect ECONNREFUSED' },
    { clusterId: C, target: 'zk-1', job: 'zookeeper', state: 'up', since: 3 },
  ],
  jobs: () => [],
  writer: () => undefined,
  webhooks: () => [
    {
      webhook: 'webhooks[0] (hooks.example.com)',
      format: 'slack',
      state: 'failing',
      sent: 3,
      failed: 1,
      dropped: 0,
      queued: 2,
      retries: 4,
      lastError: 'HTTP 503',
      lastErrorAt: 5,
      lastSentAt: 4,
    },
  ],
};

beforeAll(async () => {
  db = await freshDatabase('api');
  await migrate(db.pool, silentLogger);
  await seedSamples(db.pool, C, targets, seed);
  await rebuildRollups(db.pool, NOW_S - 2 * HOUR_S, NOW_S); // what the SampleWriter keeps up to date: /series reads 1m/1h for steps of whole minutes/hours
  api = await startReadApi(db.pool, live, NOW_S * 1000);
});

afterAll(async () => {
  await api?.server.stop();
  await db?.drop();
});

const get = <T>(path: string, status = 200): Promise<T> => api.get<T>(path, status);

describe('/series', () => {
  const from = (NOW_S - HOUR_S) * 1000;
  const to = NOW_S * 1000;

  test.each(['avg', 'min', 'max', 'sum', 'last'])('agg=%s: one series per target and topic, buckets as computed from the samples', async (agg) => {
    const r = await get<SeriesResponseDto>(`/clusters/${C}/series?metric=kafka.topic.bytes_in&label.topic=orders&from=${from}&to=${to}&step=60&agg=${agg}`);
    expect(r).toMatchObject({ metric: 'kafka.topic.bytes_in', unit: 'bytes/s', from, to, step: 60, agg });
    expect(r.series.map((s) => s.target)).toEqual(['broker-1', 'broker-2']);
    for (const s of r.series) {
      const want = expectedPoints(s.target as string, 'kafka.topic.bytes_in', { topic: 'orders' }, from, to, 60, agg);
      expect(s.labels).toEqual({ topic: 'orders' });
      expect(s.points.map((p) => p[0])).toEqual(want.map((p) => p[0]));
      s.points.forEach((p, i) => expect(p[1]).toBeCloseTo((want[i] as [number, number])[1], 6));
    }
    expect(r.series[0]?.points).toHaveLength(60); // the empty bucket at `to` is omitted, not null
  });

  test('a window starting inside a bucket only counts the samples inside it; target filter', async () => {
    const f = (NOW_S - 1805) * 1000;
    const t = (NOW_S - 1200) * 1000 + 500;
    const r = await get<SeriesResponseDto>(
      `/clusters/${C}/series?metric=kafka.topic.bytes_in&target=broker-2&label.topic=payments&from=${f}&to=${t}&step=300&agg=sum`,
    );
    expect(r.series).toHaveLength(1);
    expect(r.series[0]?.points).toEqual(expectedPoints('broker-2', 'kafka.topic.bytes_in', { topic: 'payments' }, f, t, 300, 'sum'));
  });

  test('by=topic sums the brokers; by= sums everything into one series without target', async () => {
    const q = `/clusters/${C}/series?metric=kafka.topic.bytes_in&from=${from}&to=${to}&step=600&agg=avg`;
    const byTopic = await get<SeriesResponseDto>(`${q}&by=topic`);
    const orders = byTopic.series.find((s) => s.labels['topic'] === 'orders');
    expect(orders?.target).toBeUndefined();
    const b1 = expectedPoints('broker-1', 'kafka.topic.bytes_in', { topic: 'orders' }, from, to, 600, 'avg');
    const b2 = expectedPoints('broker-2', 'kafka.topic.bytes_in', { topic: 'orders' }, from, to, 600, 'avg');
    expect(orders?.points.map((p) => p[0])).toEqual(b1.map((p) => p[0]));
    orders?.points.forEach((p, i) => expect(p[1]).toBeCloseTo((b1[i]?.[1] ?? NaN) + (b2[i]?.[1] ?? NaN), 6));
    expect(byTopic.series.map((s) => s.labels['topic']).sort()).toEqual(['orders', 'payments', HOSTILE_TOPIC].sort());
    const all = await get<SeriesResponseDto>(`${q}&by=`);
    expect(all.series).toHaveLength(1);
    expect(all.series[0]).not.toHaveProperty('target');
    expect(all.series[0]?.labels).toEqual({});
  });

  test('no step: derived so that points ≤ maxPoints', async () => {
    const r = await get<SeriesResponseDto>(`/clusters/${C}/series?metric=kafka.topic.bytes_in&label.topic=orders&from=${from}&to=${to}&maxPoints=10`);
    expect(r.step).toBeGreaterThanOrEqual(360);
    for (const s of r.series) {
      expect(s.points.length).toBeLessThanOrEqual(10);
      expect(s.points.length).toBeGreaterThan(0);
      for (const [t] of s.points) expect(t % (r.step * 1000)).toBe(0);
    }
  });

  test('a hostile label value is only ever a value: it finds its own series and breaks nothing', async () => {
    const r = await get<SeriesResponseDto>(
      `/clusters/${C}/series?metric=kafka.topic.bytes_in&label.topic=${encodeURIComponent(HOSTILE_TOPIC)}&from=${from}&to=${to}&step=60`,
    );
    expect(r.series).toEqual([
      {
        target: 'broker-1',
        labels: { topic: HOSTILE_TOPIC },
        points: expectedPoints('broker-1', 'kafka.topic.bytes_in', { topic: HOSTILE_TOPIC }, from, to, 60, 'avg'),
      },
    ]);
    const none = await get<SeriesResponseDto>(
      `/clusters/${C}/series?metric=kafka.topic.bytes_in&label.topic=${encodeURIComponent("' OR '1'='1")}&from=${from}&to=${to}&step=60`,
    );
    expect(none.series).toEqual([]);
    const [rows] = await db.pool.query('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
    expect(Number((rows as Array<{ n: number }>)[0]?.n)).toBe(seed.length);
  });

  test('unknown metric or cluster → 404; a metric without samples → empty series', async () => {
    await get(`/clusters/${C}/series?metric=kafka.broker.no_such_thing`, 404);
    await get(`/clusters/nope/series?metric=kafka.topic.bytes_in`, 404);
    const empty = await get<SeriesResponseDto>(`/clusters/${C}/series?metric=kafka.broker.bytes_out`);
    expect(empty.series).toEqual([]);
  });
});

describe('/snapshot', () => {
  test('view kafka: latest value of each broker and group series in the window; no ZooKeeper, no old, no partition series', async () => {
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=kafka`);
    expect(r).toMatchObject({ cluster: C, view: 'kafka', ts: NOW_S * 1000 });
    expect(r.targets.map((t) => [t.key, t.kind, t.state, t.origin])).toEqual([
      ['broker-1', 'kafka-broker', 'up', 'config'],
      ['broker-2', 'kafka-broker', 'down', 'discovered'],
    ]);
    expect(r.targets[1]?.lastError).toBe('connect ECONNREFUSED');
    const find = (metric: string, target: string, labels: Labels = {}) =>
      r.samples.filter((s) => s.metric === metric && s.target === target && JSON.stringify(s.labels) === JSON.stringify(labels));
    expect(find('kafka.broker.under_replicated_partitions', 'broker-1')).toEqual([
      { metric: 'kafka.broker.under_replicated_partitions', target: 'broker-1', labels: {}, ts: (NOW_S - 10) * 1000, value: 0 },
    ]);
    expect(find('kafka.broker.under_replicated_partitions', 'broker-2').map((s) => s.value)).toEqual([1]);
    expect(find('kafka.consumer_group.lag', 'cluster', { group: 'g1', partition: '0', topic: 'orders' }).map((s) => s.value)).toEqual([3]);
    expect(r.samples.some((s) => s.metric === 'kafka.broker.partitions')).toBe(false); // 50 minutes old
    expect(r.samples.some((s) => s.metric === 'kafka.log.size')).toBe(false); // per partition
    expect(r.samples.some((s) => s.metric.startsWith('zookeeper.'))).toBe(false);
    const lastBytes = find('kafka.topic.bytes_in', 'broker-2', { topic: 'payments' });
    const seeded = seed.filter((s) => s.target === 'broker-2' && s.labels['topic'] === 'payments').sort((a, b) => b.ts - a.ts)[0];
    expect(lastBytes.map((s) => [s.ts, s.value])).toEqual([[seeded?.ts, seeded?.value]]);
    const withPartitions = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=kafka&partitions=1`);
    expect(withPartitions.samples.filter((s) => s.metric === 'kafka.log.size').map((s) => s.value)).toEqual([4096]);
  });

  test('view zookeeper: only ZooKeeper targets and metrics', async () => {
    const r = await get<SnapshotDto>(`/clusters/${C}/snapshot?view=zookeeper`);
    expect(r.targets.map((t) => t.key)).toEqual(['zk-1']);
    expect(r.samples.map((s) => [s.metric, s.target, s.value]).sort()).toEqual([
      ['zookeeper.is_leader', 'zk-1', 1],
      ['zookeeper.up', 'zk-1', 1],
    ]);
  });

  test('bad view → 400 naming it; unknown cluster → 404', async () => {
    const bad = await get<{ error: { param: string } }>(`/clusters/${C}/snapshot?view=yarn`, 400);
    expect(bad.error.param).toBe('view');
    await get(`/clusters/zz/snapshot?view=kafka`, 404);
  });
});

test('/consumer-groups from the latest lag series', async () => {
  const groups = await get<ConsumerGroupDto[]>(`/clusters/${C}/consumer-groups`);
  expect(groups).toEqual([
    {
      group: 'g1',
      state: 'Stable',
      status: null,
      worstPartition: null,
      members: 2,
      totalLag: 5,
      ts: (NOW_S - 10) * 1000,
      topics: [
        {
          topic: 'orders',
          lag: 5,
          partitions: [
            { partition: 0, committed: 100, logEnd: 103, lag: 3, status: null },
            { partition: 1, committed: 50, logEnd: 52, lag: 2, status: null },
          ],
        },
      ],
    },
  ]);
});

test('/clusters and /targets merge the store-independent health', async () => {
  expect(await get(`/clusters`)).toEqual([{ id: C, name: 'test', targets: 4, up: 2, down: 1 }]);
  const t = await get<Array<{ key: string; state: string }>>(`/clusters/${C}/targets`);
  expect(t.map((x) => [x.key, x.state])).toEqual([
    ['broker-1', 'up'],
    ['broker-2', 'down'],
    ['zk-1', 'up'],
    ['cluster', 'unknown'],
  ]);
});

test('/status carries the writer and each webhook’s delivery (host only)', async () => {
  const st = await get<{ writer: { mysqlUp: boolean }; webhooks: Array<{ webhook: string; state: string; queued: number }> }>(`/status`);
  expect(st.writer.mysqlUp).toBe(false);
  expect(st.webhooks).toEqual([expect.objectContaining({ webhook: 'webhooks[0] (hooks.example.com)', state: 'failing', queued: 2 })]);
});

test('MySQL unreachable → 503 STORE_UNAVAILABLE, no details', async () => {
  const dead = createPool('mysql://root@127.0.0.1:1/nothing', undefined, { connectTimeoutMs: 1000 });
  const s = createApiServer({
    readModel: createMysqlReadModel(dead, live),
    liveFeed: new LiveFeedHub(),
    config: { host: '127.0.0.1', port: 0, corsOrigins: [] },
    log: silentLogger,
  });
  const { url } = await s.start();
  try {
    for (const path of [`/clusters/${C}/snapshot?view=kafka`, `/clusters/${C}/series?metric=kafka.topic.bytes_in`]) {
      const res = await fetch(url + '/api/v1' + path);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: 'the metric store (MySQL) is unreachable' } });
    }
  } finally {
    await s.stop();
    await dead.end().catch(() => undefined);
  }
});
