/**
 * Insert throughput into MySQL through the production path (SeriesRegistry + SampleWriter:
 * batched multi-row INSERTs) and bytes per raw sample on disk, in a fresh database.
 * 10 000 series × 100 collection ticks = 1 000 000 samples by default.
 */
import mysql from 'mysql2/promise';
import { silentLogger } from '../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../sidecar/src/model';
import { SampleWriter } from '../sidecar/src/store/sample-writer';
import { createPool } from '../sidecar/src/store/pool';
import { migrate } from '../sidecar/src/store/migrate';
import { SeriesRegistry } from '../sidecar/src/store/registry';
import { fmt } from './proc-cpu';

const SERIES = Number(process.env.BENCH_INSERT_SERIES ?? 10_000);
const TICKS = Number(process.env.BENCH_INSERT_TICKS ?? 100);
const BATCH = Number(process.env.BENCH_INSERT_BATCH ?? 5000);

async function main(): Promise<void> {
  const base = new URL(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo');
  const server = `${base.protocol}//${base.username ? base.username + '@' : ''}${base.host}/`;
  const name = `doflamingo_bench_insert_${Date.now().toString(36)}`;
  const admin = await mysql.createConnection({ uri: server });
  await admin.query(`CREATE DATABASE \`${name}\``);
  const pool = createPool(server + name, undefined, { connectionLimit: 4 });
  try {
    await migrate(pool, silentLogger);
    const registry = new SeriesRegistry(pool, silentLogger);
    const target: Target = { clusterId: 'bench', key: 'broker-1', kind: 'kafka-broker', origin: 'config' };
    const metric: CatalogEntry = {
      id: 'kafka.broker.log_size',
      appliesTo: 'kafka-broker',
      source: { kind: 'jmx', mbean: 'kafka.log:type=Log,name=Size,topic=*,partition=*', attribute: 'Value', labelKeys: ['topic', 'partition'] },
      unit: 'bytes',
      type: 'gauge',
      description: { en: 'bench', ko: 'bench' },
      origin: 'builtin',
    };
    await registry.upsertCluster('bench', 'bench');
    await registry.upsertTargets([target]);
    await registry.upsertMetrics([metric]);
    const writer = new SampleWriter(pool, registry, { bufferMaxSamples: SERIES * TICKS + 1, batchSize: BATCH, flushIntervalMs: 60_000 }, silentLogger);
    const t0s = Math.floor(Date.now() / 1000) - TICKS * 10;
    const tick = (k: number): Sample[] =>
      Array.from({ length: SERIES }, (_, i) => ({
        clusterId: 'bench',
        target: 'broker-1',
        metric: metric.id,
        labels: { topic: `topic-${i % 100}`, partition: String(Math.floor(i / 100)) },
        ts: (t0s + k * 10) * 1000,
        value: 1_000_000 + i * 10 + k,
      }));
    // warm the series cache (first tick creates the 10k series rows), then time the steady state
    writer.enqueue(tick(0));
    await writer.flush();
    const started = process.hrtime.bigint();
    for (let k = 1; k < TICKS; k++) writer.enqueue(tick(k));
    await writer.flush();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const written = writer.stats().written - SERIES;
    await pool.query('ANALYZE TABLE FL_DOF_SAMPLE');
    const [rows] = await pool.query<mysql.RowDataPacket[]>(
      `SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes, (SELECT COUNT(*) FROM FL_DOF_SAMPLE) AS n
         FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE'`,
    );
    const bytes = Number(rows[0]?.bytes);
    const n = Number(rows[0]?.n);
    // What the nightly compaction of closed days gives (partitions rebuilt with full pages).
    const parts = await pool.query<mysql.RowDataPacket[]>(
      "SELECT PARTITION_NAME AS p FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE' AND TABLE_ROWS > 0",
    );
    const names = parts[0].map((r) => String(r.p)).filter((p) => /^p\d{8}$|^pmax$/.test(p));
    const rebuildStarted = Date.now();
    if (names.length) await pool.query(`ALTER TABLE FL_DOF_SAMPLE REBUILD PARTITION ${names.join(', ')}`);
    const rebuildMs = Date.now() - rebuildStarted;
    await pool.query('ANALYZE TABLE FL_DOF_SAMPLE');
    const [after] = await pool.query<mysql.RowDataPacket[]>(
      "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE'",
    );
    const compacted = Number(after[0]?.bytes);
    console.log('## 2. MySQL insert throughput and size');
    console.log();
    console.log(`Command: \`node dist/bench/store-insert.js\` (BENCH_INSERT_SERIES=${SERIES}, BENCH_INSERT_TICKS=${TICKS}, BENCH_INSERT_BATCH=${BATCH}); ${(await pool.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v'))[0][0]?.v}`);
    console.log();
    console.log('| samples inserted | seconds | samples / s | rows in FL_DOF_SAMPLE | bytes on disk (data + index) | bytes / sample as written | bytes / sample after REBUILD PARTITION (took) |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(`| ${written} | ${fmt(seconds, 2)} | ${fmt(written / seconds, 0)} | ${n} | ${bytes} | ${fmt(bytes / n, 1)} | ${fmt(compacted / n, 1)} (${rebuildMs} ms) |`);
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
