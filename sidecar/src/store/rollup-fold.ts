/**
 * Pure: raw sample rows folded into rollup buckets (min/max/sum/cnt/last per series and bucket),
 * and the merge of two such partial aggregates. The same merge is what the rollup upsert does in
 * SQL (rollup-store.ts) and what queries.ts does when a step bucket is read in several pieces.
 */
import type { SampleRow } from './sample-rows';

/** Aggregate of some samples of one series: enough to answer avg/min/max/sum/last and to merge. */
export interface PartialAgg {
  min: number;
  max: number;
  sum: number;
  cnt: number;
  /** Value of the newest sample (the one at lastTs). */
  last: number;
  /** Time of the newest sample, epoch seconds. */
  lastTs: number;
}

/** A row of FL_DOF_SAMPLE_1M / _1H: `[series_id, ts (bucket start), min, max, sum, cnt, last, last_ts]`. */
export type RollupRow = [seriesId: number, bucketTs: number, min: number, max: number, sum: number, cnt: number, last: number, lastTs: number];

/** Pure: the partial aggregate of one sample. */
export function single(value: number, tsSec: number): PartialAgg {
  return { min: value, max: value, sum: value, cnt: 1, last: value, lastTs: tsSec };
}

/**
 * Pure: `a` and `b` together. `last` is the newer one's; on a tie, `b`'s (the one merged in
 * later), as the SQL upsert does: `last = IF(VALUES(last_ts) >= last_ts, VALUES(last), last)`.
 */
export function mergePartial(a: PartialAgg, b: PartialAgg): PartialAgg {
  const newer = b.lastTs >= a.lastTs ? b : a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, cnt: a.cnt + b.cnt, last: newer.last, lastTs: newer.lastTs };
}

/**
 * Pure: rollup rows of `bucketSec` (60 or 3600) for `rows` (any order), sorted by (series, bucket)
 * — the primary key order, so one upsert walks the clustered index forwards.
 */
export function foldRollups(rows: readonly SampleRow[], bucketSec: number): RollupRow[] {
  const byKey = new Map<string, { seriesId: number; bucket: number; agg: PartialAgg }>();
  for (const [seriesId, tsSec, value] of rows) {
    const bucket = Math.floor(tsSec / bucketSec) * bucketSec;
    const key = `${seriesId}:${bucket}`;
    const cur = byKey.get(key);
    if (cur) cur.agg = mergePartial(cur.agg, single(value, tsSec));
    else byKey.set(key, { seriesId, bucket, agg: single(value, tsSec) });
  }
  return [...byKey.values()]
    .sort((x, y) => x.seriesId - y.seriesId || x.bucket - y.bucket)
    .map(({ seriesId, bucket, agg: a }) => [seriesId, bucket, a.min, a.max, a.sum, a.cnt, a.last, a.lastTs]);
}

/**
 * Pure: the first row of every (series_id, ts) among rows sorted by that key (stable, so in
 * arrival order): what `INSERT IGNORE` keeps. Rollups must count exactly these.
 */
export function firstPerKey(sorted: readonly SampleRow[]): SampleRow[] {
  return sorted.filter((r, i) => {
    const prev = sorted[i - 1];
    return !prev || prev[0] !== r[0] || prev[1] !== r[1];
  });
}
