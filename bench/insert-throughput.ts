/**
 * Insert throughput and size of FL_DOF_SAMPLE through the production path (SeriesRegistry +
 * SampleWriter: batched multi-row INSERTs), in a fresh database that is dropped afterwards.
 *
 *   node dist/bench/insert-throughput.js        (or: npx ts-node bench/insert-throughput.ts)
 *
 * Env: DOFLAMINGO_MYSQL_URL (server; default mysql://root@127.0.0.1:3306/doflamingo),
 * BENCH_INSERT_SERIES (10000), BENCH_INSERT_TICKS (100), BENCH_INSERT_BATCH (5000),
 * BENCH_INSERT_ROW_FORMAT (unset = the schema's default; e.g. "COMPRESSED KEY_BLOCK_SIZE=8"),
 * BENCH_INSERT_ROLLUPS (1 = the production path: the writer also computes each closed minute/hour
 * into FL_DOF_SAMPLE_1M/_1H; 0 = raw only). The writer's rollup clock follows the ticks (tick k is
 * "now" at its own time + 1 s), so minutes close every 6 ticks as they do live; a final flush at
 * tick time + 2 h computes the rest and is timed too.
 * Prints one JSON object on stdout: samplesPerSec (steady state: series already created),
 * bytesPerSample (DATA_LENGTH + INDEX_LENGTH of FL_DOF_SAMPLE after ANALYZE TABLE, / rows),
 * bytesPerSampleCompacted (same after each day holding rows went through compactDay: the copy in key
 * order swapped in with EXCHANGE PARTITION that the sidecar does to closed days), rows...
 * Values are random doubles (real metrics compress better than this; it is the honest worst case).
 */
import mysql from 'mysql2/promise';
import { silentLogger } from '../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../sidecar/src/core/model';
import { migrate } from '../sidecar/src/store/migrate';
import { compactDay } from '../sidecar/src/store/partition-compaction';
import { partitionNames } from '../sidecar/src/store/partitions';
import { createPool, parseMysqlUrl } from '../sidecar/src/store/pool';
import { SeriesRegistry } from '../sidecar/src/store/registry';
import { SampleWriter } from '../sidecar/src/store/sample-writer';

const SERIES = Number(process.env.BENCH_INSERT_SERIES ?? 10_000);
const TICKS = Number(process.env.BENCH_INSERT_TICKS ?? 100);
const BATCH = Number(process.env.BENCH_INSERT_BATCH ?? 5000);
const ROW_FORMAT = process.env.BENCH_INSERT_ROW_FORMAT;
const ROLLUPS = process.env.BENCH_INSERT_ROLLUPS !== '0';

const target: Target = { clusterId: 'bench', key: 'broker-1', kind: 'kafka-broker', origin: 'config' };
const metric: CatalogEntry = {
  id: 'kafka.partition.log_size',
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean: 'kafka.log:type=Log,name=Size,topic=*,partition=*', attribute: 'Value', labelKeys: ['topic', 'partition'] },
  unit: 'bytes',
  type: 'gauge',
  description: { en: 'bench', ko: 'bench' },
  origin: 'builtin',
};

async function sampleBytes(pool: mysql.Pool): Promise<number> {
  await pool.query('ANALYZE TABLE FL_DOF_SAMPLE');
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE'",
  );
  return Number(rows[0]?.bytes);
}

async function main(): Promise<void> {
  const u = parseMysqlUrl(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo');
  const name = `${u.database}_bench_insert_${Date.now().toString(36)}`.slice(0, 64);
  const admin = await mysql.createConnection({ host: u.host, port: u.port, user: u.user, password: u.password });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  const pool = createPool(`mysql://${encodeURIComponent(u.user)}@${u.host}:${u.port}/${name}`, u.password);
  try {
    await migrate(pool, silentLogger);
    if (ROW_FORMAT) await pool.query(`ALTER TABLE FL_DOF_SAMPLE ROW_FORMAT=${ROW_FORMAT.replace(/[^A-Z0-9_= ]/gi, '')}`);
    const registry = new SeriesRegistry(pool, silentLogger);
    await registry.upsertCluster('bench', 'bench');
    await registry.upsertTargets([target]);
    await registry.upsertMetrics([metric]);
    // one tick = every series once, 10 s apart, ending now (so rows land in today's partition)
    const t0s = Math.floor(Date.now() / 1000) - TICKS * 10;
    let clockMs = t0s * 1000 + 1000;
    const writer = new SampleWriter(
      pool,
      registry,
      { bufferMaxSamples: SERIES * TICKS + 1, batchSize: BATCH, flushIntervalMs: 60_000, rollups: ROLLUPS, clock: { now: () => clockMs } },
      silentLogger,
    );

    const tick = (k: number): Sample[] =>
      Array.from({ length: SERIES }, (_, i) => ({
        clusterId: 'bench',
        target: 'broker-1',
        metric: metric.id,
        labels: { topic: `topic-${i % 100}`, partition: String(Math.floor(i / 100)) },
        ts: (t0s + k * 10) * 1000,
        value: Math.random() * 1e9,
      }));
    // warm-up: the first tick creates the series rows; the steady state is what is timed
    const seriesStarted = process.hrtime.bigint();
    writer.enqueue(tick(0));
    await writer.flush();
    const seriesSeconds = Number(process.hrtime.bigint() - seriesStarted) / 1e9;
    let generateMs = 0;
    const started = process.hrtime.bigint();
    for (let k = 1; k < TICKS; k++) {
      const g = Date.now();
      const samples = tick(k);
      generateMs += Date.now() - g;
      writer.enqueue(samples);
      clockMs = (t0s + k * 10 + 1) * 1000;
      await writer.flush(); // one flush per collection tick, as in the sidecar
    }
    clockMs = (t0s + TICKS * 10 + 7200) * 1000; // every bucket closed: the rollups still due are computed
    await writer.flush();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9 - generateMs / 1000;
    const st = writer.stats();
    if (st.buffered !== 0 || st.skipped !== 0 || !st.mysqlUp || st.rollupPending !== 0 || st.rollupFailures !== 0)
      throw new Error(`writer did not write everything: ${JSON.stringify(st)}`);
    const timed = st.written - SERIES;
    const [[count]] = await pool.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
    const rows = Number(count?.n);
    const bytes = await sampleBytes(pool);
    const rebuildStarted = Date.now();
    const days = (await partitionNames(pool)).filter((n) => /^p\d{8}$/.test(n));
    const conn = await pool.getConnection();
    try {
      for (const day of days) await compactDay(conn, day);
    } finally {
      conn.release();
    }
    const rebuildMs = Date.now() - rebuildStarted;
    const [[after]] = await pool.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
    if (Number(after?.n) !== rows) throw new Error(`compaction changed the row count: ${rows} → ${String(after?.n)}`);
    const compacted = await sampleBytes(pool);
    const rollupBytes = async (table: string): Promise<{ rows: number; bytesPerRow: number }> => {
      await pool.query(`ANALYZE TABLE ${table}`);
      const [[r]] = await pool.query<mysql.RowDataPacket[]>(
        `SELECT (SELECT COUNT(*) FROM ${table}) AS n, (SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?) AS bytes`,
        [table],
      );
      const n = Number(r?.n);
      return { rows: n, bytesPerRow: n > 0 ? round(Number(r?.bytes) / n, 1) : 0 };
    };
    const minute = await rollupBytes('FL_DOF_SAMPLE_1M');
    const hour = await rollupBytes('FL_DOF_SAMPLE_1H');
    const [[ver]] = await pool.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
    const [[fmt]] = await pool.query<mysql.RowDataPacket[]>(
      "SELECT ROW_FORMAT AS f, CREATE_OPTIONS AS o FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE'",
    );
    const out = {
      server: String(ver?.v),
      rowFormat: `${String(fmt?.f)} ${String(fmt?.o ?? '')}`.trim(),
      series: SERIES,
      ticks: TICKS,
      batchSize: BATCH,
      rows,
      samplesTimed: timed,
      seconds: round(seconds, 2),
      samplesPerSec: Math.round(timed / seconds),
      seriesCreatePerSec: Math.round(SERIES / seriesSeconds),
      bytes,
      bytesPerSample: round(bytes / rows, 1),
      bytesPerSampleCompacted: round(compacted / rows, 1),
      compactMs: rebuildMs,
      rollups: ROLLUPS,
      rows1m: minute.rows,
      bytesPerRow1m: minute.bytesPerRow,
      rows1h: hour.rows,
      bytesPerRow1h: hour.bytesPerRow,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await pool.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
