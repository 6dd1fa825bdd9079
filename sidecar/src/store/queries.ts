/**
 * Read queries for the API and the CLI. Parameterised SQL only (`?` placeholders; values are
 * never built into the SQL string). Times in and out are epoch SECONDS, as stored.
 *
 * How they stay cheap (EXPLAIN on MariaDB 10.11, same shape on MySQL 5.7/8.0):
 * - FL_DOF_SAMPLE is only read through its primary key (series_id, ts): each series contributes
 *   one `range` on PRIMARY, and `ts >= ?` / `ts BETWEEN ? AND ?` prune the daily partitions
 *   (EXPLAIN PARTITIONS lists only the days asked for).
 * - The series to read are found first from FL_DOF_TARGET (unique key cluster_id, target_key)
 *   and FL_DOF_SERIES (key metric_id, target_id), small tables, so the sample table is never scanned.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Labels } from '../model';
import { StoreError, toStoreError } from './pool';

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
 * The latest value of every series of `clusterId` that has one at or after `sinceSec`.
 *
 * EXPLAIN: the derived table `l` reads the cluster's series (ref on UK_FL_DOF_TARGET, then
 * FL_DOF_SERIES by target) and, per series, a PRIMARY range `series_id = s AND ts >= ?` in the
 * pruned partitions, grouped by series_id (MAX(ts) over an index prefix). The outer join back
 * to FL_DOF_SAMPLE is an eq_ref on the full primary key.
 */
export async function latestValues(pool: Pool, clusterId: string, sinceSec: number): Promise<LatestValue[]> {
  const rows = await run(
    pool,
    `SELECT t.target_key, t.kind, m.metric_key, s.labels_json, x.ts, x.value
       FROM (SELECT y.series_id, MAX(y.ts) AS ts
               FROM FL_DOF_TARGET t0
               JOIN FL_DOF_SERIES s0 ON s0.target_id = t0.target_id
               JOIN FL_DOF_SAMPLE y ON y.series_id = s0.series_id AND y.ts >= ?
              WHERE t0.cluster_id = ?
              GROUP BY y.series_id) l
       JOIN FL_DOF_SAMPLE x ON x.series_id = l.series_id AND x.ts = l.ts
       JOIN FL_DOF_SERIES s ON s.series_id = l.series_id
       JOIN FL_DOF_TARGET t ON t.target_id = s.target_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
      ORDER BY t.target_key, m.metric_key, s.labels_json`,
    [Math.floor(sinceSec), clusterId],
  );
  return rows.map((r) => ({
    target: String(r.target_key),
    kind: String(r.kind),
    metric: String(r.metric_key),
    labels: parseLabels(r.labels_json),
    ts: Number(r.ts),
    value: Number(r.value),
  }));
}

/** Aggregation of the samples inside one step bucket. */
export type RangeAgg = 'avg' | 'min' | 'max' | 'sum' | 'last';

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
}

/** The points of one series, oldest first: `[bucketStartSec, value]`. */
export interface RangeSeries {
  seriesId: number;
  target: string;
  labels: Labels;
  points: [number, number][];
}

/** Pure: the SQL aggregate for avg/min/max/sum (`last` is done with a join, see {@link seriesRange}). */
export function aggregateSql(agg: Exclude<RangeAgg, 'last'>): string {
  switch (agg) {
    case 'min':
      return 'MIN(value)';
    case 'max':
      return 'MAX(value)';
    case 'sum':
      return 'SUM(value)';
    case 'avg':
      return 'AVG(value)';
  }
}

/**
 * Points per series of one metric, bucketed by `stepSec`.
 *
 * Step 1 finds the series (FL_DOF_TARGET by cluster, FL_DOF_SERIES by metric_id/target_id) and
 * filters labels in code. Step 2 reads samples with `series_id IN (...) AND ts BETWEEN ? AND ?`:
 * EXPLAIN shows `range` on PRIMARY over the pruned partitions, GROUP BY series_id, bucket on
 * the rows read only. `last` takes MAX(ts) per bucket the same way, then joins back on the full
 * primary key (eq_ref) for its value; portable where CAST(... AS DOUBLE) or window functions are not (MySQL 5.7).
 */
export async function seriesRange(pool: Pool, q: RangeQuery): Promise<RangeSeries[]> {
  const step = Math.floor(q.stepSec);
  if (!Number.isFinite(step) || step < 1) throw new StoreError('BAD_QUERY', `stepSec must be ≥ 1, got ${q.stepSec}`, false);
  const from = Math.floor(q.fromSec);
  const to = Math.floor(q.toSec);
  if (!(from <= to)) throw new StoreError('BAD_QUERY', `fromSec (${q.fromSec}) must not be after toSec (${q.toSec})`, false);
  const params: unknown[] = [q.clusterId, q.metric];
  let byTarget = '';
  if (q.targets.length > 0) {
    byTarget = ' AND t.target_key IN (?)';
    params.push(q.targets);
  }
  const found = await run(
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
  if (series.length === 0) return [];
  const ids = series.map((s) => s.seriesId);
  const rows =
    q.agg === 'last'
      ? await run(
          pool,
          `SELECT b.series_id, b.bucket, x.value AS v
             FROM (SELECT series_id, FLOOR(ts / ?) * ? AS bucket, MAX(ts) AS last_ts
                     FROM FL_DOF_SAMPLE
                    WHERE series_id IN (?) AND ts BETWEEN ? AND ?
                    GROUP BY series_id, bucket) b
             JOIN FL_DOF_SAMPLE x ON x.series_id = b.series_id AND x.ts = b.last_ts
            ORDER BY b.series_id, b.bucket`,
          [step, step, ids, from, to],
        )
      : await run(
          pool,
          `SELECT series_id, FLOOR(ts / ?) * ? AS bucket, ${aggregateSql(q.agg)} AS v
             FROM FL_DOF_SAMPLE
            WHERE series_id IN (?) AND ts BETWEEN ? AND ?
            GROUP BY series_id, bucket
            ORDER BY series_id, bucket`,
          [step, step, ids, from, to],
        );
  const byId = new Map(series.map((s) => [s.seriesId, s]));
  for (const r of rows) byId.get(Number(r.series_id))?.points.push([Number(r.bucket), Number(r.v)]);
  return series;
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

async function run(pool: Pool, sql: string, values: unknown[]): Promise<RowDataPacket[]> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(sql, values);
    return rows;
  } catch (err) {
    throw toStoreError(err);
  }
}
