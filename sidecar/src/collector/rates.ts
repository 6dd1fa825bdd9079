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

interface Point {
  ts: number;
  value: number;
}

export class RateTracker implements CounterRates {
  /** Insertion order = least recently observed first (observe() re-inserts). */
  private readonly last = new Map<string, Point>();
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
    const prev = this.last.get(seriesKey);
    if (prev && tsMs <= prev.ts) return undefined; // out of order or duplicate: keep the baseline
    this.last.delete(seriesKey);
    this.last.set(seriesKey, { ts: tsMs, value });
    if (tsMs > this.newestTs) this.newestTs = tsMs;
    this.evict();
    if (!prev || value < prev.value) return undefined;
    return ((value - prev.value) * 1000) / (tsMs - prev.ts);
  }

  /** Forgets every series whose key starts with `prefix` (e.g. a removed target `cluster/broker-1/`). */
  forget(prefix: string): void {
    for (const k of [...this.last.keys()]) if (k.startsWith(prefix)) this.last.delete(k);
  }

  get size(): number {
    return this.last.size;
  }

  private evict(): void {
    while (this.last.size > this.maxSeries) {
      const oldest = this.last.keys().next().value;
      if (oldest === undefined) break;
      this.last.delete(oldest);
    }
    // Oldest first: stop at the first series that is still fresh.
    for (const [k, p] of this.last) {
      if (this.newestTs - p.ts <= this.maxIdleMs) break;
      this.last.delete(k);
    }
  }
}
