/**
 * Pure: partial aggregates (min/max/sum/cnt/last) — what a rollup row holds — and their merge.
 * A step bucket read in several pieces (raw, 1m and 1h rows, resolution.ts planPieces) is the
 * merge of the pieces' partials; the rollup rows themselves are computed in SQL (rollup-store.ts).
 */

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

/** Pure: the partial aggregate of one sample. */
export function single(value: number, tsSec: number): PartialAgg {
  return { min: value, max: value, sum: value, cnt: 1, last: value, lastTs: tsSec };
}

/** Pure: `a` and `b` together; `last` is the newer one's (on a tie, `b`'s: the one merged in later). */
export function mergePartial(a: PartialAgg, b: PartialAgg): PartialAgg {
  const newer = b.lastTs >= a.lastTs ? b : a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, cnt: a.cnt + b.cnt, last: newer.last, lastTs: newer.lastTs };
}
