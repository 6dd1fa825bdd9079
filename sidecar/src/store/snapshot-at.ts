/**
 * The store as it was at a past instant (the panels' time machine): for every series of a cluster
 * the newest sample at or before `atSec` and no older than a lookback, and for every target the
 * time of its newest sample in that lookback (a target with samples there was up, else down).
 * Parameterised SQL only; times in and out are epoch SECONDS, as stored.
 *
 * How it stays cheap (raw: queries.ts latestValuesBetween; the rollup the same shape): the derived table reads the
 * cluster's series (ref on UK_FL_DOF_TARGET, then FL_DOF_SERIES by target) and, per series, a
 * PRIMARY range `series_id = s AND ts BETWEEN ? AND ?` in the pruned daily partitions, grouped by
 * series_id (MAX(ts) over an index prefix); the join back to the sample table is an eq_ref on the
 * full primary key. Past the raw retention the 1-minute rollup answers instead: its `last`/`last_ts`
 * columns hold the newest raw sample of each minute, read by the same PRIMARY ranges.
 */
import type { Pool } from 'mysql2/promise';
import { latestValuesBetween, queryRows, toLatestValue, type LatestValue } from './queries';
import { retains, type RetentionDays } from './resolution';

/** A series' value as of the instant asked for (ts ≤ the instant, epoch seconds). */
export type ValueAt = LatestValue;

/** A target as of the instant: `lastSampleSec` null when it had no sample in the lookback. */
export interface TargetAt {
  key: string;
  kind: string;
  origin: string;
  lastSampleSec: number | null;
}

export interface SnapshotAtQuery {
  clusterId: string;
  /** The instant, epoch seconds. */
  atSec: number;
  /** Samples older than atSec − lookbackSec do not count (about 3 collection intervals). */
  lookbackSec: number;
  /** "Now" in epoch seconds and the days kept, to read the 1-minute rollup once raw samples are gone. */
  nowSec?: number;
  retention?: RetentionDays;
}

export interface SnapshotAt {
  /** Table the values came from. */
  source: 'raw' | '1m';
  values: ValueAt[];
  targets: TargetAt[];
}

/** Minutes whose newest sample falls inside the lookback; minute starts from (from − 59) so the first minute counts. */
const MINUTE_SQL = `SELECT t.target_key, t.kind, m.metric_key, s.labels_json, x.last_ts AS ts, x.last AS value
   FROM (SELECT y.series_id, MAX(y.ts) AS ts
           FROM FL_DOF_TARGET t0
           JOIN FL_DOF_SERIES s0 ON s0.target_id = t0.target_id
           JOIN FL_DOF_SAMPLE_1M y ON y.series_id = s0.series_id AND y.ts BETWEEN ? AND ? AND y.last_ts BETWEEN ? AND ?
          WHERE t0.cluster_id = ?
          GROUP BY y.series_id) l
   JOIN FL_DOF_SAMPLE_1M x ON x.series_id = l.series_id AND x.ts = l.ts
   JOIN FL_DOF_SERIES s ON s.series_id = l.series_id
   JOIN FL_DOF_TARGET t ON t.target_id = s.target_id
   JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
  ORDER BY t.target_key, m.metric_key, s.labels_json`;

/** Targets of the cluster that existed at the instant (first registered at or before it). */
const TARGETS_SQL = `SELECT target_key, kind, origin, UNIX_TIMESTAMP(first_seen) AS first_seen
   FROM FL_DOF_TARGET WHERE cluster_id = ? ORDER BY target_key`;

/** Pure: which table holds the lookback window: raw while retention keeps it, else the 1-minute rollup. */
export function sourceAt(fromSec: number, nowSec: number, retention?: RetentionDays): 'raw' | '1m' {
  return retains('raw', fromSec, nowSec, retention) ? 'raw' : '1m';
}

/**
 * Pure: targets as of the instant. Each target's newest sample in the lookback (from the values);
 * targets first registered after the instant are left out unless they have samples then (backfills).
 */
export function targetsAt(
  rows: Array<{ key: string; kind: string; origin: string; firstSeenSec: number | null }>,
  values: ValueAt[],
  atSec: number,
): TargetAt[] {
  const newest = new Map<string, number>();
  for (const v of values) newest.set(v.target, Math.max(newest.get(v.target) ?? 0, v.ts));
  return rows
    .filter((r) => newest.has(r.key) || r.firstSeenSec === null || r.firstSeenSec <= atSec)
    .map((r) => ({ key: r.key, kind: r.kind, origin: r.origin, lastSampleSec: newest.get(r.key) ?? null }));
}

/** The cluster's series values and targets as of `atSec` (see the file comment). */
export async function snapshotAt(pool: Pool, q: SnapshotAtQuery): Promise<SnapshotAt> {
  const at = Math.floor(q.atSec);
  const from = at - Math.max(0, Math.floor(q.lookbackSec));
  const source = sourceAt(from, Math.floor(q.nowSec ?? Date.now() / 1000), q.retention);
  const values: ValueAt[] =
    source === 'raw'
      ? await latestValuesBetween(pool, q.clusterId, from, at)
      : (await queryRows(pool, MINUTE_SQL, [from - 59, at, from, at, q.clusterId])).map(toLatestValue);
  const targetRows = (await queryRows(pool, TARGETS_SQL, [q.clusterId])).map((r) => ({
    key: String(r.target_key),
    kind: String(r.kind),
    origin: String(r.origin),
    firstSeenSec: r.first_seen === null || r.first_seen === undefined ? null : Number(r.first_seen),
  }));
  return { source, values, targets: targetsAt(targetRows, values, at) };
}
