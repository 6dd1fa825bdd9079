/** The MySQL store against the real MariaDB: migrations, series registry, buffered writer, partitions, status. */
import type { RowDataPacket } from 'mysql2/promise';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../../sidecar/src/model';
import { SampleWriter } from '../../sidecar/src/store/buffered-writer';
import { StatusStore } from '../../sidecar/src/store/collector-status';
import { createPool } from '../../sidecar/src/store/mysql-pool';
import { dropPartitionsBefore, ensurePartitions } from '../../sidecar/src/store/partitions';
import { migrate } from '../../sidecar/src/store/schema-migrator';
import { SeriesRegistry } from '../../sidecar/src/store/series-registry';
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
  expect(tables.map((t) => t.TABLE_NAME).sort()).toEqual(
    ['FL_DOF_ALERT_STATE', 'FL_DOF_CLUSTER', 'FL_DOF_COLLECTOR_STATUS', 'FL_DOF_EVENT', 'FL_DOF_METRIC', 'FL_DOF_SAMPLE', 'FL_DOF_SCHEMA_VERSION', 'FL_DOF_SERIES', 'FL_DOF_TARGET'],
  );
  expect(tables.every((t) => String(t.TABLE_COMMENT).length > 5)).toBe(true);
  const [cols] = await db.pool.query<RowDataPacket[]>(
    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FL\\_DOF\\_%' AND COLUMN_COMMENT = ''",
  );
  expect(cols).toEqual([]);
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

test('while MySQL is unreachable samples wait in the buffer; nothing is lost when it is back', async () => {
  const dead = createPool('mysql://root@127.0.0.1:1/nowhere', undefined, { connectTimeoutMs: 500 });
  const reg = await registry();
  const deadWriter = new SampleWriter(dead, reg, { bufferMaxSamples: 100_000, batchSize: 500, flushIntervalMs: 20 }, silentLogger);
  const t0 = Date.UTC(2026, 10, 25, 11, 0, 0);
  const batch = samples(2000, t0);
  deadWriter.enqueue(batch);
  await deadWriter.flush();
  expect(deadWriter.stats()).toMatchObject({ buffered: 2000, mysqlUp: false, written: 0 });
  expect(deadWriter.stats().lastError).toBeTruthy();
  await dead.end();
  // The same buffered samples, handed to a writer whose MySQL answers (as after a restart of MySQL).
  const before = await count();
  const live = new SampleWriter(db.pool, reg, { bufferMaxSamples: 100_000, batchSize: 500, flushIntervalMs: 20 }, silentLogger);
  live.enqueue(batch);
  await live.flush();
  expect(await count()).toBe(before + 2000);
});

test('a full buffer drops the oldest samples and counts them', async () => {
  const dead = createPool('mysql://root@127.0.0.1:1/nowhere', undefined, { connectTimeoutMs: 300 });
  const w = new SampleWriter(dead, await registry(), { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 20 }, silentLogger);
  w.enqueue(samples(700, 0));
  w.enqueue(samples(700, 1_000_000));
  expect(w.stats()).toMatchObject({ buffered: 1000, dropped: 400 });
  await dead.end();
});

test('daily partitions are added ahead and dropped for retention', async () => {
  const day = 86400;
  const now = Math.floor(Date.UTC(2027, 0, 10, 12) / 1000);
  const added = await ensurePartitions(db.pool, now, 2, 0);
  expect(added).toEqual(['p20270110', 'p20270111', 'p20270112']);
  expect(await ensurePartitions(db.pool, now, 2, 0)).toEqual([]);
  const dropped = await dropPartitionsBefore(db.pool, now - 40 * day);
  expect(dropped.every((p) => p < 'p20261202')).toBe(true);
  expect(dropped.length).toBeGreaterThan(0);
});

test('collector status rows are upserted and read back with the target kind', async () => {
  await registry();
  const store = new StatusStore(db.pool, silentLogger);
  const row = { job: 'jmx', clusterId: 'c1', target: 'broker-1', state: 'up', lastRunAt: 1000, lastOkAt: 1000, lastDurationMs: 12, consecutiveFailures: 0, runs: 1, failures: 0 };
  await store.recordTargets([row]);
  await store.recordTargets([{ ...row, state: 'down', lastError: 'ECONNREFUSED', consecutiveFailures: 1, runs: 2, failures: 1 }]);
  const rows = await store.readStatus();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ job: 'jmx', target: 'broker-1', state: 'down', kind: 'kafka-broker', lastError: 'ECONNREFUSED', runs: 2, failures: 1 });
});
