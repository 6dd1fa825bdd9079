/**
 * Consumer-group events from the lag collector's samples (one batch per cluster and collection,
 * target `cluster`). Pure apart from its own memory.
 * - `group-rebalance`: `kafka.consumer_group.state` changed (Stable, PreparingRebalance,
 *   CompletingRebalance, Empty, Dead …; codes of lag-math.ts GROUP_STATES).
 * - `group-status-changed`: the Burrow-style `kafka.consumer_group.status` changed (0 OK, 1 WARN,
 *   2 ERR). The stored status says ERR, not why: the partition statuses (STOP, STALL, REWIND,
 *   WARN) are recomputed here from the same committed offsets and lags with lag-status.ts's
 *   windows (same inputs, same times, so the same answer as the collector) and named in the message.
 * The first value seen for a group is its baseline (no event). Groups missing from a collection
 * are forgotten; a collection without any group value (failed) changes nothing.
 */
import { GROUP_STATES } from '../collector/lag/lag-math';
import { GROUP_STATUS_CODES, LagWindows, type GroupStatus, type PartitionStatus } from '../collector/lag/lag-status';
import type { Sample } from '../core/model';
import type { TimelineEvent } from '../core/timeline-event';

export const GROUP_METRICS = {
  state: 'kafka.consumer_group.state',
  status: 'kafka.consumer_group.status',
  members: 'kafka.consumer_group.members',
  committed: 'kafka.consumer_group.committed_offset',
  lag: 'kafka.consumer_group.lag',
} as const;

const STATUS_NAMES = new Map<number, GroupStatus>(Object.entries(GROUP_STATUS_CODES).map(([k, v]) => [v, k as GroupStatus]));
const statusName = (code: number): string => STATUS_NAMES.get(code) ?? `code ${code}`;
const stateName = (code: number): string => GROUP_STATES[code] ?? `code ${code}`;

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
  windows: LagWindows;
  /** Latest partition status per `topic/partition`. */
  partitions: Map<string, PartitionStatus>;
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
      const view = before.get(group) ?? { windows: new LagWindows(), partitions: new Map<string, PartitionStatus>() };
      after.set(group, view);
      this.updateWindows(view, list);
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
          events.push(statusEvent(clusterId, status.ts, group, view.status, status.value, statusReasons(view.partitions.values())));
        view.status = status.value;
      }
    }
    this.clusters.set(clusterId, after);
    return events;
  }

  /** Feeds the partitions' committed offsets and lags to the windows (as the lag collector does). */
  private updateWindows(view: GroupView, list: readonly Sample[]): void {
    const lags = new Map<string, Sample>();
    for (const s of list) if (s.metric === GROUP_METRICS.lag && s.labels.topic !== undefined) lags.set(`${s.labels.topic}/${s.labels.partition}`, s);
    const seen = new Set<string>();
    const statuses = new Map<string, PartitionStatus>();
    for (const c of list) {
      if (c.metric !== GROUP_METRICS.committed || c.labels.topic === undefined) continue;
      const key = `${c.labels.topic}/${c.labels.partition}`;
      const lag = lags.get(key);
      if (!lag) continue;
      view.windows.add(key, { ts: c.ts, offset: c.value, lag: lag.value });
      seen.add(key);
      statuses.set(key, view.windows.status(key, c.ts, lag.value));
    }
    if (seen.size === 0) return; // offsets not read this time: windows kept for the next collection
    view.windows.retain(seen);
    view.partitions = statuses;
  }
}
