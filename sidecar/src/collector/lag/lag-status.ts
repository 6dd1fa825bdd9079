/**
 * Burrow-compatible consumer status from a sliding window of committed offsets (pure).
 * A window entry is added each time the group's committed offset of a partition changes.
 * Partition rules, in Burrow's order:
 *   REWIND  the committed offset went backwards inside the window
 *   STOP    no commit for longer than the window spans (now − newest > newest − oldest)
 *   OK      lag was zero at some point in the window
 *   STALL   the offset never moved while lag stayed or grew
 *   WARN    the offset moves but lag grew at every step
 *   OK      otherwise
 * Group status: ERR when any partition is STOP, STALL or REWIND; WARN when any is WARN; else OK.
 */

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

export function partitionStatus(window: readonly OffsetEntry[], now: number): PartitionStatus {
  if (window.length < 2) return 'OK';
  const first = window[0] as OffsetEntry;
  const last = window[window.length - 1] as OffsetEntry;
  for (let i = 1; i < window.length; i++) if ((window[i] as OffsetEntry).offset < (window[i - 1] as OffsetEntry).offset) return 'REWIND';
  if (last.lag > 0 && now - last.ts > last.ts - first.ts) return 'STOP';
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
 * changes; while it does not, the newest entry's lag is refreshed only if no entry exists yet,
 * so "time since the last commit" keeps growing (that is what STOP measures).
 */
export class LagWindows {
  private readonly windows = new Map<string, OffsetEntry[]>();

  constructor(private readonly size = 10) {}

  add(key: string, e: OffsetEntry): void {
    const w = this.windows.get(key) ?? [];
    const last = w[w.length - 1];
    if (!last || last.offset !== e.offset) {
      w.push(e);
      if (w.length > this.size) w.shift();
    } else if (w.length === 1 && w[0]) {
      // the first entry's lag follows the partition until the consumer commits again
      w[0] = { ...w[0], lag: e.lag };
    }
    this.windows.set(key, w);
  }

  status(key: string, now: number, currentLag: number): PartitionStatus {
    const w = this.windows.get(key) ?? [];
    const last = w[w.length - 1];
    // the newest lag counts even without a new commit (a stopped consumer's lag keeps growing)
    return partitionStatus(last ? [...w.slice(0, -1), { ...last, lag: Math.max(last.lag, currentLag) }] : w, now);
  }

  /** Forgets windows not updated in the last collection (groups or partitions that went away). */
  retain(keys: Set<string>): void {
    for (const k of this.windows.keys()) if (!keys.has(k)) this.windows.delete(k);
  }
}
