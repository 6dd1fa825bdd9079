/**
 * Pure consumer-lag math: committed offsets of a group vs log-end offsets (high watermarks).
 * A partition with no committed offset (-1) has no lag value: the group never consumed it.
 */

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

/** Kafka's group states; the stored code is the index (the API's consumer-groups.ts reads it back the same way). */
export const GROUP_STATES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;

/** Index in GROUP_STATES; 0 (Unknown) for anything else. */
export function groupStateCode(state: string): number {
  const i = (GROUP_STATES as readonly string[]).indexOf(state);
  return i < 0 ? 0 : i;
}

export function partitionLag(p: PartitionOffsets): PartitionLag {
  const committed = p.committed >= 0 ? p.committed : undefined;
  const lag = committed !== undefined && p.logEnd !== undefined ? Math.max(0, p.logEnd - committed) : undefined;
  return { topic: p.topic, partition: p.partition, committed, logEnd: p.logEnd, lag };
}

/** Sum of the partitions' lag; undefined when no partition has one. */
export function totalLag(parts: PartitionLag[]): number | undefined {
  const known = parts.filter((p) => p.lag !== undefined);
  return known.length ? known.reduce((a, p) => a + (p.lag as number), 0) : undefined;
}
