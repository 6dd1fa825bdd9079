/**
 * A target as the API shows it: its identity (kind, origin) with its health merged over the
 * jobs that collect it (a ZooKeeper server is read by the jmx and the zookeeper jobs): down when
 * any job finds it down, up when every job that ran finds it up, unknown before any run.
 */
import type { TargetKind } from '../core/model';
import type { HealthState } from '../core/target-health';
import type { TargetDto } from './dto';
import type { TargetHealthReport } from '../core/target-health';

/** The health part of a TargetDto. */
export type MergedHealth = Omit<TargetDto, 'key' | 'kind' | 'origin'>;

const NO_HEALTH: MergedHealth = {
  state: 'unknown',
  since: null,
  lastRunAt: null,
  lastOkAt: null,
  lastDurationMs: null,
  lastError: null,
  rejected: 0,
  lastRejectReason: null,
};

function maxOf(values: Array<number | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? Math.max(...xs) : null;
}

/** Merges the per-job health entries of ONE target. */
export function mergeHealth(entries: readonly TargetHealthReport[]): MergedHealth {
  if (entries.length === 0) return NO_HEALTH;
  const down = entries.filter((e) => e.state === 'down');
  const ran = entries.filter((e) => e.state !== 'unknown');
  const state: HealthState = down.length > 0 ? 'down' : ran.length > 0 ? 'up' : 'unknown';
  // the state began when the last of the entries that make it so changed
  const deciding = state === 'down' ? down : state === 'up' ? ran : entries;
  const latestRun = [...entries].sort((a, b) => (b.lastRunAt ?? -1) - (a.lastRunAt ?? -1))[0];
  const latestDown = [...down].sort((a, b) => (b.lastRunAt ?? -1) - (a.lastRunAt ?? -1))[0];
  return {
    state,
    since: state === 'down' ? Math.min(...down.map((e) => e.since)) : maxOf(deciding.map((e) => e.since)),
    lastRunAt: maxOf(entries.map((e) => e.lastRunAt)),
    lastOkAt: state === 'down' ? maxOf(down.map((e) => e.lastOkAt)) : maxOf(entries.map((e) => e.lastOkAt)),
    lastDurationMs: latestRun?.lastDurationMs ?? null,
    lastError: latestDown?.lastError ?? null,
    rejected: entries.reduce((n, e) => n + (e.rejected ?? 0), 0),
    lastRejectReason: latestRun?.lastRejectReason ?? entries.find((e) => e.lastRejectReason)?.lastRejectReason ?? null,
  };
}

export function toTargetDto(key: string, kind: TargetKind, origin: 'config' | 'discovered', health: MergedHealth): TargetDto {
  return { key, kind, origin, ...health };
}

/** Groups health entries by cluster and target: `cluster -> target -> entries`. */
export function groupHealth(entries: readonly TargetHealthReport[]): Map<string, Map<string, TargetHealthReport[]>> {
  const out = new Map<string, Map<string, TargetHealthReport[]>>();
  for (const e of entries) {
    let byTarget = out.get(e.clusterId);
    if (!byTarget) out.set(e.clusterId, (byTarget = new Map()));
    const list = byTarget.get(e.target);
    if (list) list.push(e);
    else byTarget.set(e.target, [e]);
  }
  return out;
}
