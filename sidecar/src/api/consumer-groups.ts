/**
 * Consumer groups as the API shows them, built from the latest values of the lag collector's
 * series, or from their values as of an instant (time machine, store/snapshot-at.ts)
 * (Kafka protocol, labels `group`, `topic`, `partition`):
 *   kafka.consumer_group.lag              {group, topic, partition}  messages behind
 *   kafka.consumer_group.committed_offset {group, topic, partition}
 *   kafka.consumer_group.log_end_offset   {group, topic, partition}
 *   kafka.consumer_group.members          {group}
 *   kafka.consumer_group.state            {group}  GROUP_STATES index
 *   kafka.consumer_group.status, .worst_partition_status {group}; .partition_status {group, topic, partition}: Burrow codes
 * Missing series leave their fields null (lag falls back to log end − committed).
 */
import type { ConsumerGroupDto, PartitionLagDto, PartitionStatusName, SampleDto } from './dto';

export const GROUP_METRICS = {
  lag: 'kafka.consumer_group.lag',
  committed: 'kafka.consumer_group.committed_offset',
  logEnd: 'kafka.consumer_group.log_end_offset',
  members: 'kafka.consumer_group.members',
  state: 'kafka.consumer_group.state',
  status: 'kafka.consumer_group.status',
  worst: 'kafka.consumer_group.worst_partition_status',
  partitionStatus: 'kafka.consumer_group.partition_status',
} as const;

export const GROUP_METRIC_IDS: readonly string[] = Object.values(GROUP_METRICS);

/** Kafka's consumer group states; the `state` series stores the index. */
export const GROUP_STATES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;

const GROUP_STATUS_NAMES = ['OK', 'WARN', 'ERR'] as const;
const PARTITION_STATUS_NAMES: readonly PartitionStatusName[] = ['OK', 'WARN', 'REWIND', 'STALL', 'STOP'];

/** Pure: a stored status code → its name (codes of collector/lag/lag-status.ts), null when unknown. */
export function groupStatusName(code: number | undefined): ConsumerGroupDto['status'] {
  return code === undefined ? null : (GROUP_STATUS_NAMES[code] ?? null);
}
export function partitionStatusName(code: number | undefined): PartitionStatusName | null {
  return code === undefined ? null : (PARTITION_STATUS_NAMES[code] ?? null);
}

export function groupStateName(code: number | undefined): string {
  if (code === undefined || !Number.isInteger(code)) return 'Unknown';
  return GROUP_STATES[code] ?? 'Unknown';
}

interface PartitionAcc {
  lag?: number;
  committed?: number;
  logEnd?: number;
  status?: number;
}
interface GroupAcc {
  ts: number;
  members?: number;
  state?: number;
  status?: number;
  worst?: number;
  topics: Map<string, Map<number, PartitionAcc>>;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pure: latest group samples (any order) → groups sorted by name, topics by name, partitions by number. */
export function buildConsumerGroups(samples: readonly SampleDto[]): ConsumerGroupDto[] {
  const groups = new Map<string, GroupAcc>();
  for (const s of samples) {
    const group = s.labels['group'];
    if (group === undefined || !GROUP_METRIC_IDS.includes(s.metric)) continue;
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { ts: s.ts, topics: new Map() }));
    g.ts = Math.max(g.ts, s.ts);
    if (s.metric === GROUP_METRICS.members) g.members = s.value;
    else if (s.metric === GROUP_METRICS.state) g.state = s.value;
    else if (s.metric === GROUP_METRICS.status) g.status = s.value;
    else if (s.metric === GROUP_METRICS.worst) g.worst = s.value;
    else {
      const topic = s.labels['topic'];
      const partition = Number(s.labels['partition']);
      if (topic === undefined || !Number.isInteger(partition)) continue;
      let parts = g.topics.get(topic);
      if (!parts) g.topics.set(topic, (parts = new Map()));
      const p = parts.get(partition) ?? {};
      if (s.metric === GROUP_METRICS.lag) p.lag = s.value;
      else if (s.metric === GROUP_METRICS.committed) p.committed = s.value;
      else if (s.metric === GROUP_METRICS.partitionStatus) p.status = s.value;
      else p.logEnd = s.value;
      parts.set(partition, p);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byName(a, b))
    .map(([group, g]) => {
      const topics = [...g.topics.entries()]
        .sort(([a], [b]) => byName(a, b))
        .map(([topic, parts]) => {
          const partitions: PartitionLagDto[] = [...parts.entries()]
            .sort(([a], [b]) => a - b)
            .map(([partition, p]) => ({
              partition,
              committed: p.committed ?? null,
              logEnd: p.logEnd ?? null,
              lag: p.lag ?? (p.logEnd !== undefined && p.committed !== undefined ? Math.max(0, p.logEnd - p.committed) : 0),
              status: partitionStatusName(p.status),
            }));
          return { topic, lag: partitions.reduce((a, p) => a + p.lag, 0), partitions };
        });
      return {
        group,
        state: groupStateName(g.state),
        status: groupStatusName(g.status),
        worstPartition: partitionStatusName(g.worst),
        members: g.members ?? null,
        totalLag: topics.reduce((a, t) => a + t.lag, 0),
        ts: g.ts,
        topics,
      };
    });
}
