/**
 * Keeps FL_DOF_SAMPLE_1M / _1H up to date behind the writer: remembers the (series, minute) of
 * every raw row stored and, once a minute is closed (plus {@link ROLLUP_GRACE_S}), recomputes it
 * from the raw rows; recomputed minutes make their hour due, which is recomputed from its minute
 * rows once closed. Reads pick raw for what is not settled yet (resolution.ts ROLLUP_SETTLE_S).
 */
import type { Pool } from 'mysql2/promise';
import { DirtyBuckets } from './rollup-dirty';
import { recomputeHours, recomputeMinutes } from './rollup-store';

/** Seconds after a bucket's end before it is computed: late samples of a collection tick still land in it first. */
export const ROLLUP_GRACE_S = 15;

export class RollupSettler {
  private readonly minutes: DirtyBuckets;
  private readonly hours: DirtyBuckets;

  /** @param maxPending most (series, bucket) pairs remembered per rollup; beyond, the oldest are forgotten. */
  constructor(maxPending = 2_000_000) {
    this.minutes = new DirtyBuckets(60, maxPending);
    this.hours = new DirtyBuckets(3600, maxPending);
  }

  /** (series, bucket) pairs waiting to be computed. */
  get pending(): number {
    return this.minutes.size + this.hours.size;
  }

  /** Pairs forgotten because too many were waiting (a very long rollup failure). */
  get dropped(): number {
    return this.minutes.dropped + this.hours.dropped;
  }

  /** Notes raw rows `[seriesId, tsSec, value]` just stored. */
  markRows(rows: readonly (readonly [number, number, number])[]): void {
    this.minutes.markRows(rows);
  }

  /**
   * Computes every closed minute, then every closed hour. Throws the first StoreError; what was
   * computed before stays done, the rest stays due for the next call.
   */
  async settle(pool: Pool, nowSec: number): Promise<void> {
    for (const run of this.minutes.due(nowSec, ROLLUP_GRACE_S)) {
      await recomputeMinutes(pool, run.ids, run.fromSec, run.toSec);
      this.minutes.done(run);
      for (let h = Math.floor(run.fromSec / 3600) * 3600; h <= run.toSec; h += 3600) for (const id of run.ids) this.hours.mark(id, h);
    }
    for (const run of this.hours.due(nowSec, ROLLUP_GRACE_S)) {
      await recomputeHours(pool, run.ids, run.fromSec, run.toSec);
      this.hours.done(run);
    }
  }
}
