/**
 * Which discovered brokers stay targets when /brokers/ids changes (pure).
 *
 * A broker's node in /brokers/ids is ephemeral: it goes when the broker is stopped or crashes, not
 * only when it is decommissioned. Dropping such a broker at once would hide exactly the broker an
 * operator must see — "brokers up 2 / 2", green, no target-down alert. So a discovered broker that
 * left stays a target (collected, shown down, alerting) for `forgetAfterMs`, and is forgotten only
 * then; if it comes back first it simply rejoins. Configured targets never leave.
 */
import type { Target } from '../core/model';
import { mergeDiscovered } from './targets';

export interface MembershipChange {
  /** Targets of the cluster from now on. */
  targets: Target[];
  /** Targets new to the cluster, or back in /brokers/ids after leaving. */
  joined: Target[];
  /** Keys that left /brokers/ids in this round (still targets). */
  left: string[];
  /** Keys dropped now: gone from /brokers/ids for `forgetAfterMs` or longer. */
  forgotten: string[];
  /** Keys absent from /brokers/ids with the time they were first missed (the state for the next round). */
  leftAt: Map<string, number>;
}

/**
 * Pure: the next target list of a cluster with discovery, from the previous list, the configured
 * targets, the brokers found in /brokers/ids now and when each absent one was first missed.
 * `forgetAfterMs` 0 drops a broker as soon as it leaves (the older behaviour).
 */
export function reconcileDiscovered(
  previous: readonly Target[],
  configured: Target[],
  found: Target[],
  leftAt: ReadonlyMap<string, number>,
  now: number,
  forgetAfterMs: number,
): MembershipChange {
  const { targets: merged } = mergeDiscovered(configured, found);
  const present = new Set(merged.map((t) => t.key));
  const before = new Map(previous.map((t) => [t.key, t]));
  const nextLeftAt = new Map<string, number>();
  const left: string[] = [];
  const forgotten: string[] = [];
  const kept: Target[] = [];
  for (const t of previous) {
    if (present.has(t.key) || t.origin !== 'discovered') continue;
    const since = leftAt.get(t.key) ?? now;
    if (!leftAt.has(t.key)) left.push(t.key);
    if (now - since >= forgetAfterMs) {
      forgotten.push(t.key);
      continue;
    }
    nextLeftAt.set(t.key, since);
    kept.push(t);
  }
  const joined = merged.filter((t) => !before.has(t.key) || leftAt.has(t.key));
  return { targets: [...merged, ...kept], joined, left, forgotten, leftAt: nextLeftAt };
}
