/**
 * Burrow-compatible consumer status from a sliding window of committed offsets (pure).
 * A window entry is added each time the group's committed offset of a partition changes; while
 * the group is caught up (lag 0) the newest entry's time follows the collections, since being
 * caught up is as good as a commit.
 * Partition rules, in Burrow's order:
 *   REWIND  the committed offset went backwards inside the window
 *   STOP    no commit for longer than the window spans (now − newest > newest − oldest), lag > 0,
 *           and no live member owns the partition
 *   STALL   the same, but a live member owns the partition: present yet not moving. (Burrow tells
 *           these apart by commit times; the admin API shows none, so group membership does.)
 *           A partition seen with one offset only is judged the same way once its lag has stayed
 *           above 0 for {@link STUCK_AFTER_MS}.
 *   OK      lag was zero at some point in the window
 *   STALL   the offset never moved while lag stayed or grew
 *   WARN    the offset moves but lag grew at every step
 *   OK      otherwise
 * Group status: ERR when any partition is STOP, STALL or REWIND; WARN when any is WARN; else OK.
 */

/** A partition whose committed offset has not moved since it was first seen, with lag, is stuck after this (Kafka's default max.poll.interval.ms). */
export const STUCK_AFTER_MS = 300_000;

export interface OffsetEntry {
  ts: number;
  offset: number;
  lag: number;
}

export type PartitionStatus = 'OK' | 'WARN' | 'STOP' | 'STALL' | 'REWIND';
export type GroupStatus = 'OK' | 'WARN' | 'ERR';

/** Stored as the value of `kafka.consumer_group.status`. */
export const GROUP_STATUS_CODES: Record<GroupStatus, number> = { OK: 0, WARN: 1, ERR: 2 };

/**
 * Stored as the value of `kafka.consumer_group.partition_status` (per partition) and
 * `kafka.consumer_group.worst_partition_status` (per group); a higher code is worse.
 */
export const PARTITION_STATUS_CODES: Record<PartitionStatus, number> = { OK: 0, WARN: 1, REWIND: 2, STALL: 3, STOP: 4 };

/** Pure: the worst partition status (by {@link PARTITION_STATUS_CODES}); OK for none. */
export function worstPartitionStatus(parts: readonly PartitionStatus[]): PartitionStatus {
  let worst: PartitionStatus = 'OK';
  for (const p of parts) if (PARTITION_STATUS_CODES[p] > PARTITION_STATUS_CODES[worst]) worst = p;
  return worst;
}

/** What the offsets cannot tell: does a live member of the group own the partition now? */
export interface PartitionContext {
  assigned: boolean;
}

export function partitionStatus(window: readonly OffsetEntry[], now: number, ctx: PartitionContext = { assigned: false }): PartitionStatus {
  const stuck: PartitionStatus = ctx.assigned ? 'STALL' : 'STOP';
  if (window.length === 0) return 'OK';
  const first = window[0] as OffsetEntry;
  if (window.length === 1) return first.lag > 0 && now - first.ts >= STUCK_AFTER_MS ? stuck : 'OK';
  const last = window[window.length - 1] as OffsetEntry;
  for (let i = 1; i < window.length; i++) if ((window[i] as OffsetEntry).offset < (window[i - 1] as OffsetEntry).offset) return 'REWIND';
  if (last.lag > 0 && now - last.ts > last.ts - first.ts) return stuck;
  if (window.some((e) => e.lag === 0)) return 'OK';
  if (first.offset === last.offset && last.lag >= first.lag) return 'STALL';
  let growing = true;
  for (let i = 1; i < window.length; i++) if ((window[i] as OffsetEntry).lag <= (window[i - 1] as OffsetEntry).lag) growing = false;
  return growing ? 'WARN' : 'OK';
}

export function groupStatus(parts: readonly PartitionStatus[]): GroupStatus {
  if (parts.some((p) => p === 'STOP' || p === 'STALL' || p === 'REWIND')) return 'ERR';
  return parts.includes('WARN') ? 'WARN' : 'OK';
}

/**
 * Sliding windows per group/topic/partition. An entry is added when the committed offset
 * changes. While it does not: a caught-up partition (lag 0) moves the newest entry's time along
 * (nothing to consume is not a stop; without this a burst after a quiet hour would read as an
 * hour without commits); otherwise the newest entry is left alone so "time since the last commit"
 * keeps growing (what STOP measures), except that a window of one entry follows the lag.
 */
export class LagWindows {
  private readonly windows = new Map<string, OffsetEntry[]>();
  /** Windows started without their history (see {@link LagWindows.startWithoutHistory}). */
  private readonly withoutHistory = new Set<string>();

  constructor(private readonly size = 10) {}

  add(key: string, e: OffsetEntry): void {
    const w = this.windows.get(key) ?? [];
    const last = w[w.length - 1];
    if (!last || last.offset !== e.offset) {
      w.push(e);
      if (w.length > this.size) w.shift();
    } else if (e.lag === 0) {
      w[w.length - 1] = { ...last, ts: e.ts, lag: 0 };
    } else if (w.length === 1) {
      // the first entry's lag follows the partition until the consumer commits again
      w[0] = { ...last, lag: e.lag };
    }
    this.windows.set(key, w);
  }

  status(key: string, now: number, currentLag: number, ctx: PartitionContext = { assigned: false }): PartitionStatus {
    const w = this.windows.get(key) ?? [];
    const last = w[w.length - 1];
    // the newest lag counts even without a new commit (a stopped consumer's lag keeps growing)
    return partitionStatus(last ? [...w.slice(0, -1), { ...last, lag: Math.max(last.lag, currentLag) }] : w, now, ctx);
  }

  has(key: string): boolean {
    return this.windows.has(key);
  }

  keys(): string[] {
    return [...this.windows.keys()];
  }

  /** The window of a partition, oldest entry first ([] when none). */
  entries(key: string): readonly OffsetEntry[] {
    return this.windows.get(key) ?? [];
  }

  /**
   * Marks a window that starts now without the partition's history (after a restart whose stored
   * history had none): until it can tell, its status is unknown rather than OK (see {@link LagWindows.decided}).
   */
  startWithoutHistory(key: string): void {
    this.withoutHistory.add(key);
  }

  /**
   * Whether the window's status means something: always, except for a window started without history
   * that still holds one entry with lag, younger than {@link STUCK_AFTER_MS} — a consumer stopped for
   * an hour and one that just started look the same then. Once decided, it stays decided.
   */
  decided(key: string, now: number, currentLag: number): boolean {
    if (!this.withoutHistory.has(key)) return true;
    const w = this.windows.get(key) ?? [];
    const first = w[0];
    const undecided = w.length <= 1 && (!first || (Math.max(first.lag, currentLag) > 0 && now - first.ts < STUCK_AFTER_MS));
    if (!undecided) this.withoutHistory.delete(key);
    return !undecided;
  }

  /** Forgets windows not updated in the last collection (groups or partitions that went away). */
  retain(keys: Set<string>): void {
    for (const k of this.windows.keys()) if (!keys.has(k)) this.windows.delete(k);
    for (const k of this.withoutHistory) if (!keys.has(k)) this.withoutHistory.delete(k);
  }
}
