/**
 * Consumer-group events from the lag collector's samples (one batch per cluster and collection,
 * target `cluster`). Pure apart from its own memory.
 * - `group-rebalance`: `kafka.consumer_group.state` changed (Stable, PreparingRebalance,
 *   CompletingRebalance, Empty, Dead …; codes of lag-math.ts GROUP_STATES).
 * - `group-status-changed`: the Burrow-style `kafka.consumer_group.status` changed (0 OK, 1 WARN,
 *   2 ERR). The status says ERR, not why: the message names the partition statuses (STOP, STALL,
 *   REWIND, WARN) the collector gave in the same batch (`kafka.consumer_group.partition_status`).
 * The first value seen for a group is its baseline (no event), unless {@link GroupTracker.restore}
 * gave it the last stored status: a restart then reports a status only when it differs from the one
 * stored before it (a change while the sidecar was down), never ERR → OK → ERR of its own making.
 * A batch without a group's status (failed, or unknown after a restart) changes nothing. Groups
 * missing from a collection are forgotten; a collection without any group value changes nothing.
 */
import { GROUP_STATES } from '../collector/lag/lag-math';
import { GROUP_STATUS_CODES, PARTITION_STATUS_CODES, type GroupStatus, type PartitionStatus } from '../collector/lag/lag-status';
import type { Sample } from '../core/model';
import type { TimelineEvent } from '../core/timeline-event';

export const GROUP_METRICS = {
  state: 'kafka.consumer_group.state',
  status: 'kafka.consumer_group.status',
  members: 'kafka.consumer_group.members',
  partitionStatus: 'kafka.consumer_group.partition_status',
  committed: 'kafka.consumer_group.committed_offset',
  lag: 'kafka.consumer_group.lag',
} as const;

const STATUS_NAMES = new Map<number, GroupStatus>(Object.entries(GROUP_STATUS_CODES).map(([k, v]) => [v, k as GroupStatus]));
const statusName = (code: number): string => STATUS_NAMES.get(code) ?? `code ${code}`;
const stateName = (code: number): string => GROUP_STATES[code] ?? `code ${code}`;
const PARTITION_NAMES = new Map<number, PartitionStatus>(Object.entries(PARTITION_STATUS_CODES).map(([k, v]) => [v, k as PartitionStatus]));

/** Partition statuses named in a status message, worst first. */
const REASONS: readonly { status: PartitionStatus; why: string }[] = [
  { status: 'REWIND', why: 'the committed offset went backwards' },
  { status: 'STALL', why: 'commits do not move while lag stays or grows' },
  { status: 'STOP', why: 'no commit for longer than the window spans while lag is > 0' },
  { status: 'WARN', why: 'lag grew at every commit' },
];

interface GroupView {
  state?: number;
  status?: number;
  /** Latest partition statuses (of the last batch that had any). */
  partitions: PartitionStatus[];
}

/** Pure: `STOP on 12 partitions (no commit …); WARN on 1 partition (…)`, or '' when all are OK. */
export function statusReasons(partitions: Iterable<PartitionStatus>): string {
  const counts = new Map<PartitionStatus, number>();
  for (const p of partitions) counts.set(p, (counts.get(p) ?? 0) + 1);
  return REASONS.filter((r) => counts.has(r.status))
    .map((r) => {
      const n = counts.get(r.status) as number;
      return `${r.status} on ${n} partition${n === 1 ? '' : 's'} (${r.why})`;
    })
    .join('; ');
}

/** Pure: the event of a group's state changing from `from` to `to` (codes). */
export function rebalanceEvent(clusterId: string, ts: number, group: string, from: number, to: number, members?: number): TimelineEvent {
  const change = `${stateName(from)} → ${stateName(to)}`;
  const who = members !== undefined ? `, ${members} member${members === 1 ? '' : 's'}` : '';
  const toName = stateName(to);
  let what = `changed state (${change}${who})`;
  if (toName === 'PreparingRebalance') what = `started a rebalance (${change}${who})`;
  else if (toName === 'CompletingRebalance' || toName === 'Assigning' || toName === 'Reconciling') what = `is rebalancing (${change}${who})`;
  else if (toName === 'Stable') what = `is stable (${change}${who})`;
  else if (toName === 'Empty') what = `has no members left: nothing consumes (${change})`;
  else if (toName === 'Dead') what = `is dead (${change})`;
  const severity = toName === 'Empty' || toName === 'Dead' ? 'warning' : 'info';
  return { clusterId, ts, kind: 'group-rebalance', severity, subject: `group=${group}`, value: to, message: `Consumer group ${group} ${what}` };
}

/** Pure: the event of a group's Burrow-style status changing (codes), with the partitions' reasons. */
export function statusEvent(clusterId: string, ts: number, group: string, from: number, to: number, reasons: string): TimelineEvent {
  const name = statusName(to);
  const severity = name === 'OK' ? 'info' : name === 'WARN' ? 'warning' : 'critical';
  return {
    clusterId,
    ts,
    kind: 'group-status-changed',
    severity,
    subject: `group=${group}`,
    value: to,
    message: `Consumer group ${group} status ${statusName(from)} → ${name}${reasons ? `: ${reasons}` : ''}`,
  };
}

export class GroupTracker {
  /** clusterId → group → view. */
  private readonly clusters = new Map<string, Map<string, GroupView>>();

  /** A lag collection's samples → state and status change events. */
  observe(clusterId: string, samples: readonly Sample[]): TimelineEvent[] {
    const mine = samples.filter((s) => s.labels.group !== undefined && Object.values(GROUP_METRICS).some((m) => m === s.metric));
    if (mine.length === 0) return [];
    const before = this.clusters.get(clusterId) ?? new Map<string, GroupView>();
    const after = new Map<string, GroupView>();
    const events: TimelineEvent[] = [];
    const byGroup = new Map<string, Sample[]>();
    for (const s of mine) {
      const group = s.labels.group as string;
      const list = byGroup.get(group);
      if (list) list.push(s);
      else byGroup.set(group, [s]);
    }
    for (const [group, list] of byGroup) {
      const view = before.get(group) ?? { partitions: [] };
      after.set(group, view);
      const partitions = list.flatMap((s) => (s.metric === GROUP_METRICS.partitionStatus ? [PARTITION_NAMES.get(s.value)].filter((p) => p !== undefined) : []));
      if (partitions.length) view.partitions = partitions;
      const groupValue = (metric: string): Sample | undefined => list.find((s) => s.metric === metric && s.labels.topic === undefined);
      const state = groupValue(GROUP_METRICS.state);
      if (state) {
        if (view.state !== undefined && view.state !== state.value)
          events.push(rebalanceEvent(clusterId, state.ts, group, view.state, state.value, groupValue(GROUP_METRICS.members)?.value));
        view.state = state.value;
      }
      const status = groupValue(GROUP_METRICS.status);
      if (status) {
        if (view.status !== undefined && view.status !== status.value)
          events.push(statusEvent(clusterId, status.ts, group, view.status, status.value, statusReasons(view.partitions)));
        view.status = status.value;
      }
    }
    this.clusters.set(clusterId, after);
    return events;
  }

  /**
   * Seeds the baseline of a cluster's groups with their last stored status (code per group), so the
   * first status after a restart is compared with it. Groups this tracker already follows keep theirs.
   */
  restore(clusterId: string, lastStatus: ReadonlyMap<string, number>): void {
    const views = this.clusters.get(clusterId) ?? new Map<string, GroupView>();
    for (const [group, status] of lastStatus) if (!views.has(group)) views.set(group, { status, partitions: [] });
    this.clusters.set(clusterId, views);
  }
}
