/**
 * The consumer status across a restart: the sliding windows rebuilt from stored
 * collections, replayed through the same {@link LagWindows} steps the lag collector took, so the
 * first evaluation after a restart judges with the windows the sidecar would have had without it.
 * Gaps in the stored history (the sidecar down, a collection failed) are bridged: offsets kept.
 * A partition with no stored point in the range gets a window without history: its status is
 * unknown (not OK) until it can tell (see LagWindows.decided).
 */
import type { Logger } from '../../log/logger';
import type { StoredLagPoint } from '../../store/lag-history';
import { partitionKey } from './assignment';
import { LagWindows } from './lag-status';

/** How far back the stored collections are read: the windows of live and stopped consumers alike fit (a stopped one's history is one long run). */
export const RESTORE_LOOKBACK_MS = 3_600_000;

/** One stored collection's committed offset and lag of a partition (as store/lag-history.ts reads it). */
export type LagHistoryPoint = StoredLagPoint;

/** Reads the stored points of a cluster in [fromMs, toMs] (any order). */
export type LagHistoryReader = (clusterId: string, fromMs: number, toMs: number) => Promise<{ points: readonly LagHistoryPoint[] }>;

/**
 * Pure: per group, its windows after replaying `points` collection by collection (a collection =
 * the group's points of one timestamp): each point added, then the partitions missing from that
 * collection forgotten, as the collector's update does.
 */
export function rebuildWindows(points: readonly LagHistoryPoint[]): Map<string, LagWindows> {
  const byGroup = new Map<string, LagHistoryPoint[]>();
  for (const p of points) {
    const list = byGroup.get(p.group);
    if (list) list.push(p);
    else byGroup.set(p.group, [p]);
  }
  const out = new Map<string, LagWindows>();
  for (const [group, list] of byGroup) {
    const windows = new LagWindows();
    const sorted = [...list].sort((a, b) => a.ts - b.ts);
    for (let i = 0; i < sorted.length;) {
      const ts = (sorted[i] as LagHistoryPoint).ts;
      const seen = new Set<string>();
      for (; i < sorted.length && (sorted[i] as LagHistoryPoint).ts === ts; i++) {
        const p = sorted[i] as LagHistoryPoint;
        const key = partitionKey(p.topic, p.partition);
        windows.add(key, { ts, offset: p.committed, lag: p.lag });
        seen.add(key);
      }
      windows.retain(seen);
    }
    out.set(group, windows);
  }
  return out;
}

/**
 * Pure: the rebuilt windows with what this process saw itself laid on top (entries newer than a
 * partition's newest stored one), so restoring again later (the store back after an outage) loses
 * nothing. A window the store knows nothing of keeps its own entries, marked as without history.
 */
export function mergeWindows(rebuilt: Map<string, LagWindows>, current: ReadonlyMap<string, LagWindows>): Map<string, LagWindows> {
  for (const [group, mine] of current) {
    let target = rebuilt.get(group);
    if (!target) rebuilt.set(group, (target = new LagWindows()));
    for (const key of mine.keys()) {
      const stored = target.has(key);
      const newest = target.entries(key).at(-1)?.ts ?? -Infinity;
      for (const e of mine.entries(key)) if (e.ts > newest) target.add(key, e);
      if (!stored) target.startWithoutHistory(key);
    }
  }
  return rebuilt;
}

/** The stored history of a cluster's groups: points, and the newest stored status code per group. */
export interface StoredConsumerHistory {
  points: readonly LagHistoryPoint[];
  lastStatus: ReadonlyMap<string, { ts: number; value: number }>;
}

export interface ConsumerStatusRestore {
  clusterIds: readonly string[];
  /** Reads a cluster's stored history in [fromMs, toMs] (store/lag-history.ts). */
  read: (clusterId: string, fromMs: number, toMs: number) => Promise<StoredConsumerHistory>;
  /** The lag collector: its status windows. */
  windows: { restore(clusterId: string, points: readonly LagHistoryPoint[], now: number): { groups: number; partitions: number } };
  /** The group-status events: their baseline. */
  events?: { restoreGroupStatuses(clusterId: string, lastStatus: ReadonlyMap<string, number>): void };
  log: Logger;
  now?: number;
}

/**
 * Rebuilds every cluster's consumer status from the store at the moment status evaluation starts
 * (and again whenever called: the store back after an outage). A cluster whose history cannot be
 * read still starts: its partitions are unknown until they can tell, never a default OK. Never rejects.
 */
export async function restoreConsumerStatus(r: ConsumerStatusRestore): Promise<void> {
  const now = r.now ?? Date.now();
  for (const clusterId of r.clusterIds) {
    try {
      const history = await r.read(clusterId, now - RESTORE_LOOKBACK_MS, now);
      const restored = r.windows.restore(clusterId, history.points, now);
      r.events?.restoreGroupStatuses(clusterId, new Map([...history.lastStatus].map(([group, s]) => [group, s.value])));
      r.log.info('consumer status restored from the store', { cluster: clusterId, ...restored, points: history.points.length });
    } catch (err) {
      r.windows.restore(clusterId, [], now);
      r.log.warn('consumer status not restored: partitions stay unknown until their windows can tell', {
        cluster: clusterId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
