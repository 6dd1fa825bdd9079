/**
 * Pure: which rollup buckets must be (re)computed, and for which series. The writer marks the
 * (series, minute) of every raw row it stores; once a bucket is closed (its end plus a grace
 * period is past) it is due, and the buckets due are handed out in runs of consecutive buckets
 * (one SQL statement per run and chunk of series). Marking again after a recompute (late data, a
 * replay after an outage) makes the bucket due again: recomputing is idempotent.
 *
 * Bounded: beyond `maxEntries` (series × bucket pairs) the oldest buckets are forgotten and
 * counted in `dropped` (their rollups then stay as they were; rebuildRollups repairs them).
 */

/** Buckets [fromSec, toSec] (bucket starts, consecutive) to recompute for `ids`. */
export interface DueRun {
  fromSec: number;
  toSec: number;
  ids: number[];
}

export class DirtyBuckets {
  private readonly buckets = new Map<number, Set<number>>();
  private entries = 0;
  /** Series × bucket pairs forgotten because the bound was reached. */
  dropped = 0;

  constructor(
    readonly bucketSec: number,
    private readonly maxEntries = 2_000_000,
  ) {}

  /** Pairs waiting. */
  get size(): number {
    return this.entries;
  }

  /** Marks the bucket holding `tsSec` of `seriesId`. */
  mark(seriesId: number, tsSec: number): void {
    const b = Math.floor(tsSec / this.bucketSec) * this.bucketSec;
    let ids = this.buckets.get(b);
    if (!ids) this.buckets.set(b, (ids = new Set()));
    if (ids.has(seriesId)) return;
    ids.add(seriesId);
    this.entries += 1;
    if (this.entries > this.maxEntries) this.dropOldest();
  }

  /** Marks every (series, bucket) of raw rows `[seriesId, tsSec, ...]`. */
  markRows(rows: readonly (readonly [number, number, ...unknown[]])[]): void {
    for (const r of rows) this.mark(r[0], r[1]);
  }

  /**
   * The buckets closed by `nowSec` (end + `graceSec` ≤ now), oldest first, merged into runs of
   * consecutive buckets with the union of their series (recomputing a few extra pairs is harmless).
   */
  due(nowSec: number, graceSec: number): DueRun[] {
    const closed = [...this.buckets.keys()].filter((b) => b + this.bucketSec + graceSec <= nowSec).sort((a, b) => a - b);
    const runs: { fromSec: number; toSec: number; ids: Set<number> }[] = [];
    for (const b of closed) {
      const last = runs[runs.length - 1];
      const ids = this.buckets.get(b) as Set<number>;
      if (last && last.toSec + this.bucketSec === b) {
        last.toSec = b;
        for (const id of ids) last.ids.add(id);
      } else runs.push({ fromSec: b, toSec: b, ids: new Set(ids) });
    }
    return runs.map((r) => ({ fromSec: r.fromSec, toSec: r.toSec, ids: [...r.ids].sort((a, b) => a - b) }));
  }

  /** Forgets `ids` in the buckets of `run` (after they were recomputed). Pairs marked meanwhile for other series stay. */
  done(run: DueRun): void {
    for (let b = run.fromSec; b <= run.toSec; b += this.bucketSec) {
      const ids = this.buckets.get(b);
      if (!ids) continue;
      for (const id of run.ids) if (ids.delete(id)) this.entries -= 1;
      if (ids.size === 0) this.buckets.delete(b);
    }
  }

  private dropOldest(): void {
    const oldest = Math.min(...this.buckets.keys());
    const ids = this.buckets.get(oldest);
    if (!ids) return;
    this.entries -= ids.size;
    this.dropped += ids.size;
    this.buckets.delete(oldest);
  }
}
