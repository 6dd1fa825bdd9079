/**
 * The MySQL store against the real MariaDB: migrations, series registry, writer, read queries,
 * partitions, status. (Outage and buffer overflow: store-outage.test.ts.)
 */
import { readFileSync } from 'fs';
import path from 'path';
import type { RowDataPacket } from 'mysql2/promise';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../../sidecar/src/core/model';
import { migrate } from '../../sidecar/src/store/migrate';
import { dropPartitionsBefore, ensurePartitions, partitionName } from '../../sidecar/src/store/partitions';
import { latestValues, seriesRange } from '../../sidecar/src/store/queries';
import { SeriesRegistry } from '../../sidecar/src/store/registry';
import { SampleWriter } from '../../sidecar/src/store/sample-writer';
import { StatusStore } from '../../sidecar/src/store/status-store';
import { freshDatabase } from '../support/mysql';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const target: Target = { clusterId: 'c1', key: 'broker-1', kind: 'kafka-broker', origin: 'config', jolokiaUrl: 'http://127.0.0.1:1/jolokia' };
const metric: CatalogEntry = {
  id: 'kafka.broker.bytes_in',
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', attribute: 'Count', labelKeys: ['topic'] },
  unit: 'bytes/s',
  type: 'counter',
  description: { en: 'Bytes in', ko: '유입 바이트' },
  origin: 'builtin',
};

async function registry(): Promise<SeriesRegistry> {
  const r = new SeriesRegistry(db.pool, silentLogger);
  await r.upsertCluster('c1', 'test');
  await r.upsertTargets([target]);
  await r.upsertMetrics([metric]);
  return r;
}

function samples(n: number, t0: number, topics = 10): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    clusterId: 'c1',
    target: 'broker-1',
    metric: metric.id,
    labels: { topic: `t-${i % topics}` },
    ts: t0 + Math.floor(i / topics) * 1000,
    value: i,
  }));
}

async function count(): Promise<number> {
  const [rows] = await db.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  db = await freshDatabase('store');
});
afterAll(async () => {
  await db?.drop();
});

test('migrate creates every table with comments, records its version and is idempotent', async () => {
  const first = await migrate(db.pool, silentLogger);
  expect(first.from).toBe(0);
  expect(first.applied).toContain('001_initial');
  const second = await migrate(db.pool, silentLogger);
  expect(second).toEqual({ from: first.to, to: first.to, applied: [] });
  const [tables] = await db.pool.query<RowDataPacket[]>(
    "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FL\\_DOF\\_%'",
  );
  expect(tables.map((t) => t.TABLE_NAME).sort()).toEqual([
    'FL_DOF_ALERT_RULE',
    'FL_DOF_ALERT_STATE',
    'FL_DOF_CLUSTER',
    'FL_DOF_COLLECTOR_STATUS',
    'FL_DOF_EVENT',
    'FL_DOF_METRIC',
    'FL_DOF_PARTITION_COMPACTION',
    'FL_DOF_SAMPLE',
    'FL_DOF_SAMPLE_1H',
    'FL_DOF_SAMPLE_1M',
    'FL_DOF_SCHEMA_VERSION',
    'FL_DOF_SERIES',
    'FL_DOF_TARGET',
  ]);
  expect(tables.every((t) => String(t.TABLE_COMMENT).length > 5)).toBe(true);
  const [cols] = await db.pool.query<RowDataPacket[]>(
    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FL\\_DOF\\_%' AND COLUMN_COMMENT = ''",
  );
  expect(cols).toEqual([]);
  const [engines] = await db.pool.query<RowDataPacket[]>(
    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FL\\_DOF\\_%' AND (ENGINE <> 'InnoDB' OR TABLE_COLLATION NOT LIKE 'utf8mb4%')",
  );
  expect(engines).toEqual([]);
  // daily partitions from 3 days back to 3 days ahead, then pmax
  const [parts] = await db.pool.query<RowDataPacket[]>(
    "SELECT PARTITION_NAME AS p FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE' ORDER BY PARTITION_ORDINAL_POSITION",
  );
  const now = Math.floor(Date.now() / 1000);
  const days = [-3, -2, -1, 0, 1, 2, 3].map((d) => partitionName(now + d * 86400));
  expect(parts.map((r) => r.p)).toEqual([...days, 'pmax']);
  const [versions] = await db.pool.query<RowDataPacket[]>('SELECT version, name FROM FL_DOF_SCHEMA_VERSION ORDER BY version');
  expect(versions[0]).toMatchObject({ version: 1, name: '001_initial' });
});

test('10k samples are written in batches and read back exactly', async () => {
  const writer = new SampleWriter(db.pool, await registry(), { bufferMaxSamples: 100_000, batchSize: 1000, flushIntervalMs: 50 }, silentLogger);
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);
  writer.enqueue(samples(10_000, t0));
  await writer.flush();
  expect(writer.stats()).toMatchObject({ buffered: 0, written: 10_000, dropped: 0, mysqlUp: true });
  expect(await count()).toBe(10_000);
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT x.ts, x.value FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id
      WHERE s.labels_json = ? ORDER BY x.ts LIMIT 2`,
    ['{"topic":"t-3"}'],
  );
  expect(rows.map((r) => [Number(r.ts), Number(r.value)])).toEqual([
    [t0 / 1000, 3],
    [t0 / 1000 + 1, 13],
  ]);
  await writer.stop();
});

test('latestValues gives the newest value of every series of the cluster since the cut-off', async () => {
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0) / 1000;
  const rows = await latestValues(db.pool, 'c1', t0);
  expect(rows).toHaveLength(10);
  const t3 = rows.find((r) => r.labels.topic === 't-3');
  // 10 000 samples over 10 topics: the last of t-3 is sample 9993 at t0 + 999 s
  expect(t3).toEqual({ target: 'broker-1', kind: 'kafka-broker', metric: 'kafka.broker.bytes_in', labels: { topic: 't-3' }, ts: t0 + 999, value: 9993 });
  expect(await latestValues(db.pool, 'c1', t0 + 1000)).toEqual([]);
  expect(await latestValues(db.pool, 'other', t0)).toEqual([]);
});

test('seriesRange buckets one metric per series with each aggregation, filtered by target and labels', async () => {
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0) / 1000;
  const q = { clusterId: 'c1', metric: 'kafka.broker.bytes_in', targets: ['broker-1'], labels: { topic: 't-3' }, fromSec: t0, toSec: t0 + 19, stepSec: 10 };
  // t-3 at t0+k has value 10k+3: bucket t0 holds k=0..9, bucket t0+10 holds k=10..19
  const at = async (agg: 'avg' | 'min' | 'max' | 'sum' | 'last'): Promise<[number, number][]> => {
    const out = await seriesRange(db.pool, { ...q, agg });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ target: 'broker-1', labels: { topic: 't-3' } });
    return out[0]?.points ?? [];
  };
  expect(await at('min')).toEqual([
    [t0, 3],
    [t0 + 10, 103],
  ]);
  expect(await at('max')).toEqual([
    [t0, 93],
    [t0 + 10, 193],
  ]);
  expect(await at('avg')).toEqual([
    [t0, 48],
    [t0 + 10, 148],
  ]);
  expect(await at('sum')).toEqual([
    [t0, 480],
    [t0 + 10, 1480],
  ]);
  expect(await at('last')).toEqual([
    [t0, 93],
    [t0 + 10, 193],
  ]);
  const all = await seriesRange(db.pool, { ...q, targets: [], labels: {}, agg: 'last' });
  expect(all.map((s) => s.labels.topic).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t-${i}`).sort());
  expect(await seriesRange(db.pool, { ...q, targets: ['broker-9'], agg: 'avg' })).toEqual([]);
  await expect(seriesRange(db.pool, { ...q, labels: {}, agg: 'avg', maxSeries: 5 })).rejects.toMatchObject({ code: 'TOO_MANY_SERIES', retriable: false });
  await expect(seriesRange(db.pool, { ...q, stepSec: 0, agg: 'avg' })).rejects.toMatchObject({ code: 'BAD_QUERY' });
  // a hostile label value is a bound value, not SQL
  expect(await seriesRange(db.pool, { ...q, targets: ["x' OR '1'='1"], agg: 'avg' })).toEqual([]);
});

test('reading a range of one series uses the primary key of FL_DOF_SAMPLE and only the partitions asked for', async () => {
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0) / 1000;
  const [plan] = await db.pool
    .query<RowDataPacket[]>('EXPLAIN PARTITIONS SELECT ts, value FROM FL_DOF_SAMPLE WHERE series_id IN (1, 2) AND ts BETWEEN ? AND ?', [t0, t0 + 60])
    .catch(() => db.pool.query<RowDataPacket[]>('EXPLAIN SELECT ts, value FROM FL_DOF_SAMPLE WHERE series_id IN (1, 2) AND ts BETWEEN ? AND ?', [t0, t0 + 60]));
  expect(plan[0]).toMatchObject({ table: 'FL_DOF_SAMPLE', key: 'PRIMARY', type: 'range' });
  // one partition only (t0 falls in exactly one daily partition, or the oldest when run years later)
  expect(String(plan[0]?.partitions)).toMatch(/^p\d{8}$/);
});

test('daily partitions are added ahead and dropped for retention', async () => {
  const day = 86400;
  const now = Math.floor(Date.now() / 1000) + 30 * day; // beyond what migrate created
  const added = await ensurePartitions(db.pool, now, 2, 0);
  expect(added).toEqual([partitionName(now), partitionName(now + day), partitionName(now + 2 * day)]);
  expect(await ensurePartitions(db.pool, now, 2, 0)).toEqual([]);
  const real = Math.floor(Date.now() / 1000);
  await db.pool.query('INSERT INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES (999999, ?, 1), (999999, ?, 2)', [real - 3 * day, real]);
  // retention: everything whose whole day is before yesterday goes, as DROP PARTITION
  const dropped = await dropPartitionsBefore(db.pool, real - day);
  expect(dropped).toEqual([partitionName(real - 3 * day), partitionName(real - 2 * day)]);
  const [left] = await db.pool.query<RowDataPacket[]>('SELECT value FROM FL_DOF_SAMPLE WHERE series_id = 999999');
  expect(left.map((r) => Number(r.value))).toEqual([2]);
  expect(await dropPartitionsBefore(db.pool, real - day)).toEqual([]);
});

test('collector status rows are upserted and read back with the target kind', async () => {
  await registry();
  const store = new StatusStore(db.pool, silentLogger);
  const row = {
    job: 'jmx',
    clusterId: 'c1',
    target: 'broker-1',
    state: 'up',
    lastRunAt: 1000,
    lastOkAt: 1000,
    lastDurationMs: 12,
    consecutiveFailures: 0,
    runs: 1,
    failures: 0,
  };
  await store.recordTargets([row]);
  await store.recordTargets([{ ...row, state: 'down', lastError: 'ECONNREFUSED', consecutiveFailures: 1, runs: 2, failures: 1 }]);
  const rows = await store.readStatus();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ job: 'jmx', target: 'broker-1', state: 'down', kind: 'kafka-broker', lastError: 'ECONNREFUSED', runs: 2, failures: 1 });
  // the newest run of any job (what a restart rebuilds rollups around)
  await store.recordTargets([{ ...row, job: 'zookeeper', target: 'zk-1', lastRunAt: 5000 }]);
  expect(await store.lastRunAt()).toBe(5000);
});

test("sql/README.md's statement for removing Doflamingo's data leaves no FL_DOF_ table (run last)", async () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'sql', 'README.md'), 'utf8');
  const block = /<!-- drop-all:start -->\s*```sql\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toMatch(/^DROP TABLE IF EXISTS /);
  const tables = async (): Promise<string[]> => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FL\\_DOF\\_%'",
    );
    return rows.map((r) => String(r.t));
  };
  expect((await tables()).length).toBeGreaterThanOrEqual(13);
  await db.pool.query(block as string);
  expect(await tables()).toEqual([]);
});
