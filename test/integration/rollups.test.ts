/**
 * Rollups on the real MariaDB (fresh database): FL_DOF_SAMPLE_1M/_1H computed behind the real
 * SampleWriter equal the aggregates of the raw rows (also after a replayed batch and with
 * duplicates), a rollup failure keeps the raw rows and catches up, range reads pick raw/1m/1h and give the same
 * points as raw, a 30-day time-machine query over generated history is served from 1h, and
 * retention drops only expired partitions of each table.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { createMysqlReadModel, type LiveSource } from '../../sidecar/src/api/read-model-mysql';
import { BUILTIN_ENTRIES } from '../../sidecar/src/catalog/catalog';
import { ManualClock } from '../../sidecar/src/core/clock';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { Sample, Target } from '../../sidecar/src/core/model';
import { migrate } from '../../sidecar/src/store/migrate';
import { extendPartitionsBack, HOUR_TABLE, MINUTE_TABLE, partitionBound, partitionName, partitionNames } from '../../sidecar/src/store/partitions';
import { readSeriesRange } from '../../sidecar/src/store/queries';
import type { RangeAgg } from '../../sidecar/src/store/rollup-read';
import { SeriesRegistry } from '../../sidecar/src/store/registry';
import { applyTableRetention } from '../../sidecar/src/store/rollup-retention';
import { MINUTE_FROM_RAW_SQL, ROLLUP_CHUNK } from '../../sidecar/src/store/rollup-store';
import { SampleWriter } from '../../sidecar/src/store/sample-writer';
import { freshDatabase, type FreshDatabase } from '../support/mysql';

const C = 'c1';
const DAY = 86400;
const NOW = Math.floor(Date.now() / 1000);
/** Live samples: two hours every 10 s, 12 series (3 brokers × 4 topics), ending in an hour that closed over an hour ago (so the writer computes it). */
const LIVE_TO = Math.floor(NOW / 3600) * 3600 - 7200 - 200;
const LIVE_FROM = Math.floor((LIVE_TO - 2 * 3600) / 60) * 60 - 35;
const brokers = ['broker-1', 'broker-2', 'broker-3'];
const targets: Target[] = brokers.map((key) => ({ clusterId: C, key, kind: 'kafka-broker', origin: 'config' }));

let db: FreshDatabase;
let registry: SeriesRegistry;

function liveSamples(from: number, to: number): Sample[] {
  const out: Sample[] = [];
  for (let ts = from; ts <= to; ts += 10) {
    for (const target of brokers) {
      for (let t = 0; t < 4; t++)
        out.push({
          clusterId: C,
          target,
          metric: 'kafka.topic.bytes_in',
          labels: { topic: `t${t}` },
          ts: ts * 1000,
          value: Math.round(Math.random() * 1e6) / 8,
        });
    }
  }
  return out;
}

function writer(extra: { partitionCheckMs?: number } = {}): SampleWriter {
  return new SampleWriter(db.pool, registry, { bufferMaxSamples: 1_000_000, batchSize: 777, flushIntervalMs: 60_000, ...extra }, silentLogger);
}

async function rows(sql: string, values: unknown[] = []): Promise<RowDataPacket[]> {
  const [r] = await db.pool.query<RowDataPacket[]>(sql, values);
  return r;
}

/** Rollup rows as the raw rows say they should be (SQL over FL_DOF_SAMPLE; `last` joined back on the newest ts). */
async function expectedRollup(bucket: number): Promise<string[]> {
  const r = await rows(
    `SELECT a.series_id, a.b, a.mn, a.mx, a.sm, a.n, x.value AS last, a.lts
       FROM (SELECT series_id, FLOOR(ts / ?) * ? AS b, MIN(value) AS mn, MAX(value) AS mx, SUM(value) AS sm, COUNT(*) AS n, MAX(ts) AS lts
               FROM FL_DOF_SAMPLE GROUP BY series_id, b) a
       JOIN FL_DOF_SAMPLE x ON x.series_id = a.series_id AND x.ts = a.lts
      ORDER BY a.series_id, a.b`,
    [bucket, bucket],
  );
  return r.map((x) => [x.series_id, x.b, x.mn, x.mx, Number(x.sm).toFixed(3), x.n, x.last, x.lts].map(Number).join(' '));
}

async function storedRollup(table: string): Promise<string[]> {
  const r = await rows(`SELECT series_id, ts, min, max, sum, cnt, last, last_ts FROM ${table} ORDER BY series_id, ts`);
  return r.map((x) => [x.series_id, x.ts, x.min, x.max, Number(x.sum).toFixed(3), x.cnt, x.last, x.last_ts].map(Number).join(' '));
}

async function rollupsMatchRaw(): Promise<void> {
  expect(await storedRollup('FL_DOF_SAMPLE_1M')).toEqual(await expectedRollup(60));
  expect(await storedRollup('FL_DOF_SAMPLE_1H')).toEqual(await expectedRollup(3600));
}

beforeAll(async () => {
  db = await freshDatabase('rollups');
  await migrate(db.pool, silentLogger);
  registry = new SeriesRegistry(db.pool, silentLogger);
  await registry.upsertCluster(C, 'test');
  await registry.upsertTargets(targets);
  await registry.upsertMetrics([...BUILTIN_ENTRIES]);
});

afterAll(async () => {
  await db?.drop();
});

test('migration 003: rollup tables with comments, daily (1m) and monthly (1h) partitions around today', async () => {
  const cols = await rows(
    "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('FL_DOF_SAMPLE_1M', 'FL_DOF_SAMPLE_1H') ORDER BY TABLE_NAME, ORDINAL_POSITION",
  );
  expect(cols.map((c) => c.COLUMN_NAME)).toEqual([...Array(2)].flatMap(() => ['series_id', 'ts', 'min', 'max', 'sum', 'cnt', 'last', 'last_ts']));
  expect(cols.every((c) => String(c.COLUMN_COMMENT).length > 10)).toBe(true);
  expect(await partitionNames(db.pool, MINUTE_TABLE)).toEqual([...[-3, -2, -1, 0, 1, 2, 3].map((d) => partitionName(NOW + d * DAY)), 'pmax']);
  const months = await partitionNames(db.pool, HOUR_TABLE);
  expect(months).toContain(partitionName(NOW, 'month'));
  expect(months.every((m) => /^p\d{6}$/.test(m) || m === 'pmax')).toBe(true);
});

test('samples written through the SampleWriter: 1m and 1h rows equal the aggregates of the raw rows', async () => {
  const w = writer();
  const all = liveSamples(LIVE_FROM, LIVE_TO);
  // arrival in several flushes, as collection ticks do
  for (let i = 0; i < all.length; i += 5000) {
    w.enqueue(all.slice(i, i + 5000));
    await w.flush();
  }
  expect(w.stats()).toMatchObject({ buffered: 0, written: all.length, rollupPending: 0, rollupFailures: 0, mysqlUp: true });
  expect(Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE'))[0]?.n)).toBe(all.length);
  await rollupsMatchRaw();
  expect(Number((await rows('SELECT SUM(cnt) AS n FROM FL_DOF_SAMPLE_1H'))[0]?.n)).toBe(all.length);
  await w.stop();
});

test('a batch written again (a retry after a lost COMMIT answer) and duplicates inside a batch are not counted twice', async () => {
  const w = writer();
  const again = liveSamples(LIVE_TO - 600, LIVE_TO).map((s) => ({ ...s, value: s.value + 1 })); // already stored: first value stays
  const fresh = liveSamples(LIVE_TO + 10, LIVE_TO + 50);
  const dup = fresh.map((s) => ({ ...s, value: -1 })); // same (series, second) in the same batch: the first wins
  w.enqueue([...again, ...fresh, ...dup]);
  await w.flush();
  expect(w.stats()).toMatchObject({ buffered: 0, rollupPending: 0, rollupFailures: 0, mysqlUp: true });
  const total = Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE'))[0]?.n);
  expect(Number((await rows('SELECT SUM(cnt) AS n FROM FL_DOF_SAMPLE_1M'))[0]?.n)).toBe(total);
  expect(Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE WHERE value = -1'))[0]?.n)).toBe(0);
  await rollupsMatchRaw();
  await w.stop();
});

test('a rollup table that cannot be written does not hold raw samples back; its buckets are computed once it is back', async () => {
  const w = writer({ partitionCheckMs: 200 });
  const before = Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE'))[0]?.n);
  await db.pool.query('RENAME TABLE FL_DOF_SAMPLE_1H TO FL_DOF_SAMPLE_1H_away');
  try {
    w.enqueue(liveSamples(LIVE_TO + 60, LIVE_TO + 90));
    await w.flush();
  } finally {
    await db.pool.query('RENAME TABLE FL_DOF_SAMPLE_1H_away TO FL_DOF_SAMPLE_1H');
  }
  // raw written, minutes computed, the hour pending (12 series)
  expect(w.stats()).toMatchObject({ buffered: 0, mysqlUp: true, rollupFailures: 1, rollupPending: 12 });
  expect(Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE'))[0]?.n)).toBe(before + 48);
  expect(Number((await rows('SELECT SUM(cnt) AS n FROM FL_DOF_SAMPLE_1M'))[0]?.n)).toBe(before + 48);
  expect(Number((await rows('SELECT SUM(cnt) AS n FROM FL_DOF_SAMPLE_1H'))[0]?.n)).toBe(before);
  // not retried before partitionCheckMs (the failure was not one that waiting cures), then caught up
  await w.flush();
  expect(w.stats()).toMatchObject({ rollupFailures: 1, rollupPending: 12 });
  await new Promise((r) => setTimeout(r, 250));
  await w.flush();
  expect(w.stats()).toMatchObject({ rollupFailures: 1, rollupPending: 0 });
  await rollupsMatchRaw();
  await w.stop();
});

test('the recompute reads raw rows by primary key range and joins the newest row back by primary key', async () => {
  const ids = (await rows('SELECT series_id FROM FL_DOF_SERIES')).map((r) => Number(r.series_id));
  const select = MINUTE_FROM_RAW_SQL.slice(MINUTE_FROM_RAW_SQL.indexOf('SELECT'), MINUTE_FROM_RAW_SQL.indexOf('ON DUPLICATE'));
  const plan = await rows(`EXPLAIN ${select}`, [ids, LIVE_FROM, LIVE_FROM + 599]);
  expect(plan.find((p) => p.table === 'FL_DOF_SAMPLE' && p.select_type === 'DERIVED')).toMatchObject({ type: 'range', key: 'PRIMARY' });
  expect(plan.find((p) => p.table === 'x')).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
  expect(ROLLUP_CHUNK).toBeLessThan(1000); // MariaDB's IN → join conversion (full scan) starts at 1000 values
});

describe('range reads', () => {
  const q = { clusterId: C, metric: 'kafka.topic.bytes_in', targets: [], labels: {}, nowSec: NOW, retention: { rawDays: 7, minuteDays: 30, hourDays: 365 } };

  test.each(['avg', 'min', 'max', 'sum', 'last'] as RangeAgg[])(
    'agg=%s: 1m (step 300) and 1h (step 3600) give the points raw gives, ragged ends included',
    async (agg) => {
      const from = LIVE_FROM + 7;
      const to = LIVE_TO - 13;
      for (const stepSec of [300, 3600]) {
        const fast = await readSeriesRange(db.pool, { ...q, fromSec: from, toSec: to, stepSec, agg });
        const raw = await readSeriesRange(db.pool, { ...q, fromSec: from, toSec: to, stepSec, agg, source: 'raw' });
        expect(fast.source).toBe(stepSec === 300 ? '1m' : '1h');
        expect(fast.series).toHaveLength(12);
        fast.series.forEach((s, i) => {
          const want = raw.series[i]?.points ?? [];
          expect(s.points.map((p) => p[0])).toEqual(want.map((p) => p[0]));
          s.points.forEach((p, j) => expect(p[1]).toBeCloseTo(want[j]?.[1] ?? NaN, 6));
        });
      }
    },
  );
});

describe('30 days of history (generated) and retention', () => {
  const SERIES = 50;
  const H0 = Math.floor((NOW - 31 * DAY) / 3600) * 3600;
  const HOURS = 30 * 24;
  /** Generated hour rows: series k, hour h: 360 samples averaging 1000k + h, min/max ±50, last = avg + 1. */
  const gen = (k: number, h: number): number[] => {
    const avg = 1000 * k + h;
    return [avg - 50, avg + 50, avg * 360, 360, avg + 1, H0 + h * 3600 + 3590];
  };

  beforeAll(async () => {
    // history is loaded after the fact: give its days and months their own partitions first
    await extendPartitionsBack(db.pool, H0, HOUR_TABLE);
    await extendPartitionsBack(db.pool, H0, MINUTE_TABLE);
    const hist: Sample[] = Array.from({ length: SERIES }, (_, k) => ({
      clusterId: C,
      target: brokers[k % 3] as string,
      metric: 'kafka.broker.bytes_out',
      labels: { k: String(k) },
      ts: 0,
      value: 0,
    }));
    const ids = await registry.resolve(hist);
    for (let k = 0; k < SERIES; k++) {
      const values = Array.from({ length: HOURS }, (_, h) => [ids[k], H0 + h * 3600, ...gen(k, h)]);
      await db.pool.query('INSERT INTO FL_DOF_SAMPLE_1H (series_id, ts, min, max, sum, cnt, last, last_ts) VALUES ?', [values]);
    }
  });

  test('a 30-day time-machine query through the read model is served from 1h with the right points', async () => {
    // /series only needs the clusters and the catalogue from the live side
    const live = { clusters: () => [{ id: C, name: 'test' }], catalog: () => [...BUILTIN_ENTRIES] } as Partial<LiveSource> as LiveSource;
    const model = createMysqlReadModel(db.pool, live, { clock: new ManualClock(NOW * 1000) });
    const from = (H0 + 24 * 3600) * 1000; // whole hours: 29 days of the generated 30
    const to = (H0 + HOURS * 3600) * 1000 - 1000;
    for (const agg of ['avg', 'max', 'last'] as const) {
      const r = await model.series({
        cluster: C,
        metric: 'kafka.broker.bytes_out',
        targets: ['broker-2'],
        labels: {},
        from,
        to,
        step: 10800,
        agg,
        by: null,
        maxPoints: 300,
      });
      expect(r.source).toBe('1h');
      const mine = Array.from({ length: SERIES }, (_, k) => k).filter((k) => k % 3 === 1);
      expect(r.series.map((s) => s.labels.k)).toEqual(mine.map(String).sort());
      for (const s of r.series) {
        const k = Number(s.labels.k);
        const want = new Map<number, number[]>();
        for (let h = 24; h < HOURS; h++) {
          const b = Math.floor((H0 + h * 3600) / 10800) * 10800 * 1000;
          want.set(b, [...(want.get(b) ?? []), h]);
        }
        const expected = [...want.entries()].map(([b, hs]): [number, number] => {
          const last = hs[hs.length - 1] as number;
          if (agg === 'avg') return [b, hs.reduce((a, h) => a + 1000 * k + h, 0) / hs.length];
          if (agg === 'max') return [b, Math.max(...hs.map((h) => 1000 * k + h + 50))];
          return [b, 1000 * k + last + 1];
        });
        expect(s.points).toEqual(expected);
      }
    }
  });

  // Here, on 36 000 hour rows: on a table of a few dozen rows MySQL 5.7/8.0 rightly prefer a full index scan.
  test('the 1h read uses the primary key and prunes to the months asked for', async () => {
    const ids = (
      await rows(
        "SELECT s.series_id FROM FL_DOF_SERIES s JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id WHERE m.metric_key = 'kafka.broker.bytes_out' ORDER BY s.series_id LIMIT 2",
      )
    ).map((r) => Number(r.series_id));
    const window = [ids, H0 + 10 * DAY, H0 + 11 * DAY];
    const plan = await rows('EXPLAIN PARTITIONS SELECT series_id, ts FROM FL_DOF_SAMPLE_1H WHERE series_id IN (?) AND ts BETWEEN ? AND ?', window).catch(() =>
      rows('EXPLAIN SELECT series_id, ts FROM FL_DOF_SAMPLE_1H WHERE series_id IN (?) AND ts BETWEEN ? AND ?', window),
    );
    expect(plan[0]).toMatchObject({ table: 'FL_DOF_SAMPLE_1H', key: 'PRIMARY', type: 'range' });
    expect(String(plan[0]?.partitions)).toMatch(/^p\d{6}(,p\d{6})?$/);
  });

  test('retention drops only the partitions wholly older than each table keeps', async () => {
    const months = await partitionNames(db.pool, HOUR_TABLE);
    const oldestEnd = partitionBound(months[0] as string); // the month holding H0, 31 days ago
    const hourDays = Math.floor((NOW - oldestEnd) / DAY); // keeps less than that whole month
    const r = await applyTableRetention(db.pool, NOW, { rawDays: 7, minuteDays: 30, hourDays });
    const hour = r.find((t) => t.table === 'FL_DOF_SAMPLE_1H');
    const cutoff = NOW - hourDays * DAY;
    expect(hour?.dropped).toEqual(months.filter((m) => partitionBound(m) <= cutoff));
    expect(hour?.dropped).toContain(months[0]);
    const left = await rows('SELECT MIN(ts) AS lo, COUNT(*) AS n FROM FL_DOF_SAMPLE_1H');
    expect(Number(left[0]?.lo)).toBe(oldestEnd); // the next month starts where the dropped one ended
    expect(Number(left[0]?.n)).toBeGreaterThan(0);
    // 1m keeps 30 days: of the days added back to H0 (31 days ago), those that ended 30+ days ago go; raw keeps 7: nothing of the last days
    const minute = r.find((t) => t.table === 'FL_DOF_SAMPLE_1M');
    expect(minute?.dropped.length).toBeGreaterThanOrEqual(1);
    expect(minute?.dropped.every((p) => Date.UTC(Number(p.slice(1, 5)), Number(p.slice(5, 7)) - 1, Number(p.slice(7, 9))) / 1000 + DAY <= NOW - 30 * DAY)).toBe(
      true,
    );
    expect(r.find((t) => t.table === 'FL_DOF_SAMPLE')?.dropped).toEqual([]);
    expect(Number((await rows('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE_1M'))[0]?.n)).toBeGreaterThan(0);
  });
});
