/**
 * Counters (monotonically increasing totals such as JMX `Count`) become per-second rates.
 * Restart-safe: a value lower than the previous one means the JVM restarted or the counter
 * reset, so no rate is produced for that step (never a negative or huge spike) and the new
 * value becomes the baseline.
 */
export class RateTracker {
  private readonly last = new Map<string, { ts: number; value: number }>();

  /** @param maxSeries bound on remembered series; the least recently seen are forgotten first. */
  constructor(private readonly maxSeries = 2_000_000) {}

  /** Per-second rate since the previous observation of `key`, or undefined (first sample, reset, bad input). */
  observe(key: string, tsMs: number, value: number): number | undefined {
    if (!Number.isFinite(value) || !Number.isFinite(tsMs)) return undefined;
    const prev = this.last.get(key);
    this.last.delete(key); // re-insert: Map order = least recently seen first
    this.last.set(key, { ts: tsMs, value });
    if (this.last.size > this.maxSeries) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
    }
    if (!prev || tsMs <= prev.ts || value < prev.value) return undefined;
    return ((value - prev.value) * 1000) / (tsMs - prev.ts);
  }

  /** Forgets every series whose key starts with `prefix` (a target removed). */
  forget(prefix: string): void {
    for (const k of this.last.keys()) if (k.startsWith(prefix)) this.last.delete(k);
  }

  get size(): number {
    return this.last.size;
  }
}
