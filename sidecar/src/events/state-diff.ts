/**
 * Pure: timeline events from two readings of a cluster's leadership state (cluster-state.ts):
 * controller changes, partition leader changes, ISR shrink / expand, partitions going offline
 * and coming back. The first reading gives no events (it is only the baseline). Partitions that
 * appear or disappear between readings (topic created / deleted) give none either.
 *
 * Partition events are grouped per kind and topic so that a broker restart on a cluster with
 * thousands of partitions gives one event per topic, not one per partition: a single partition
 * has the subject `topic/partition`, several have the subject `topic` and are listed in the
 * message; `value` is the number of partitions.
 */
import type { TimelineEvent } from '../core/timeline-event';
import { isOffline, type ClusterState, type PartitionState } from './cluster-state';

type PartitionKind = 'partition-leader-changed' | 'isr-shrink' | 'isr-expand' | 'partition-offline' | 'partition-online';

/** One partition's change, before grouping. */
interface Change {
  kind: PartitionKind;
  topic: string;
  partition: number;
  before: PartitionState;
  after: PartitionState;
  /** Brokers that left (shrink) or joined (expand) the ISR. */
  brokers: number[];
}

const SEVERITY: Record<PartitionKind, TimelineEvent['severity']> = {
  'partition-leader-changed': 'info',
  'isr-shrink': 'warning',
  'isr-expand': 'info',
  'partition-offline': 'critical',
  'partition-online': 'info',
};

/** Partitions listed in one message at most; the rest are counted. */
export const MAX_LISTED_PARTITIONS = 20;

const list = (ids: readonly number[]): string => `[${ids.join(',')}]`;
const brokers = (ids: readonly number[]): string => `${ids.length === 1 ? 'broker' : 'brokers'} ${ids.join(', ')}`;
const uniqueSorted = (ids: readonly number[]): number[] => [...new Set(ids)].sort((a, b) => a - b);

function partitionChanges(
  topic: string,
  partition: number,
  before: PartitionState,
  after: PartitionState,
  liveBefore?: ReadonlySet<number>,
  liveAfter?: ReadonlySet<number>,
): Change[] {
  const out: Change[] = [];
  const base = { topic, partition, before, after };
  const wasOffline = isOffline(before, liveBefore);
  const offline = isOffline(after, liveAfter);
  if (!wasOffline && offline) out.push({ ...base, kind: 'partition-offline', brokers: [] });
  else if (wasOffline && !offline) out.push({ ...base, kind: 'partition-online', brokers: [] });
  else if (!offline && before.leader !== after.leader) out.push({ ...base, kind: 'partition-leader-changed', brokers: [] });
  const left = before.isr.filter((b) => !after.isr.includes(b));
  const joined = after.isr.filter((b) => !before.isr.includes(b));
  if (left.length) out.push({ ...base, kind: 'isr-shrink', brokers: left });
  if (joined.length) out.push({ ...base, kind: 'isr-expand', brokers: joined });
  return out;
}

/** The message of one partition's change (`where` = `orders/3`). */
function singleMessage(c: Change, where: string): string {
  switch (c.kind) {
    case 'partition-offline':
      return `${where} is offline: no leader (was broker ${c.before.leader}; ISR ${list(c.after.isr)})`;
    case 'partition-online':
      return `${where} is online again: leader broker ${c.after.leader} (ISR ${list(c.after.isr)})`;
    case 'partition-leader-changed':
      return `Leader of ${where} moved from broker ${c.before.leader} to broker ${c.after.leader} (leader epoch ${c.after.leaderEpoch})`;
    case 'isr-shrink':
      return `ISR of ${where} shrank from ${list(c.before.isr)} to ${list(c.after.isr)}: ${brokers(c.brokers)} fell out of sync`;
    case 'isr-expand':
      return `ISR of ${where} grew from ${list(c.before.isr)} to ${list(c.after.isr)}: ${brokers(c.brokers)} caught up`;
  }
}

/** Partition numbers (with details for leader moves), at most MAX_LISTED_PARTITIONS. */
function listed(cs: readonly Change[]): string {
  const items = cs
    .slice(0, MAX_LISTED_PARTITIONS)
    .map((c) => (c.kind === 'partition-leader-changed' ? `${c.partition} (${c.before.leader}→${c.after.leader})` : String(c.partition)));
  const more = cs.length - MAX_LISTED_PARTITIONS;
  return items.join(', ') + (more > 0 ? `, … (+${more} more)` : '');
}

/** The message of several partitions of one topic changing the same way. */
function groupMessage(kind: PartitionKind, topic: string, cs: readonly Change[]): string {
  const n = cs.length;
  const who = brokers(uniqueSorted(cs.flatMap((c) => c.brokers)));
  switch (kind) {
    case 'partition-offline':
      return `${n} partitions of ${topic} are offline (no leader): ${listed(cs)}`;
    case 'partition-online':
      return `${n} partitions of ${topic} are online again: ${listed(cs)}`;
    case 'partition-leader-changed':
      return `Leader moved on ${n} partitions of ${topic}: ${listed(cs)}`;
    case 'isr-shrink':
      return `ISR shrank on ${n} partitions of ${topic}: ${who} fell out of sync (partitions ${listed(cs)})`;
    case 'isr-expand':
      return `ISR grew on ${n} partitions of ${topic}: ${who} caught up (partitions ${listed(cs)})`;
  }
}

function controllerEvents(prev: ClusterState, next: ClusterState, clusterId: string, now: number): TimelineEvent[] {
  const epochs =
    prev.controllerEpoch !== undefined && next.controllerEpoch !== undefined ? ` (controller epoch ${prev.controllerEpoch} → ${next.controllerEpoch})` : '';
  const base = { clusterId, ts: now, kind: 'controller-changed' as const };
  if (prev.controller !== undefined && next.controller === undefined) {
    return [
      {
        ...base,
        severity: 'critical',
        subject: `broker-${prev.controller}`,
        message: `No active controller: broker ${prev.controller} gave up the role and none is elected yet`,
      },
    ];
  }
  if (next.controller === undefined) return [];
  const subject = `broker-${next.controller}`;
  if (prev.controller === undefined)
    return [{ ...base, severity: 'warning', subject, value: next.controller, message: `Broker ${next.controller} is the active controller again${epochs}` }];
  if (prev.controller !== next.controller) {
    return [
      {
        ...base,
        severity: 'warning',
        subject,
        value: next.controller,
        message: `Controller moved from broker ${prev.controller} to broker ${next.controller}${epochs}`,
      },
    ];
  }
  if (prev.controllerEpoch !== undefined && next.controllerEpoch !== undefined && next.controllerEpoch > prev.controllerEpoch) {
    return [{ ...base, severity: 'warning', subject, value: next.controller, message: `Broker ${next.controller} was elected controller again${epochs}` }];
  }
  return [];
}

const KIND_ORDER: readonly PartitionKind[] = ['partition-offline', 'partition-online', 'partition-leader-changed', 'isr-shrink', 'isr-expand'];

/**
 * Pure: the events between two readings of one cluster (`prev` undefined: first reading, no
 * events). Controller events first, then partition events by kind (offline, online, leader,
 * shrink, expand) and topic.
 */
export function diffClusterState(prev: ClusterState | undefined, next: ClusterState, clusterId: string, now: number): TimelineEvent[] {
  if (!prev) return [];
  const events = controllerEvents(prev, next, clusterId, now);
  const liveBefore = prev.liveBrokers ? new Set(prev.liveBrokers) : undefined;
  const liveAfter = next.liveBrokers ? new Set(next.liveBrokers) : undefined;
  const byKind = new Map<PartitionKind, Map<string, Change[]>>();
  for (const [topic, parts] of [...next.topics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const old = prev.topics.get(topic);
    if (!old) continue;
    for (const [p, after] of [...parts].sort(([a], [b]) => a - b)) {
      const before = old.get(p);
      if (!before) continue;
      for (const c of partitionChanges(topic, p, before, after, liveBefore, liveAfter)) {
        const topics = byKind.get(c.kind) ?? new Map<string, Change[]>();
        const same = topics.get(topic);
        if (same) same.push(c);
        else topics.set(topic, [c]);
        byKind.set(c.kind, topics);
      }
    }
  }
  for (const kind of KIND_ORDER) {
    for (const [topic, cs] of byKind.get(kind) ?? []) {
      const first = cs[0] as Change;
      const single = cs.length === 1;
      events.push({
        clusterId,
        ts: now,
        kind,
        severity: SEVERITY[kind],
        subject: single ? `${topic}/${first.partition}` : topic,
        value: cs.length,
        message: single ? singleMessage(first, `${topic}/${first.partition}`) : groupMessage(kind, topic, cs),
      });
    }
  }
  return events;
}
