/**
 * What the consumer status needs from the store to survive a restart: each partition's committed
 * offset and lag as the lag collector stored them (`kafka.consumer_group.committed_offset` and
 * `.lag` of the cluster pseudo target, one pair per collection), and each group's last stored
 * status (`kafka.consumer_group.status`), over a time range.
 *
 * One statement: the cluster's series of those three metrics (FL_DOF_TARGET by its unique key,
 * FL_DOF_SERIES by target, FL_DOF_METRIC by key), then per series a PRIMARY range
 * `series_id = s AND ts BETWEEN ? AND ?` over the pruned daily partitions.
 */
import type { Pool } from 'mysql2/promise';
import { parseLabels, queryRows } from './queries';

export const LAG_HISTORY_METRICS = {
  committed: 'kafka.consumer_group.committed_offset',
  lag: 'kafka.consumer_group.lag',
  status: 'kafka.consumer_group.status',
} as const;

/** The target key of the lag collector's values (the cluster pseudo target). */
const CLUSTER_TARGET = 'cluster';

/** One collection's committed offset and lag of a partition. */
export interface StoredLagPoint {
  group: string;
  topic: string;
  partition: number;
  /** Epoch ms (stored to the second). */
  ts: number;
  committed: number;
  lag: number;
}

export interface StoredLagHistory {
  /** Oldest first. */
  points: StoredLagPoint[];
  /** The newest stored status code (0 OK, 1 WARN, 2 ERR) per group, with its time (epoch ms). */
  lastStatus: Map<string, { ts: number; value: number }>;
}

/** A stored row: metric key, labels, epoch seconds, value. */
export interface LagHistoryRow {
  metric: string;
  labels: Record<string, string>;
  ts: number;
  value: number;
}

/**
 * Pure: rows (any order) → committed/lag pairs of the same partition and second (a committed
 * offset without its lag is left out, as the collector judges only partitions with both) and the
 * newest status per group.
 */
export function lagHistoryFromRows(rows: readonly LagHistoryRow[]): StoredLagHistory {
  const committed = new Map<string, LagHistoryRow>();
  const lags = new Map<string, number>();
  const lastStatus = new Map<string, { ts: number; value: number }>();
  for (const r of rows) {
    const { group, topic, partition } = r.labels;
    if (group === undefined) continue;
    if (r.metric === LAG_HISTORY_METRICS.status) {
      if (topic !== undefined) continue;
      const prev = lastStatus.get(group);
      if (!prev || prev.ts < r.ts * 1000) lastStatus.set(group, { ts: r.ts * 1000, value: r.value });
      continue;
    }
    if (topic === undefined || partition === undefined || !/^\d+$/.test(partition)) continue;
    const key = JSON.stringify([group, topic, partition, r.ts]);
    if (r.metric === LAG_HISTORY_METRICS.committed) committed.set(key, r);
    else if (r.metric === LAG_HISTORY_METRICS.lag) lags.set(key, r.value);
  }
  const points: StoredLagPoint[] = [];
  for (const [key, c] of committed) {
    const lag = lags.get(key);
    if (lag === undefined) continue;
    points.push({
      group: c.labels.group as string,
      topic: c.labels.topic as string,
      partition: Number(c.labels.partition),
      ts: c.ts * 1000,
      committed: c.value,
      lag,
    });
  }
  points.sort((a, b) => a.ts - b.ts || cmp(a.group, b.group) || cmp(a.topic, b.topic) || a.partition - b.partition);
  return { points, lastStatus };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The stored offsets, lags and statuses of `clusterId`'s consumer groups in [fromMs, toMs]. */
export async function readLagHistory(pool: Pool, clusterId: string, fromMs: number, toMs: number): Promise<StoredLagHistory> {
  const rows = await queryRows(
    pool,
    `SELECT m.metric_key, s.labels_json, x.ts, x.value
       FROM FL_DOF_TARGET t
       JOIN FL_DOF_SERIES s ON s.target_id = t.target_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
       JOIN FL_DOF_SAMPLE x ON x.series_id = s.series_id AND x.ts BETWEEN ? AND ?
      WHERE t.cluster_id = ? AND t.target_key = ? AND m.metric_key IN (?)`,
    [Math.floor(fromMs / 1000), Math.floor(toMs / 1000), clusterId, CLUSTER_TARGET, Object.values(LAG_HISTORY_METRICS)],
  );
  return lagHistoryFromRows(rows.map((r) => ({ metric: String(r.metric_key), labels: parseLabels(r.labels_json), ts: Number(r.ts), value: Number(r.value) })));
}
