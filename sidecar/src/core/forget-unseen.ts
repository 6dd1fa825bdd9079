/**
 * Forgetting what stopped reporting. In-memory indexes of series (the series registry, the alert
 * engine's latest values) would otherwise keep every series ever seen: topics, partitions and
 * consumer groups come and go, so a long-running sidecar's memory would only grow.
 */
import type { Clock } from './clock';

/**
 * Pure: deletes from `entries` every entry last seen before `cutoffMs` (`seenAt` reads when);
 * returns the keys deleted, so an owner can drop what else it keeps under them.
 */
export function forgetOlderThan<K, V>(entries: Map<K, V>, seenAt: (v: V) => number, cutoffMs: number): K[] {
  const gone: K[] = [];
  for (const [k, v] of entries) if (seenAt(v) < cutoffMs) gone.push(k);
  for (const k of gone) entries.delete(k);
  return gone;
}

/**
 * When a sweep is due: entries are forgotten `forgetAfterMs` after they were last seen, and the
 * sweep (a pass over every entry) runs at most once per `everyMs` of the clock.
 */
export class SweepSchedule {
  private lastSweepMs = -Infinity;

  constructor(
    readonly forgetAfterMs: number,
    private readonly clock: Clock,
    private readonly everyMs: number = Math.min(3_600_000, forgetAfterMs),
  ) {}

  /** The cutoff to sweep with when a sweep is due now (and records it as done), else undefined. */
  due(): number | undefined {
    const now = this.clock.now();
    if (now - this.lastSweepMs < this.everyMs) return undefined;
    this.lastSweepMs = now;
    return now - this.forgetAfterMs;
  }
}
