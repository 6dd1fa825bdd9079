/**
 * Counters (monotonically increasing totals such as a Yammer Meter's `Count`) become
 * per-second rates. Restart safe: a value lower than the previous one means the JVM restarted
 * or the counter was reset, so that step yields no rate (never a negative rate or a spike) and
 * the new value becomes the baseline. Memory is bounded: series unseen for `maxIdleMs` are
 * dropped, and beyond `maxSeries` the least recently seen series is forgotten.
 */

/** What a collector needs from a rate tracker (lets callers pass any implementation). */
export interface CounterRates {
  observe(seriesKey: string, tsMs: number, value: number): number | undefined;
}

export interface RateTrackerOptions {
  /** Most series remembered (default 2,000,000). */
  maxSeries?: number;
  /** A series not observed for this long is forgotten (default 1 hour). */
  maxIdleMs?: number;
}

/** A series' last observation, linked in recency order (least recently observed at the head). */
interface Point {
  key: string;
  ts: number;
  value: number;
  older?: Point;
  newer?: Point;
}

export class RateTracker implements CounterRates {
  /**
   * Recency order is a linked list, not Map insertion order: moving a series to the end of a Map
   * means delete + set, which leaves a hole at the front that every later eviction scan walks over
   * (seconds per cycle with 100 000 series).
   */
  private readonly last = new Map<string, Point>();
  private oldest?: Point;
  private newest?: Point;
  private readonly maxSeries: number;
  private readonly maxIdleMs: number;
  private newestTs = -Infinity;

  constructor(opts: RateTrackerOptions | number = {}) {
    const o = typeof opts === 'number' ? { maxSeries: opts } : opts;
    this.maxSeries = Math.max(1, o.maxSeries ?? 2_000_000);
    this.maxIdleMs = Math.max(1, o.maxIdleMs ?? 3_600_000);
  }

  /** Per-second rate since the previous observation of `seriesKey`; undefined for the first one, a reset, time not advancing, or a non-finite input. */
  observe(seriesKey: string, tsMs: number, value: number): number | undefined {
    if (!Number.isFinite(value) || !Number.isFinite(tsMs)) return undefined;
    let p = this.last.get(seriesKey);
    if (p && tsMs <= p.ts) return undefined; // out of order or duplicate: keep the baseline
    const prevTs = p?.ts;
    const prevValue = p?.value;
    if (p) {
      this.unlink(p);
      p.ts = tsMs;
      p.value = value;
    } else this.last.set(seriesKey, (p = { key: seriesKey, ts: tsMs, value }));
    this.append(p);
    if (tsMs > this.newestTs) this.newestTs = tsMs;
    this.evict();
    if (prevTs === undefined || prevValue === undefined || value < prevValue) return undefined;
    return ((value - prevValue) * 1000) / (tsMs - prevTs);
  }

  /** Forgets every series whose key starts with `prefix` (e.g. a removed target `cluster/broker-1/`). */
  forget(prefix: string): void {
    for (const [k, p] of [...this.last]) if (k.startsWith(prefix)) this.remove(p);
  }

  get size(): number {
    return this.last.size;
  }

  private evict(): void {
    while (this.last.size > this.maxSeries && this.oldest) this.remove(this.oldest);
    // Oldest first: stop at the first series that is still fresh.
    while (this.oldest && this.newestTs - this.oldest.ts > this.maxIdleMs) this.remove(this.oldest);
  }

  private remove(p: Point): void {
    this.unlink(p);
    this.last.delete(p.key);
  }

  private append(p: Point): void {
    p.older = this.newest;
    p.newer = undefined;
    if (this.newest) this.newest.newer = p;
    else this.oldest = p;
    this.newest = p;
  }

  private unlink(p: Point): void {
    if (p.older) p.older.newer = p.newer;
    else this.oldest = p.newer;
    if (p.newer) p.newer.older = p.older;
    else this.newest = p.older;
    p.older = p.newer = undefined;
  }
}
