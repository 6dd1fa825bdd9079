/**
 * Burrow-style consumer status per group (`group_status`: 0 OK, 1 WARN, 2 ERR; `worst_partition_status`)
 * and per partition (`partition_status`: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP) from the sliding
 * windows of lag-status.ts, fed with each collection's committed offsets and lags. Stateful: one
 * LagWindows per cluster and group, so collecting one cluster never touches another's windows.
 * After a restart, {@link GroupStatusTracker.restore} rebuilds the windows from the stored
 * collections (lag-restore.ts); a partition without stored history has no status (unknown, never a
 * default OK) until its window can tell, and its group's status is given only when certain (ERR).
 */
import type { Labels } from '../../core/model';
import { partitionKey } from './assignment';
import { groupPartitionLags, type GroupSnapshot, type KeyedValue, type LogEnds } from './lag-math';
import { mergeWindows, rebuildWindows, type LagHistoryPoint } from './lag-restore';
import {
  GROUP_STATUS_CODES,
  groupStatus,
  LagWindows,
  PARTITION_STATUS_CODES,
  STUCK_AFTER_MS,
  worstPartitionStatus,
  type GroupStatus,
  type PartitionStatus,
} from './lag-status';

/** Pure: a group's status when some partitions' are unknown — ERR is certain whatever they are; anything better is not. */
export function groupStatusWithUnknown(known: readonly PartitionStatus[], unknown: number): { status: GroupStatus; worst?: PartitionStatus } | undefined {
  const status = groupStatus(known);
  const worst = worstPartitionStatus(known);
  if (unknown === 0) return { status, worst };
  if (status !== 'ERR') return undefined;
  return worst === 'STOP' ? { status, worst } : { status }; // STOP is the worst there is
}

export class GroupStatusTracker {
  /** clusterId → groupId → windows of the group's partitions. */
  private readonly byCluster = new Map<string, Map<string, LagWindows>>();
  /** clusterId → when its windows were restored: partitions first seen within STUCK_AFTER_MS of it start without history. */
  private readonly restoredAt = new Map<string, number>();

  /**
   * Windows of `clusterId` rebuilt from stored collections (oldest first or any order), merged with
   * what this process has seen since it started; may be called again (the store back after an outage).
   */
  restore(clusterId: string, points: readonly LagHistoryPoint[], now: number): { groups: number; partitions: number } {
    const merged = mergeWindows(rebuildWindows(points), this.byCluster.get(clusterId) ?? new Map());
    this.byCluster.set(clusterId, merged);
    this.restoredAt.set(clusterId, now);
    return { groups: merged.size, partitions: [...merged.values()].reduce((n, w) => n + w.keys().length, 0) };
  }

  /**
   * Adds this collection's offsets of `clusterId` to the windows and returns one `group_status`
   * value per group with at least one partition whose committed offset and lag are known (and whose
   * status is certain: see {@link groupStatusWithUnknown}).
   * Groups no longer listed are forgotten; a group whose offsets could not be read this time
   * keeps its windows untouched for the next collection.
   */
  update(clusterId: string, groups: readonly GroupSnapshot[], logEnds: LogEnds, now: number): KeyedValue[] {
    const before = this.byCluster.get(clusterId) ?? new Map<string, LagWindows>();
    const after = new Map<string, LagWindows>();
    const out: KeyedValue[] = [];
    const restoredAt = this.restoredAt.get(clusterId);
    const justRestored = restoredAt !== undefined && now - restoredAt < STUCK_AFTER_MS;
    for (const g of groups) {
      const windows = before.get(g.groupId) ?? new LagWindows();
      after.set(g.groupId, windows);
      if (!g.committed) continue;
      const seen = new Set<string>();
      const statuses: PartitionStatus[] = [];
      let unknown = 0;
      for (const p of groupPartitionLags(g, logEnds)) {
        if (p.committed === undefined || p.lag === undefined) continue;
        const key = partitionKey(p.topic, p.partition);
        if (justRestored && !windows.has(key)) windows.startWithoutHistory(key);
        windows.add(key, { ts: now, offset: p.committed, lag: p.lag });
        seen.add(key);
        if (!windows.decided(key, now, p.lag)) {
          unknown++;
          continue;
        }
        const status = windows.status(key, now, p.lag, { assigned: g.assigned?.has(key) ?? false });
        statuses.push(status);
        out.push({
          key: 'partition_status',
          labels: { group: g.groupId, topic: p.topic, partition: String(p.partition) },
          value: PARTITION_STATUS_CODES[status],
        });
      }
      windows.retain(seen);
      const labels: Labels = { group: g.groupId };
      const judged = statuses.length ? groupStatusWithUnknown(statuses, unknown) : undefined;
      if (judged) out.push({ key: 'group_status', labels, value: GROUP_STATUS_CODES[judged.status] });
      if (judged?.worst) out.push({ key: 'worst_partition_status', labels, value: PARTITION_STATUS_CODES[judged.worst] });
    }
    this.byCluster.set(clusterId, after);
    return out;
  }

  /** Forgets a cluster's windows. */
  forget(clusterId: string): void {
    this.byCluster.delete(clusterId);
    this.restoredAt.delete(clusterId);
  }
}
