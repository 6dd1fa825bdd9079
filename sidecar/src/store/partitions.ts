/**
 * Daily RANGE partitions of FL_DOF_SAMPLE: one partition per UTC day (`p20261125` holds
 * ts < 2026-11-26 00:00 UTC), and `pmax` for everything later. Retention drops whole days.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

const DAY_S = 86400;

/** `p20261125` for the day holding `daySec`. */
export function partitionName(daySec: number): string {
  return 'p' + new Date(daySec * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Upper bound (exclusive, epoch seconds) of the partition named `pYYYYMMDD`. */
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

async function partitionNames(pool: Pool): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT PARTITION_NAME AS name FROM information_schema.PARTITIONS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE' AND PARTITION_NAME IS NOT NULL
      ORDER BY PARTITION_ORDINAL_POSITION`,
  );
  return rows.map((r) => String(r.name));
}

/** Makes sure daily partitions exist from `daysBack` days ago to `daysAhead` days ahead. Returns the names added. */
export async function ensurePartitions(pool: Pool, nowSec: number, daysAhead = 3, daysBack = 1): Promise<string[]> {
  const add = missingDays(await partitionNames(pool), nowSec - daysBack * DAY_S, nowSec + daysAhead * DAY_S);
  if (add.length === 0) return [];
  const parts = add.map((p) => `PARTITION ${p.name} VALUES LESS THAN (${p.lessThan})`).join(', ');
  await pool.query(`ALTER TABLE FL_DOF_SAMPLE REORGANIZE PARTITION pmax INTO (${parts}, PARTITION pmax VALUES LESS THAN MAXVALUE)`);
  return add.map((p) => p.name);
}

/** Drops every daily partition whose days are entirely before `cutoffSec`. Returns the names dropped. */
export async function dropPartitionsBefore(pool: Pool, cutoffSec: number): Promise<string[]> {
  const old = (await partitionNames(pool)).filter((n) => partitionBound(n) <= cutoffSec);
  if (old.length) await pool.query(`ALTER TABLE FL_DOF_SAMPLE DROP PARTITION ${old.join(', ')}`);
  return old;
}
