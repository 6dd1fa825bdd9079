/**
 * The 30-day chart: time-machine queries over generated history, through the API's read model
 * (the /series path: createMysqlReadModel → readSeriesRange), in a fresh database dropped afterwards.
 *
 *   node dist/bench/query-30d.js >> bench/RESULTS.md     (markdown section on stdout)
 *
 * History generated (rows written straight into the tables in primary-key order, as a sidecar
 * running for a month would have left them — the rollups are not recomputed from raw here):
 * BENCH_Q30_BROKERS (3) brokers × BENCH_Q30_SERIES (100) series each — `kafka.broker.bytes_in`
 * (one per broker) plus per-topic `kafka.topic.bytes_in` — with
 * - FL_DOF_SAMPLE_1H: 30 days (720 hours per series),
 * - FL_DOF_SAMPLE_1M: 30 days (43 200 minutes per series; cnt 6 = one sample every 10 s),
 * - FL_DOF_SAMPLE: the last BENCH_Q30_RAW_DAYS (7) days every 10 s.
 * Partitions: daily (raw, 1m) and monthly (1h) over the whole history (extendPartitionsBack).
 * Each query runs once cold (first after generation), then BENCH_Q30_RUNS (20) times: median, p95.
 * Env: DOFLAMINGO_MYSQL_URL (server; default mysql://root@127.0.0.1:3306/doflamingo).
 */
import mysql from 'mysql2/promise';
import { createMysqlReadModel, type LiveSource } from '../sidecar/src/api/read-model-mysql';
import { chooseStep } from '../sidecar/src/api/params';
import { BUILTIN_ENTRIES } from '../sidecar/src/catalog/catalog';
import { silentLogger } from '../sidecar/src/log/logger';
import type { Sample, Target } from '../sidecar/src/core/model';
import { migrate } from '../sidecar/src/store/migrate';
import { extendPartitionsBack, HOUR_TABLE, MINUTE_TABLE, SAMPLE_TABLE } from '../sidecar/src/store/partitions';
import { createPool, parseMysqlUrl } from '../sidecar/src/store/pool';
import { SeriesRegistry } from '../sidecar/src/store/registry';

const BROKERS = Number(process.env.BENCH_Q30_BROKERS ?? 3);
const PER_BROKER = Number(process.env.BENCH_Q30_SERIES ?? 100);
const RAW_DAYS = Number(process.env.BENCH_Q30_RAW_DAYS ?? 7);
const RUNS = Number(process.env.BENCH_Q30_RUNS ?? 20);
const DAY = 86400;
const C = 'bench';

/** A day-shaped rate with per-series scale and some noise. */
const rate = (k: number, t: number): number => (1 + (k % 17)) * 1e5 * (1.5 + Math.sin((2 * Math.PI * t) / DAY)) * (0.9 + 0.2 * Math.random());

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

async function insertAll(pool: mysql.Pool, sql: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) await pool.query(sql, [rows.slice(i, i + 10_000)]);
}

async function tableBytes(pool: mysql.Pool, table: string): Promise<{ rows: number; bytesPerRow: number }> {
  await pool.query(`ANALYZE TABLE ${table}`);
  const [[b]] = await pool.query<mysql.RowDataPacket[]>(
    'SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    [table],
  );
  const [[n]] = await pool.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
  return { rows: Number(n?.n), bytesPerRow: Math.round((Number(b?.bytes) / Number(n?.n)) * 10) / 10 };
}

async function generate(pool: mysql.Pool, ids: number[], nowSec: number): Promise<number> {
  const started = Date.now();
  const h0 = Math.floor((nowSec - 30 * DAY) / 3600) * 3600;
  const m0 = Math.floor((nowSec - 30 * DAY) / 60) * 60;
  const r0 = Math.floor((nowSec - RAW_DAYS * DAY) / 10) * 10;
  const rollup = (k: number, id: number, from: number, to: number, width: number): unknown[][] => {
    const out: unknown[][] = [];
    const cnt = width / 10;
    for (let b = from; b < to; b += width) {
      const avg = rate(k, b);
      out.push([id, b, avg * 0.8, avg * 1.25, avg * cnt, cnt, rate(k, b + width - 10), Math.min(b + width - 10, to)]);
    }
    return out;
  };
  const upsert = (t: string): string => `INSERT INTO ${t} (series_id, ts, min, max, sum, cnt, last, last_ts) VALUES ?`;
  for (const [k, id] of ids.entries()) {
    await insertAll(pool, upsert('FL_DOF_SAMPLE_1H'), rollup(k, id, h0, nowSec, 3600));
    await insertAll(pool, upsert('FL_DOF_SAMPLE_1M'), rollup(k, id, m0, nowSec, 60));
    const raw: unknown[][] = [];
    for (let t = r0; t <= nowSec; t += 10) raw.push([id, t, rate(k, t)]);
    await insertAll(pool, 'INSERT INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?', raw);
  }
  return (Date.now() - started) / 1000;
}

async function main(): Promise<void> {
  const u = parseMysqlUrl(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo');
  const name = `${u.database}_bench_q30_${Date.now().toString(36)}`.slice(0, 64);
  const admin = await mysql.createConnection({ host: u.host, port: u.port, user: u.user, password: u.password });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  const pool = createPool(`mysql://${encodeURIComponent(u.user)}@${u.host}:${u.port}/${name}`, u.password);
  try {
    await migrate(pool, silentLogger);
    const nowSec = Math.floor(Date.now() / 1000);
    await extendPartitionsBack(pool, nowSec - 31 * DAY, HOUR_TABLE);
    await extendPartitionsBack(pool, nowSec - 31 * DAY, MINUTE_TABLE);
    await extendPartitionsBack(pool, nowSec - (RAW_DAYS + 1) * DAY, SAMPLE_TABLE);
    const targets: Target[] = Array.from({ length: BROKERS }, (_, i) => ({ clusterId: C, key: `broker-${i + 1}`, kind: 'kafka-broker', origin: 'config' }));
    const registry = new SeriesRegistry(pool, silentLogger);
    await registry.upsertCluster(C, 'bench');
    await registry.upsertTargets(targets);
    await registry.upsertMetrics([...BUILTIN_ENTRIES]);
    const series: Sample[] = targets.flatMap((t) => [
      { clusterId: C, target: t.key, metric: 'kafka.broker.bytes_in', labels: {}, ts: 0, value: 0 },
      ...Array.from({ length: PER_BROKER - 1 }, (_, j) => ({
        clusterId: C,
        target: t.key,
        metric: 'kafka.topic.bytes_in',
        labels: { topic: `topic-${j}` },
        ts: 0,
        value: 0,
      })),
    ]);
    const ids = (await registry.resolve(series)).map(Number);
    const genSeconds = await generate(pool, ids, nowSec);
    const sizes = {
      h: await tableBytes(pool, 'FL_DOF_SAMPLE_1H'),
      m: await tableBytes(pool, 'FL_DOF_SAMPLE_1M'),
      raw: await tableBytes(pool, 'FL_DOF_SAMPLE'),
    };

    const live = { clusters: () => [{ id: C, name: 'bench' }], catalog: () => [...BUILTIN_ENTRIES] } as Partial<LiveSource> as LiveSource;
    const model = createMysqlReadModel(pool, live, { clock: { now: () => nowSec * 1000 } });
    const cases = [
      {
        what: '30 days, `kafka.broker.bytes_in` of 3 brokers (the 30-day chart)',
        metric: 'kafka.broker.bytes_in',
        targets: [] as string[],
        days: 30,
        maxPoints: 300,
      },
      { what: '30 days, `kafka.broker.bytes_in` of 3 brokers, maxPoints 2000', metric: 'kafka.broker.bytes_in', targets: [], days: 30, maxPoints: 2000 },
      {
        what: `30 days, \`kafka.topic.bytes_in\` of broker-1 (${PER_BROKER - 1} series)`,
        metric: 'kafka.topic.bytes_in',
        targets: ['broker-1'],
        days: 30,
        maxPoints: 300,
      },
      { what: '7 days, `kafka.broker.bytes_in` of 3 brokers', metric: 'kafka.broker.bytes_in', targets: [], days: 7, maxPoints: 300 },
      { what: '1 hour, `kafka.broker.bytes_in` of 3 brokers', metric: 'kafka.broker.bytes_in', targets: [], days: 1 / 24, maxPoints: 300 },
    ];
    const lines: string[] = [];
    for (const c of cases) {
      const to = nowSec * 1000;
      const from = to - c.days * DAY * 1000;
      const step = chooseStep(from, to, c.maxPoints);
      const q = { cluster: C, metric: c.metric, targets: c.targets, labels: {}, from, to, step, agg: 'avg' as const, by: null, maxPoints: c.maxPoints };
      const t0 = process.hrtime.bigint();
      const first = await model.series(q);
      const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        await model.series(q);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      const points = first.series.reduce((a, s) => a + s.points.length, 0);
      lines.push(
        `| ${c.what} | ${step} s | ${first.source} | ${first.series.length} / ${points} | ${coldMs.toFixed(1)} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`,
      );
    }
    const [[ver]] = await pool.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
    const out = [
      '## 4. Time-machine queries over 30 days of history (rollups)',
      '',
      `Command: \`node dist/bench/query-30d.js\` (BENCH_Q30_BROKERS=${BROKERS}, BENCH_Q30_SERIES=${PER_BROKER} per broker, BENCH_Q30_RAW_DAYS=${RAW_DAYS}, BENCH_Q30_RUNS=${RUNS}; ${String(ver?.v)}).`,
      `Generated in ${genSeconds.toFixed(0)} s, written in primary-key order: FL_DOF_SAMPLE_1H ${sizes.h.rows} rows (30 days, ${sizes.h.bytesPerRow} B/row), ` +
        `FL_DOF_SAMPLE_1M ${sizes.m.rows} rows (30 days, ${sizes.m.bytesPerRow} B/row), FL_DOF_SAMPLE ${sizes.raw.rows} rows (${RAW_DAYS} days every 10 s, ${sizes.raw.bytesPerRow} B/row).`,
      'Each query goes through the API read model (`/series` without `step`: derived from maxPoints), `agg=avg`; once cold, then timed runs.',
      '',
      '| query | step | source | series / points | first run ms | median ms | p95 ms |',
      '|---|---|---|---|---|---|---|',
      ...lines,
      '',
    ];
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await pool.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
