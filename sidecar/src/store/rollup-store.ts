/**
 * Writing a batch of raw rows together with its 1-minute and 1-hour rollups, in ONE transaction.
 *
 * Why one transaction: the rollup upsert adds (sum += , cnt += ), so it is not idempotent. If the
 * raw INSERT and the upserts could commit separately, a batch retried after a failure (MySQL went
 * away half-way) would be counted twice. Together, a failed batch leaves nothing behind and the
 * retry writes it once. The one case a transaction cannot tell — COMMIT succeeded but the answer
 * was lost, so the writer retries a batch that is already stored — is caught by `INSERT IGNORE`'s
 * affected-row count: when it is lower than the batch (some rows were already there), the
 * transaction is rolled back and redone with only the rows that are not stored yet, and only those
 * are folded into the rollups. Rows of one batch are deduplicated first (first value wins, as
 * `INSERT IGNORE` keeps it), so a duplicate sample never reaches the rollups either.
 *
 * A rollup failure that waiting will not cure (a rollup table missing, no privilege) does not
 * lose the raw rows: the failed upsert statement is undone on its own, the raw INSERT is
 * committed, and the result says the rollups were skipped (the writer logs it). A retriable
 * failure (connection lost, deadlock) rolls everything back and the writer retries the batch.
 *
 * Upsert (portable: MySQL 5.7/8.0, MariaDB 10.x; `VALUES(col)` is deprecated but still accepted
 * on MySQL 8.0.20+, and the only syntax MariaDB has). Assignments run left to right and see the
 * columns already updated, so `last` must be set before `last_ts`.
 */
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { StoreError, toStoreError } from './pool';
import { firstPerKey, foldRollups } from './rollup-fold';
import type { SampleRow } from './sample-rows';

/** The rollup tables and their bucket width. */
export const ROLLUP_TABLES = [
  { table: 'FL_DOF_SAMPLE_1M', bucketSec: 60 },
  { table: 'FL_DOF_SAMPLE_1H', bucketSec: 3600 },
] as const;

const INSERT_RAW = 'INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?';

/** Pure: the upsert of rollup rows into `table`. */
export function rollupUpsertSql(table: string): string {
  return `INSERT INTO ${table} (series_id, ts, min, max, sum, cnt, last, last_ts) VALUES ?
    ON DUPLICATE KEY UPDATE min = LEAST(min, VALUES(min)), max = GREATEST(max, VALUES(max)),
      sum = sum + VALUES(sum), cnt = cnt + VALUES(cnt),
      last = IF(VALUES(last_ts) >= last_ts, VALUES(last), last), last_ts = GREATEST(last_ts, VALUES(last_ts))`;
}

type Queryable = Pick<Pool, 'query'> | Pick<PoolConnection, 'query'>;

/** Folds `rows` (raw rows newly stored) into both rollup tables. Returns the rollup rows sent. */
export async function upsertRollups(db: Queryable, rows: readonly SampleRow[]): Promise<number> {
  let sent = 0;
  for (const { table, bucketSec } of ROLLUP_TABLES) {
    const folded = foldRollups(rows, bucketSec);
    if (folded.length > 0) await db.query(rollupUpsertSql(table), [folded]);
    sent += folded.length;
  }
  return sent;
}

/** What {@link writeBatch} did. */
export interface BatchResult {
  /** Raw rows newly stored (rows already there and duplicates are not counted). */
  inserted: number;
  /** written: rollups updated in the same transaction; off: not asked for; failed: raw committed without them (see error). */
  rollups: 'written' | 'off' | 'failed';
  /** Why the rollups failed (never retriable: retriable failures throw). */
  rollupError?: StoreError;
}

/**
 * Stores `rows` (sorted by series_id, ts, as sampleRows gives them) in FL_DOF_SAMPLE and, when
 * `withRollups`, folds the rows actually stored into FL_DOF_SAMPLE_1M/_1H, all in one
 * transaction. Throws a StoreError when nothing was committed (retriable ones: try again later).
 */
export async function writeBatch(pool: Pool, rows: readonly SampleRow[], withRollups: boolean): Promise<BatchResult> {
  const unique = firstPerKey(rows);
  if (unique.length === 0) return { inserted: 0, rollups: withRollups ? 'written' : 'off' };
  if (!withRollups) {
    const [res] = await pool.query<ResultSetHeader>(INSERT_RAW, [unique]);
    return { inserted: res.affectedRows, rollups: 'off' };
  }
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    try {
      const [res] = await conn.query<ResultSetHeader>(INSERT_RAW, [unique]);
      let fresh = unique;
      if (res.affectedRows !== unique.length) {
        // some rows were stored before (a batch retried after a lost COMMIT answer): start again with only the new ones
        await conn.query('ROLLBACK');
        await conn.query('START TRANSACTION');
        fresh = await notYetStored(conn, unique);
        if (fresh.length > 0) await conn.query(INSERT_RAW, [fresh]);
      }
      let rollupError: StoreError | undefined;
      try {
        await upsertRollups(conn, fresh);
      } catch (err) {
        rollupError = toStoreError(err);
        if (rollupError.retriable) throw rollupError;
      }
      await conn.query('COMMIT');
      return { inserted: fresh.length, rollups: rollupError ? 'failed' : 'written', ...(rollupError ? { rollupError } : {}) };
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    throw toStoreError(err);
  } finally {
    conn.release();
  }
}

/** The rows of `rows` (sorted) whose (series_id, ts) is not in FL_DOF_SAMPLE: one PRIMARY range read over the batch's series and times. */
async function notYetStored(conn: PoolConnection, rows: readonly SampleRow[]): Promise<SampleRow[]> {
  const ids = [...new Set(rows.map((r) => r[0]))];
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r[1]);
    hi = Math.max(hi, r[1]);
  }
  const [stored] = await conn.query<RowDataPacket[]>('SELECT series_id, ts FROM FL_DOF_SAMPLE WHERE series_id IN (?) AND ts BETWEEN ? AND ?', [ids, lo, hi]);
  const have = new Set(stored.map((s) => `${Number(s.series_id)}:${Number(s.ts)}`));
  return rows.filter((r) => !have.has(`${r[0]}:${r[1]}`));
}
