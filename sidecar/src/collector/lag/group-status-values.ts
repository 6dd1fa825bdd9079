/**
 * Burrow-style consumer status per group (`group_status`: 0 OK, 1 WARN, 2 ERR; `worst_partition_status`)
 * and per partition (`partition_status`: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP) from the sliding
 * windows of lag-status.ts, fed with each collection's committed offsets and lags. Stateful: one
 * LagWindows per cluster and group, so collecting one cluster never touches another's windows.
 */
import type { Labels } from '../../core/model';
import { partitionKey } from './assignment';
import { groupPartitionLags, type GroupSnapshot, type KeyedValue, type LogEnds } from './lag-math';
import { GROUP_STATUS_CODES, groupStatus, LagWindows, PARTITION_STATUS_CODES, worstPartitionStatus, type PartitionStatus } from './lag-status';

export class GroupStatusTracker {
  /** clusterId → groupId → windows of the group's partitions. */
  private readonly byCluster = new Map<string, Map<string, LagWindows>>();

  /**
   * Adds this collection's offsets of `clusterId` to the windows and returns one `group_status`
   * value per group with at least one partition whose committed offset and lag are known.
   * Groups no longer listed are forgotten; a group whose offsets could not be read this time
   * keeps its windows untouched for the next collection.
   */
  update(clusterId: string, groups: readonly GroupSnapshot[], logEnds: LogEnds, now: number): KeyedValue[] {
    const before = this.byCluster.get(clusterId) ?? new Map<string, LagWindows>();
    const after = new Map<string, LagWindows>();
    const out: KeyedValue[] = [];
    for (const g of groups) {
      const windows = before.get(g.groupId) ?? new LagWindows();
      after.set(g.groupId, windows);
      if (!g.committed) continue;
      const seen = new Set<string>();
      const statuses: PartitionStatus[] = [];
      for (const p of groupPartitionLags(g, logEnds)) {
        if (p.committed === undefined || p.lag === undefined) continue;
        const key = partitionKey(p.topic, p.partition);
        windows.add(key, { ts: now, offset: p.committed, lag: p.lag });
        seen.add(key);
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
      if (statuses.length) {
        out.push({ key: 'group_status', labels, value: GROUP_STATUS_CODES[groupStatus(statuses)] });
        out.push({ key: 'worst_partition_status', labels, value: PARTITION_STATUS_CODES[worstPartitionStatus(statuses)] });
      }
    }
    this.byCluster.set(clusterId, after);
    return out;
  }

  /** Forgets a cluster's windows. */
  forget(clusterId: string): void {
    this.byCluster.delete(clusterId);
  }
}
