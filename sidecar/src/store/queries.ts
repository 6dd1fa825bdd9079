/**
 * Read queries for the API and the CLI. Parameterised SQL only (`?` placeholders; values are
 * never built into the SQL string). Times in and out are epoch SECONDS, as stored.
 *
 * How they stay cheap (EXPLAIN on MariaDB 10.11, same shape on MySQL 5.7/8.0):
 * - FL_DOF_SAMPLE and its rollups FL_DOF_SAMPLE_1M / _1H are only read through their primary key
 *   (series_id, ts): each series contributes one `range` on PRIMARY, and `ts >= ?` /
 *   `ts BETWEEN ? AND ?` prune the daily (raw, 1m) or monthly (1h) partitions (EXPLAIN PARTITIONS
 *   lists only the periods asked for). Long windows read a rollup (resolution.ts), so a 30-day
 *   chart is 720 hourly rows per series, not 259 200 raw samples.
 * - The series to read are found first from FL_DOF_TARGET (unique key cluster_id, target_key)
 *   and FL_DOF_SERIES (key metric_id, target_id), small tables, so the sample table is never scanned.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Labels } from '../core/model';
import { StoreError, toStoreError } from './pool';
import { chooseSource, planPieces, type RetentionDays, type Source } from './resolution';
import { readPieces, toPoints, type RangeAgg } from './rollup-read';

/** The most recent value of one series. */
export interface LatestValue {
  target: string;
  kind: string;
  metric: string;
  labels: Labels;
  /** Epoch seconds of the value. */
  ts: number;
  value: number;
}

/**
 * The latest value of every series of `clusterId` that has one in [fromSec, toSec] (live snapshot:
 * toSec open; time machine: toSec = the instant).
 *
 * EXPLAIN: the derived table `l` reads the cluster's series (ref on UK_FL_DOF_TARGET, then
 * FL_DOF_SERIES by target) and, per series, a PRIMARY range `series_id = s AND ts BETWEEN ? AND ?`
 * in the pruned partitions, grouped by series_id (MAX(ts) over an index prefix). The outer join
 * back to FL_DOF_SAMPLE is an eq_ref on the full primary key.
 */
export async function latestValuesBetween(pool: Pool, clusterId: string, fromSec: number, toSec: number): Promise<LatestValue[]> {
  const rows = await queryRows(
    pool,
    `SELECT t.target_key, t.kind, m.metric_key, s.labels_json, x.ts, x.value
       FROM (SELECT y.series_id, MAX(y.ts) AS ts
               FROM FL_DOF_TARGET t0
               JOIN FL_DOF_SERIES s0 ON s0.target_id = t0.target_id
               JOIN FL_DOF_SAMPLE y ON y.series_id = s0.series_id AND y.ts BETWEEN ? AND ?
              WHERE t0.cluster_id = ?
              GROUP BY y.series_id) l
       JOIN FL_DOF_SAMPLE x ON x.series_id = l.series_id AND x.ts = l.ts
       JOIN FL_DOF_SERIES s ON s.series_id = l.series_id
       JOIN FL_DOF_TARGET t ON t.target_id = s.target_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
      ORDER BY t.target_key, m.metric_key, s.labels_json`,
    [Math.floor(fromSec), Math.floor(toSec), clusterId],
  );
  return rows.map(toLatestValue);
}

/** Largest epoch second the INT UNSIGNED `ts` columns hold: "no upper bound". */
const MAX_TS = 4_294_967_295;

/** The latest value of every series of `clusterId` that has one at or after `sinceSec`. */
export function latestValues(pool: Pool, clusterId: string, sinceSec: number): Promise<LatestValue[]> {
  return latestValuesBetween(pool, clusterId, sinceSec, MAX_TS);
}

/** Pure: a row with target_key, kind, metric_key, labels_json, ts, value → a LatestValue. */
export function toLatestValue(r: RowDataPacket): LatestValue {
  return {
    target: String(r.target_key),
    kind: String(r.kind),
    metric: String(r.metric_key),
    labels: parseLabels(r.labels_json),
    ts: Number(r.ts),
    value: Number(r.value),
  };
}

/** What {@link seriesRange} reads. */
export interface RangeQuery {
  clusterId: string;
  /** Catalogue id, e.g. `kafka.broker.bytes_in`. */
  metric: string;
  /** Target keys; empty = every target of the cluster. */
  targets: string[];
  /** Only series carrying all these labels with these values (other labels allowed). */
  labels: Labels;
  /** Inclusive range, epoch seconds. */
  fromSec: number;
  toSec: number;
  /** Bucket width in seconds (≥ 1); a point's time is the start of its bucket. */
  stepSec: number;
  agg: RangeAgg;
  /** Refuse (StoreError TOO_MANY_SERIES) when more series match; default 1000. */
  maxSeries?: number;
  /** "Now" in epoch seconds, to know what retention has dropped (default the clock). */
  nowSec?: number;
  /** Days kept per table; omitted = every table holds the whole window (the table is chosen by step only). */
  retention?: RetentionDays;
  /** Read this table instead of choosing (tests, tools). */
  source?: Source;
}

/** The points of one series, oldest first: `[bucketStartSec, value]`. */
export interface RangeSeries {
  seriesId: number;
  target: string;
  labels: Labels;
  points: [number, number][];
}

/** What {@link readSeriesRange} answers: the table chosen and the points. */
export interface RangeResult {
  /** Table the whole buckets were read from (resolution.ts chooseSource); ragged ends may come from finer ones. */
  source: Source;
  series: RangeSeries[];
}

/**
 * Points per series of one metric, bucketed by `stepSec`, with the table they came from.
 *
 * Step 1 finds the series (FL_DOF_TARGET by cluster, FL_DOF_SERIES by metric_id/target_id) and
 * filters labels in code. Step 2 picks the table (raw, 1-minute or 1-hour rollup: the coarsest
 * whose bucket divides the step and whose retention still covers `fromSec`, see resolution.ts)
 * and cuts the window into pieces: whole rollup buckets, plus the ragged ends from finer tables.
 * Each piece is one statement `series_id IN (...) AND ts BETWEEN ? AND ?` (rollup-read.ts: `range`
 * on PRIMARY over the pruned partitions); the pieces' partial aggregates (min, max, sum, count,
 * newest value) are merged per step bucket, so avg is SUM(sum)/SUM(cnt) over every raw sample,
 * and `last` is the newest sample's value.
 */
export async function readSeriesRange(pool: Pool, q: RangeQuery): Promise<RangeResult> {
  const step = Math.floor(q.stepSec);
  if (!Number.isFinite(step) || step < 1) throw new StoreError('BAD_QUERY', `stepSec must be ≥ 1, got ${q.stepSec}`, false);
  const from = Math.floor(q.fromSec);
  const to = Math.floor(q.toSec);
  if (!(from <= to)) throw new StoreError('BAD_QUERY', `fromSec (${q.fromSec}) must not be after toSec (${q.toSec})`, false);
  const nowSec = Math.floor(q.nowSec ?? Date.now() / 1000);
  const source = q.source ?? chooseSource({ fromSec: from, toSec: to, stepSec: step, nowSec, retention: q.retention });
  const params: unknown[] = [q.clusterId, q.metric];
  let byTarget = '';
  if (q.targets.length > 0) {
    byTarget = ' AND t.target_key IN (?)';
    params.push(q.targets);
  }
  const found = await queryRows(
    pool,
    `SELECT s.series_id, t.target_key, s.labels_json
       FROM FL_DOF_TARGET t
       JOIN FL_DOF_SERIES s ON s.target_id = t.target_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
      WHERE t.cluster_id = ? AND m.metric_key = ?${byTarget}
      ORDER BY t.target_key, s.labels_json`,
    params,
  );
  const wanted = Object.entries(q.labels);
  const series = found
    .map((r) => ({ seriesId: Number(r.series_id), target: String(r.target_key), labels: parseLabels(r.labels_json), points: [] as [number, number][] }))
    .filter((s) => wanted.every(([k, v]) => s.labels[k] === v));
  const max = q.maxSeries ?? 1000;
  if (series.length > max) throw new StoreError('TOO_MANY_SERIES', `${series.length} series match (at most ${max}); narrow by target or labels`, false);
  if (series.length === 0) return { source, series: [] };
  const pieces = planPieces(from, to, source, nowSec, q.retention);
  const aggs = await readPieces(
    pool,
    pieces,
    series.map((s) => s.seriesId),
    step,
    q.agg,
  );
  for (const s of series) s.points = toPoints(aggs.get(s.seriesId), q.agg);
  return { source, series };
}

/** {@link readSeriesRange} without the source: the points per series. */
export async function seriesRange(pool: Pool, q: RangeQuery): Promise<RangeSeries[]> {
  return (await readSeriesRange(pool, q)).series;
}

/** Pure: labels from a stored labels_json; `{}` when it is not a JSON object. */
export function parseLabels(json: unknown): Labels {
  try {
    const v = JSON.parse(String(json)) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Labels = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = String(x);
    return out;
  } catch {
    return {};
  }
}

/** Runs a parameterised query; driver errors become StoreErrors (with `retriable`). */
export async function queryRows(pool: Pool, sql: string, values: unknown[]): Promise<RowDataPacket[]> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(sql, values);
    return rows;
  } catch (err) {
    throw toStoreError(err);
  }
}
