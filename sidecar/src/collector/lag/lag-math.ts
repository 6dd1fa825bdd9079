/**
 * Pure consumer-lag math: a group's committed offsets against the partitions' log-end offsets
 * (high watermarks), turned into keyed values the lag collector maps to catalogue entries.
 *
 * Decisions (the same as `kafka-consumer-groups.sh --describe`, which prints `-` for them):
 * - no committed offset (-1, or a partition the group never committed): no `lag` and no
 *   `committed_offset` value. Log-end − earliest would guess at `auto.offset.reset`: with
 *   `latest` the group would start at the end and have no lag at all, so any number is a guess.
 *   `log_end_offset` is still reported when known.
 * - log-end offset unknown (the topic's offsets could not be read): no `lag` value.
 * - committed beyond the log end (truncation after an unclean election, or a log-end read
 *   before the commit landed): lag 0, never negative.
 * - `group_lag` sums the partitions that have a lag; absent when none has one.
 */
import type { Labels } from '../../core/model';

/**
 * Kafka's group states; the stored `group_state` value is the index. The catalogue
 * (builtin-lag.ts) and the API (api/consumer-groups.ts) document and decode the same order.
 */
export const GROUP_STATES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;
export type GroupState = (typeof GROUP_STATES)[number];

/** Index in GROUP_STATES; 0 (Unknown) for anything else. */
export function groupStateCode(state: string): number {
  const i = (GROUP_STATES as readonly string[]).indexOf(state);
  return i < 0 ? 0 : i;
}

/** Offset text or number from the admin client → number; -1 (none) for anything unusable. */
export function parseOffset(raw: string | number | null | undefined): number {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : -1;
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return -1;
  return Number(raw);
}

export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** Committed offset of the group; -1 when none. */
  committed: number;
  /** Log-end offset (high watermark); undefined when the topic could not be read. */
  logEnd?: number;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committed?: number;
  logEnd?: number;
  lag?: number;
}

/** One partition's committed offset, log-end offset and lag (see the file comment for the rules). */
export function partitionLag(p: PartitionOffsets): PartitionLag {
  const committed = Number.isFinite(p.committed) && p.committed >= 0 ? p.committed : undefined;
  const logEnd = p.logEnd !== undefined && Number.isFinite(p.logEnd) && p.logEnd >= 0 ? p.logEnd : undefined;
  const lag = committed !== undefined && logEnd !== undefined ? Math.max(0, logEnd - committed) : undefined;
  return { topic: p.topic, partition: p.partition, committed, logEnd, lag };
}

/** Sum of the partitions' lag; undefined when no partition has one. */
export function totalLag(parts: readonly PartitionLag[]): number | undefined {
  let sum: number | undefined;
  for (const p of parts) if (p.lag !== undefined) sum = (sum ?? 0) + p.lag;
  return sum;
}

/** Keys of the values below = `source.key` of the catalogue's kafka-protocol entries. */
export type LagKey = 'lag' | 'committed_offset' | 'log_end_offset' | 'group_lag' | 'group_members' | 'group_state';

export interface KeyedValue {
  key: string;
  labels: Labels;
  value: number;
}

/** What the collector learned about one consumer group. */
export interface GroupSnapshot {
  groupId: string;
  /** From DescribeGroups; undefined when the group could not be described. */
  state?: string;
  members?: number;
  /** Partitions (keys of assignment.ts' partitionKey) owned by a live member; undefined when unknown. */
  assigned?: ReadonlySet<string>;
  /** Committed offsets; undefined when they could not be read. */
  committed?: { topic: string; partition: number; offset: number }[];
}

/** Log-end offset per topic and partition. */
export type LogEnds = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** Pure: the lag of each partition the group committed, sorted by topic then partition; [] when offsets are unknown. */
export function groupPartitionLags(g: GroupSnapshot, logEnds: LogEnds): PartitionLag[] {
  const sorted = [...(g.committed ?? [])].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return sorted.map((c) => partitionLag({ topic: c.topic, partition: c.partition, committed: c.offset, logEnd: logEnds.get(c.topic)?.get(c.partition) }));
}

/**
 * Pure: every value the lag collector reports for these groups. Per partition (labels group,
 * topic, partition): `lag`, `committed_offset`, `log_end_offset`; per group (label group):
 * `group_members`, `group_state`, `group_lag`. Group ids and topic names are label values as they
 * are (whatever characters they hold). Partitions are sorted by topic then partition.
 */
export function groupLagValues(groups: readonly GroupSnapshot[], logEnds: LogEnds): KeyedValue[] {
  const out: KeyedValue[] = [];
  const put = (key: LagKey, labels: Labels, value: number | undefined): void => {
    if (value !== undefined && Number.isFinite(value)) out.push({ key, labels, value });
  };
  for (const g of groups) {
    const gl: Labels = { group: g.groupId };
    put('group_members', gl, g.members);
    if (g.state !== undefined) put('group_state', gl, groupStateCode(g.state));
    if (!g.committed) continue;
    const parts = groupPartitionLags(g, logEnds);
    for (const p of parts) {
      const labels: Labels = { group: g.groupId, topic: p.topic, partition: String(p.partition) };
      put('lag', labels, p.lag);
      put('committed_offset', labels, p.committed);
      put('log_end_offset', labels, p.logEnd);
    }
    put('group_lag', gl, totalLag(parts));
  }
  return out;
}

/** Topic partitions as the admin client's metadata describes them. */
export interface TopicPartitionsMeta {
  name: string;
  partitions: { leader: number; replicas: number[]; isr: number[] }[];
}

/**
 * Pure: per-topic health from cluster metadata (label topic): `topic_partitions`,
 * `topic_under_replicated` (ISR smaller than the replica set), `topic_offline` (no leader).
 * Internal topics (`__consumer_offsets`, `__transaction_state`) are left out.
 */
export function topicValues(topics: readonly TopicPartitionsMeta[]): KeyedValue[] {
  const out: KeyedValue[] = [];
  for (const t of [...topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (t.name.startsWith('__')) continue;
    const labels: Labels = { topic: t.name };
    out.push({ key: 'topic_partitions', labels, value: t.partitions.length });
    out.push({ key: 'topic_under_replicated', labels, value: t.partitions.filter((p) => p.isr.length < p.replicas.length).length });
    out.push({ key: 'topic_offline', labels, value: t.partitions.filter((p) => p.leader < 0).length });
  }
  return out;
}
