/**
 * Reading one piece of a range query (resolution.ts planPieces) from FL_DOF_SAMPLE or a rollup
 * table, as partial aggregates per (series, step bucket), and merging the pieces into points.
 *
 * EXPLAIN (MariaDB 10.11, same shape on MySQL 5.7/8.0): every statement reads its table only with
 * `series_id IN (...) AND ts BETWEEN ? AND ?` — `range` on PRIMARY (series_id, ts), one range per
 * series, and `ts` prunes the RANGE partitions to the days (raw, 1m) or months (1h) asked for.
 * GROUP BY works on the rows read only. A 30-day window on FL_DOF_SAMPLE_1H is 720 rows per
 * series in one or two monthly partitions. Series go 500 per statement: from 1000 values on, MariaDB
 * turns the IN list into a join with a derived table and scans the whole table. `last` takes MAX(ts) per bucket the same way and joins
 * back on the full primary key (eq_ref) for its value: portable where window functions are not
 * (MySQL 5.7).
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toStoreError } from './pool';
import type { Piece, Source } from './resolution';
import { mergePartial, type PartialAgg } from './rollup-fold';

/** Aggregation of the samples inside one step bucket. */
export type RangeAgg = 'avg' | 'min' | 'max' | 'sum' | 'last';

/** Table of each source (constants only: never built from input). */
export const SOURCE_TABLE: Record<Source, string> = { raw: 'FL_DOF_SAMPLE', '1m': 'FL_DOF_SAMPLE_1M', '1h': 'FL_DOF_SAMPLE_1H' };

/** Partial aggregates keyed by series id, then step bucket start (epoch seconds). */
export type BucketAggs = Map<number, Map<number, PartialAgg>>;

/** Pure: the SQL reading one piece for `agg` (placeholders: step, step, ids, from, to). */
export function pieceSql(source: Source, agg: RangeAgg): string {
  const table = SOURCE_TABLE[source];
  const raw = source === 'raw';
  if (agg === 'last') {
    return `SELECT STRAIGHT_JOIN b.series_id, b.bucket, x.${raw ? 'value' : 'last'} AS last, x.${raw ? 'ts' : 'last_ts'} AS last_ts
       FROM (SELECT series_id, FLOOR(ts / ?) * ? AS bucket, MAX(ts) AS bts
               FROM ${table}
              WHERE series_id IN (?) AND ts BETWEEN ? AND ?
              GROUP BY series_id, bucket) b
       JOIN ${table} x ON x.series_id = b.series_id AND x.ts = b.bts`;
  }
  const [mn, mx, sm, n] = raw ? ['MIN(value)', 'MAX(value)', 'SUM(value)', 'COUNT(*)'] : ['MIN(min)', 'MAX(max)', 'SUM(sum)', 'SUM(cnt)'];
  return `SELECT series_id, FLOOR(ts / ?) * ? AS bucket, ${mn} AS mn, ${mx} AS mx, ${sm} AS sm, ${n} AS n
       FROM ${table}
      WHERE series_id IN (?) AND ts BETWEEN ? AND ?
      GROUP BY series_id, bucket`;
}

/** Pure: a result row of {@link pieceSql} as a partial aggregate (the fields `agg` does not need are neutral). */
export function rowToPartial(r: RowDataPacket, agg: RangeAgg): PartialAgg {
  if (agg === 'last') return { min: Infinity, max: -Infinity, sum: 0, cnt: 0, last: Number(r.last), lastTs: Number(r.last_ts) };
  return { min: Number(r.mn), max: Number(r.mx), sum: Number(r.sm), cnt: Number(r.n), last: Number.NaN, lastTs: -1 };
}

/** Pure: merges `p` into `into` (series → bucket → partial). */
export function addPartial(into: BucketAggs, seriesId: number, bucket: number, p: PartialAgg): void {
  let buckets = into.get(seriesId);
  if (!buckets) into.set(seriesId, (buckets = new Map()));
  const cur = buckets.get(bucket);
  buckets.set(bucket, cur ? mergePartial(cur, p) : p);
}

/** Pure: the value of a step bucket for `agg` (avg = sum / cnt over every sample in the bucket). */
export function finalValue(p: PartialAgg, agg: RangeAgg): number {
  switch (agg) {
    case 'min':
      return p.min;
    case 'max':
      return p.max;
    case 'sum':
      return p.sum;
    case 'avg':
      return p.sum / p.cnt;
    case 'last':
      return p.last;
  }
}

/** Pure: one series' points, oldest first. */
export function toPoints(buckets: Map<number, PartialAgg> | undefined, agg: RangeAgg): [number, number][] {
  if (!buckets) return [];
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, p]): [number, number] => [t, finalValue(p, agg)]);
}

/** Series per statement: MariaDB turns IN lists of 1000+ values into a join that scans the table (see rollup-store.ts ROLLUP_CHUNK). */
const READ_CHUNK = 500;

/** Reads every piece (in order) for the series `ids` and merges them per step bucket. */
export async function readPieces(pool: Pool, pieces: readonly Piece[], ids: number[], stepSec: number, agg: RangeAgg): Promise<BucketAggs> {
  const out: BucketAggs = new Map();
  for (const piece of pieces) {
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      let rows: RowDataPacket[];
      try {
        [rows] = await pool.query<RowDataPacket[]>(pieceSql(piece.source, agg), [stepSec, stepSec, ids.slice(i, i + READ_CHUNK), piece.fromSec, piece.toSec]);
      } catch (err) {
        throw toStoreError(err);
      }
      for (const r of rows) addPartial(out, Number(r.series_id), Number(r.bucket), rowToPartial(r, agg));
    }
  }
  return out;
}
