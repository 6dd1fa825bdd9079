/**
 * Retention of the raw and rollup tables: partitions added ahead and whole expired partitions
 * dropped (DROP PARTITION: instant, no DELETE), each table with its own number of days
 * (config `retention`: raw 7, 1 minute 30, 1 hour 365 by default).
 */
import type { Pool } from 'mysql2/promise';
import { dropPartitionsBefore, ensurePartitions, HOUR_TABLE, MINUTE_TABLE, type PartitionedTable, SAMPLE_TABLE } from './partitions';
import type { RetentionDays } from './resolution';

const DAY_S = 86400;

/** What retention did to one table. */
export interface TableRetention {
  table: string;
  added: string[];
  dropped: string[];
}

/** Pure: each table with the time before which its partitions may go (a partition goes when its whole period is before it). */
export function retentionCutoffs(nowSec: number, r: RetentionDays): { table: PartitionedTable; cutoffSec: number }[] {
  return [
    { table: SAMPLE_TABLE, cutoffSec: nowSec - r.rawDays * DAY_S },
    { table: MINUTE_TABLE, cutoffSec: nowSec - r.minuteDays * DAY_S },
    { table: HOUR_TABLE, cutoffSec: nowSec - r.hourDays * DAY_S },
  ];
}

/**
 * For every table: partitions up to `daysAhead` days ahead are created, then partitions wholly
 * older than its retention dropped. A table that does not exist yet (migration 003 not applied)
 * is left alone. Errors become the caller's (mysql2 errors).
 */
export async function applyTableRetention(pool: Pool, nowSec: number, r: RetentionDays, daysAhead = 3): Promise<TableRetention[]> {
  const out: TableRetention[] = [];
  for (const { table, cutoffSec } of retentionCutoffs(nowSec, r)) {
    const added = await ensurePartitions(pool, nowSec, daysAhead, 1, table);
    const dropped = await dropPartitionsBefore(pool, cutoffSec, table);
    out.push({ table: table.name, added, dropped });
  }
  return out;
}
