/**
 * Daily RANGE partitions of FL_DOF_SAMPLE: one partition per UTC day (`p20261125` holds
 * ts < 2026-11-26 00:00 UTC), and `pmax` for everything later. Retention drops whole days.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

const DAY_S = 86400;

/** Pure: `p20261125` for the UTC day holding `daySec` (epoch seconds). */
export function partitionName(daySec: number): string {
  return 'p' + new Date(daySec * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Pure: upper bound (exclusive, epoch seconds) of the partition named `pYYYYMMDD`; NaN for other names (pmax). */
export function partitionBound(name: string): number {
  const m = /^p(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 + DAY_S;
}

/** Pure: the daily partitions to add so that days [fromDay, toDay] exist, given the ones that do. */
export function missingDays(existing: string[], fromSec: number, toSec: number): { name: string; lessThan: number }[] {
  const have = new Set(existing);
  const maxBound = Math.max(0, ...existing.map(partitionBound).filter((b) => Number.isFinite(b)));
  const out: { name: string; lessThan: number }[] = [];
  for (let d = Math.floor(fromSec / DAY_S) * DAY_S; d <= toSec; d += DAY_S) {
    const name = partitionName(d);
    // RANGE partitions only grow at the end: days below the highest bound are already covered.
    if (!have.has(name) && d + DAY_S > maxBound) out.push({ name, lessThan: d + DAY_S });
  }
  return out;
}

/** Names of FL_DOF_SAMPLE's partitions in order (`pYYYYMMDD`..., `pmax`). */
export async function partitionNames(pool: Pool): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT PARTITION_NAME AS name FROM information_schema.PARTITIONS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE' AND PARTITION_NAME IS NOT NULL
      ORDER BY PARTITION_ORDINAL_POSITION`,
  );
  return rows.map((r) => String(r.name));
}

/**
 * Makes sure daily partitions exist from `daysBack` days ago to `daysAhead` days ahead by
 * splitting `pmax` (`REORGANIZE PARTITION pmax INTO (...)`: cheap while pmax is empty, which it
 * is as long as this runs ahead of time). Returns the names added; [] when nothing was missing.
 */
export async function ensurePartitions(pool: Pool, nowSec: number, daysAhead = 3, daysBack = 1): Promise<string[]> {
  const add = missingDays(await partitionNames(pool), nowSec - daysBack * DAY_S, nowSec + daysAhead * DAY_S);
  if (add.length === 0) return [];
  const parts = add.map((p) => `PARTITION ${p.name} VALUES LESS THAN (${p.lessThan})`).join(', ');
  await pool.query(`ALTER TABLE FL_DOF_SAMPLE REORGANIZE PARTITION pmax INTO (${parts}, PARTITION pmax VALUES LESS THAN MAXVALUE)`);
  return add.map((p) => p.name);
}

/** Retention: drops every daily partition whose day ends at or before `cutoffSec` (DROP PARTITION: instant, no DELETE, no purge). Returns the names dropped. */
export async function dropPartitionsBefore(pool: Pool, cutoffSec: number): Promise<string[]> {
  const old = (await partitionNames(pool)).filter((n) => partitionBound(n) <= cutoffSec);
  if (old.length) await pool.query(`ALTER TABLE FL_DOF_SAMPLE DROP PARTITION ${old.join(', ')}`);
  return old;
}

/**
 * Rewrites whole days of FL_DOF_SAMPLE with full pages (`ALTER TABLE ... REBUILD PARTITION`).
 * Samples arrive time-major but are stored series-major, so pages written live end up about
 * 70 % full (~52 bytes per sample on MariaDB 10.11); a rebuilt day is ~41 bytes per sample.
 * Meant for closed days (yesterday), off-peak: the table is locked while a partition is rebuilt
 * (the writer keeps samples in its buffer meanwhile). Only `pYYYYMMDD` names are used (pick them
 * with {@link daysBetween}); anything else, `pmax` included, is ignored. Returns the names rebuilt.
 */
export async function compactPartitions(pool: Pool, names: string[]): Promise<string[]> {
  const valid = names.filter((n) => /^p\d{8}$/.test(n));
  if (valid.length > 0) await pool.query(`ALTER TABLE FL_DOF_SAMPLE REBUILD PARTITION ${valid.join(', ')}`);
  return valid;
}

/** Pure: the daily partitions among `existing` whose whole day lies in [fromSec, toSec). */
export function daysBetween(existing: string[], fromSec: number, toSec: number): string[] {
  return existing.filter((n) => {
    const bound = partitionBound(n);
    return Number.isFinite(bound) && bound - DAY_S >= fromSec && bound <= toSec;
  });
}
