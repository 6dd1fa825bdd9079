/**
 * Computing the 1-minute rollup from raw samples and the 1-hour rollup from the 1-minute one,
 * in SQL, for given series and a range of whole buckets.
 *
 * Why recompute instead of adding each batch to the rollup rows (`sum = sum + VALUES(sum)`):
 * - correct by construction: a bucket is recomputed from the rows stored, so a raw batch written
 *   twice (retry after a lost COMMIT answer, replay after an outage), duplicates or late samples
 *   can never be counted twice; running it again gives the same rows (idempotent);
 * - cheap: a closed minute is written once per series (not once per sample: at 10 s that is 6×
 *   fewer rollup writes), reading raw rows that are still in the buffer pool; an hour once per
 *   series from its 60 minute rows. Measured: bench/RESULTS.md section 2.
 * - a rollup failure never touches the raw rows (separate statements); the buckets stay due.
 *
 * SQL (portable: MySQL 5.7/8.0, MariaDB 10.x, no window functions): the derived table groups the
 * rows of `series_id IN (...) AND ts BETWEEN ? AND ?` — `range` on PRIMARY, pruned partitions —
 * per series and bucket; `last` is joined back on the full primary key (eq_ref) of the newest row
 * (STRAIGHT_JOIN keeps that order: the grouped rows first, then one primary-key lookup each).
 * `ON DUPLICATE KEY UPDATE col = VALUES(col)` overwrites (VALUES() is deprecated but accepted on
 * MySQL 8.0.20+, and the only form MariaDB knows). With binlog_format=STATEMENT, MySQL flags
 * INSERT ... SELECT ... ON DUPLICATE KEY UPDATE as unsafe (a warning); ROW or MIXED is fine.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toStoreError } from './pool';

/**
 * Series per statement (`series_id IN (...)`). Below 1000 on purpose: MariaDB (10.3+) turns an IN
 * list of `in_predicate_conversion_threshold` (1000) values or more into a join with a derived
 * table, and then scans FL_DOF_SAMPLE (EXPLAIN: ALL, 1 M rows, ~800 ms for 2000 series) instead of
 * one PRIMARY range per series (~15 ms for 500 series × one minute).
 */
export const ROLLUP_CHUNK = 500;

const OVERWRITE =
  'ON DUPLICATE KEY UPDATE min = VALUES(min), max = VALUES(max), sum = VALUES(sum), cnt = VALUES(cnt), last = VALUES(last), last_ts = VALUES(last_ts)';

/** Placeholders: ids, fromSec, toSec (raw ts). */
export const MINUTE_FROM_RAW_SQL = `INSERT INTO FL_DOF_SAMPLE_1M (series_id, ts, min, max, sum, cnt, last, last_ts)
  SELECT STRAIGHT_JOIN a.series_id, a.b, a.mn, a.mx, a.sm, a.n, x.value, a.lts
    FROM (SELECT series_id, FLOOR(ts / 60) * 60 AS b, MIN(value) AS mn, MAX(value) AS mx, SUM(value) AS sm, COUNT(*) AS n, MAX(ts) AS lts
            FROM FL_DOF_SAMPLE
           WHERE series_id IN (?) AND ts BETWEEN ? AND ?
           GROUP BY series_id, b) a
    JOIN FL_DOF_SAMPLE x ON x.series_id = a.series_id AND x.ts = a.lts
  ${OVERWRITE}`;

/** Placeholders: ids, fromSec, toSec (minute starts). */
export const HOUR_FROM_MINUTE_SQL = `INSERT INTO FL_DOF_SAMPLE_1H (series_id, ts, min, max, sum, cnt, last, last_ts)
  SELECT STRAIGHT_JOIN a.series_id, a.b, a.mn, a.mx, a.sm, a.n, x.last, x.last_ts
    FROM (SELECT series_id, FLOOR(ts / 3600) * 3600 AS b, MIN(min) AS mn, MAX(max) AS mx, SUM(sum) AS sm, SUM(cnt) AS n, MAX(ts) AS mts
            FROM FL_DOF_SAMPLE_1M
           WHERE series_id IN (?) AND ts BETWEEN ? AND ?
           GROUP BY series_id, b) a
    JOIN FL_DOF_SAMPLE_1M x ON x.series_id = a.series_id AND x.ts = a.mts
  ${OVERWRITE}`;

function chunks(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += ROLLUP_CHUNK) out.push(ids.slice(i, i + ROLLUP_CHUNK));
  return out;
}

async function recompute(pool: Pool, sql: string, ids: readonly number[], fromSec: number, toSec: number): Promise<void> {
  try {
    for (const c of chunks(ids)) await pool.query(sql, [c, fromSec, toSec]);
  } catch (err) {
    throw toStoreError(err);
  }
}

/** (Re)computes the 1-minute rows of `ids` for the minutes starting in [fromMinute, toMinute] from FL_DOF_SAMPLE. */
export function recomputeMinutes(pool: Pool, ids: readonly number[], fromMinute: number, toMinute: number): Promise<void> {
  return recompute(pool, MINUTE_FROM_RAW_SQL, ids, fromMinute, toMinute + 59);
}

/** (Re)computes the 1-hour rows of `ids` for the hours starting in [fromHour, toHour] from FL_DOF_SAMPLE_1M. */
export function recomputeHours(pool: Pool, ids: readonly number[], fromHour: number, toHour: number): Promise<void> {
  return recompute(pool, HOUR_FROM_MINUTE_SQL, ids, fromHour, toHour + 3599);
}

/**
 * Repair/backfill: recomputes both rollups of every series for the whole minutes and hours in
 * [fromSec, toSec] from the raw rows (e.g. after a crash lost the minutes that were not due yet,
 * or for raw data loaded by hand). Idempotent; reads every series' raw rows of the range.
 */
export async function rebuildRollups(pool: Pool, fromSec: number, toSec: number): Promise<void> {
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>('SELECT series_id FROM FL_DOF_SERIES ORDER BY series_id');
  } catch (err) {
    throw toStoreError(err);
  }
  const ids = rows.map((r) => Number(r.series_id));
  const m0 = Math.floor(fromSec / 60) * 60;
  const h0 = Math.floor(fromSec / 3600) * 3600;
  await recomputeMinutes(pool, ids, m0, Math.floor(toSec / 60) * 60);
  await recomputeHours(pool, ids, h0, Math.floor(toSec / 3600) * 3600);
}
