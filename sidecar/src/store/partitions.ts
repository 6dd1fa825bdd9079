/**
 * RANGE partitions on `ts` (epoch seconds) of the time-series tables:
 * - FL_DOF_SAMPLE and FL_DOF_SAMPLE_1M: one partition per UTC day (`p20261125` holds ts < 2026-11-26 00:00 UTC);
 * - FL_DOF_SAMPLE_1H: one partition per UTC month (`p202611` holds ts < 2026-12-01 00:00 UTC);
 * then `pmax` for everything later. Partitions are added ahead by splitting the (empty) `pmax`,
 * and retention drops whole partitions (instant, no DELETE). Table names only ever come from the
 * constants below, never from input.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

const DAY_S = 86400;

export type Granularity = 'day' | 'month';

/** A partitioned time-series table and the period of its partitions. */
export interface PartitionedTable {
  name: string;
  granularity: Granularity;
}

export const SAMPLE_TABLE: PartitionedTable = { name: 'FL_DOF_SAMPLE', granularity: 'day' };
export const MINUTE_TABLE: PartitionedTable = { name: 'FL_DOF_SAMPLE_1M', granularity: 'day' };
export const HOUR_TABLE: PartitionedTable = { name: 'FL_DOF_SAMPLE_1H', granularity: 'month' };
/** Every table maintained by {@link ensureAllPartitions}, raw first. */
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [SAMPLE_TABLE, MINUTE_TABLE, HOUR_TABLE];

/** A partition to create: its name and exclusive upper bound (epoch seconds). */
export interface PlannedPartition {
  name: string;
  lessThan: number;
}

/** Pure: start (epoch seconds, UTC) of the day or month holding `sec`. */
export function periodStart(sec: number, g: Granularity): number {
  if (g === 'day') return Math.floor(sec / DAY_S) * DAY_S;
  const d = new Date(sec * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** Pure: start of the next day or month after the one holding `sec` (the partition's bound). */
export function periodEnd(sec: number, g: Granularity): number {
  if (g === 'day') return periodStart(sec, g) + DAY_S;
  const d = new Date(sec * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/** Pure: `p20261125` (day) or `p202611` (month) for the period holding `sec` (epoch seconds). */
export function partitionName(sec: number, g: Granularity = 'day'): string {
  const iso = new Date(sec * 1000).toISOString();
  return 'p' + (g === 'day' ? iso.slice(0, 10) : iso.slice(0, 7)).replace(/-/g, '');
}

/** Pure: upper bound (exclusive, epoch seconds) of a partition named `pYYYYMMDD` or `pYYYYMM`; NaN for other names (pmax). */
export function partitionBound(name: string): number {
  const day = /^p(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (day) return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) / 1000 + DAY_S;
  const month = /^p(\d{4})(\d{2})$/.exec(name);
  if (month) return Date.UTC(Number(month[1]), Number(month[2]), 1) / 1000;
  return Number.NaN;
}

/** Pure: the partitions to add so that the periods holding [fromSec, toSec] exist, given the ones that do. */
export function missingPeriods(existing: string[], fromSec: number, toSec: number, g: Granularity): PlannedPartition[] {
  const have = new Set(existing);
  const maxBound = Math.max(0, ...existing.map(partitionBound).filter((b) => Number.isFinite(b)));
  const out: PlannedPartition[] = [];
  for (let p = periodStart(fromSec, g); p <= toSec; p = periodEnd(p, g)) {
    const name = partitionName(p, g);
    const lessThan = periodEnd(p, g);
    // RANGE partitions only grow at the end: periods below the highest bound are already covered.
    if (!have.has(name) && lessThan > maxBound) out.push({ name, lessThan });
  }
  return out;
}

/** Pure: the daily partitions to add so that days [fromDay, toDay] exist, given the ones that do. */
export function missingDays(existing: string[], fromSec: number, toSec: number): PlannedPartition[] {
  return missingPeriods(existing, fromSec, toSec, 'day');
}

/**
 * Pure: how to give periods older than the oldest partition their own partitions (history loaded
 * after the fact): the oldest dated partition is split into the periods from the one holding
 * `fromSec` up to itself (`REORGANIZE PARTITION oldest INTO (...)`). Null when nothing is to do.
 */
export function backfillPlan(existing: string[], fromSec: number, g: Granularity): { split: string; into: PlannedPartition[] } | null {
  const oldest = existing.find((n) => Number.isFinite(partitionBound(n)));
  if (!oldest) return null;
  const bound = partitionBound(oldest);
  const into: PlannedPartition[] = [];
  for (let p = periodStart(fromSec, g); periodEnd(p, g) < bound; p = periodEnd(p, g)) into.push({ name: partitionName(p, g), lessThan: periodEnd(p, g) });
  if (into.length === 0) return null;
  return { split: oldest, into: [...into, { name: oldest, lessThan: bound }] };
}

/** Pure: the dated partitions among `existing` whose whole period ends at or before `cutoffSec` (what retention drops). */
export function expiredPartitions(existing: string[], cutoffSec: number): string[] {
  return existing.filter((n) => partitionBound(n) <= cutoffSec);
}

function tableName(t: PartitionedTable): string {
  if (!/^FL_DOF_[A-Z0-9_]+$/.test(t.name)) throw new Error(`not a Doflamingo table: ${t.name}`);
  return t.name;
}

const partitionSql = (ps: PlannedPartition[]): string => ps.map((p) => `PARTITION ${p.name} VALUES LESS THAN (${p.lessThan})`).join(', ');

/** Names of a table's partitions in order (`pYYYYMMDD`..., `pmax`); [] when the table does not exist or is not partitioned. */
export async function partitionNames(pool: Pool, table: PartitionedTable = SAMPLE_TABLE): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT PARTITION_NAME AS name FROM information_schema.PARTITIONS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL
      ORDER BY PARTITION_ORDINAL_POSITION`,
    [tableName(table)],
  );
  return rows.map((r) => String(r.name));
}

/**
 * Makes sure the partitions of `table` exist from `daysBack` days ago to `daysAhead` days ahead
 * by splitting `pmax` (`REORGANIZE PARTITION pmax INTO (...)`: cheap while pmax is empty, which
 * it is as long as this runs ahead of time). Returns the names added; [] when nothing was missing
 * or the table has no `pmax` (not created yet).
 */
export async function ensurePartitions(pool: Pool, nowSec: number, daysAhead = 3, daysBack = 1, table: PartitionedTable = SAMPLE_TABLE): Promise<string[]> {
  const existing = await partitionNames(pool, table);
  if (!existing.includes('pmax')) return [];
  const add = missingPeriods(existing, nowSec - daysBack * DAY_S, nowSec + daysAhead * DAY_S, table.granularity);
  if (add.length === 0) return [];
  await pool.query(`ALTER TABLE ${tableName(table)} REORGANIZE PARTITION pmax INTO (${partitionSql(add)}, PARTITION pmax VALUES LESS THAN MAXVALUE)`);
  return add.map((p) => p.name);
}

/** {@link ensurePartitions} for every table of {@link PARTITIONED_TABLES}; the names added per table. */
export async function ensureAllPartitions(pool: Pool, nowSec: number, daysAhead = 3, daysBack = 1): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of PARTITIONED_TABLES) out[t.name] = await ensurePartitions(pool, nowSec, daysAhead, daysBack, t);
  return out;
}

/**
 * Gives the periods from the one holding `fromSec` up to the oldest partition their own
 * partitions (see {@link backfillPlan}); for history loaded after the fact, so that its queries
 * prune too. Rewrites the oldest partition: run it before loading, while that one is small.
 */
export async function extendPartitionsBack(pool: Pool, fromSec: number, table: PartitionedTable = SAMPLE_TABLE): Promise<string[]> {
  const plan = backfillPlan(await partitionNames(pool, table), fromSec, table.granularity);
  if (!plan) return [];
  await pool.query(`ALTER TABLE ${tableName(table)} REORGANIZE PARTITION ${plan.split} INTO (${partitionSql(plan.into)})`);
  return plan.into.slice(0, -1).map((p) => p.name);
}

/** Retention: drops every dated partition of `table` whose period ends at or before `cutoffSec` (DROP PARTITION: instant, no DELETE, no purge). Returns the names dropped. */
export async function dropPartitionsBefore(pool: Pool, cutoffSec: number, table: PartitionedTable = SAMPLE_TABLE): Promise<string[]> {
  const old = expiredPartitions(await partitionNames(pool, table), cutoffSec);
  if (old.length) await pool.query(`ALTER TABLE ${tableName(table)} DROP PARTITION ${old.join(', ')}`);
  return old;
}
