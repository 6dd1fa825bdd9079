/**
 * Compaction of closed days of FL_DOF_SAMPLE, online.
 *
 * Samples arrive time-major but the primary key is (series_id, ts), so the pages of a day written
 * live end up ~85 % full (a day at 10 s: ~45 bytes per sample on MariaDB 10.11). A closed day
 * copied in key order fills its pages (~38 bytes per sample). `REBUILD PARTITION` would do the same
 * but blocks every write to the table while it runs; instead the day is copied into a staging table
 * in key order (the live table keeps taking writes), and the staging table is swapped in with
 * `EXCHANGE PARTITION` (a metadata change: writes wait milliseconds). Late rows that reach the day
 * while it is copied (a writer catching up after a MySQL outage) are never lost: the copy is
 * re-counted before the swap, and the replaced rows are re-checked after it and any row missing
 * from the new partition is copied back. Raw rows are only ever inserted (INSERT IGNORE), never
 * updated, which is what makes counting enough.
 *
 * Each compacted day is recorded in FL_DOF_PARTITION_COMPACTION, so it is done once. Two sidecars on
 * one database take turns through a named lock.
 */
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { partitionBound, partitionNames, SAMPLE_TABLE } from './partitions';

const STAGING = 'FL_DOF_SAMPLE_COMPACTING';
const LOCK = 'doflamingo.compact.FL_DOF_SAMPLE';

/** What happened to one day. */
export interface CompactionResult {
  partition: string;
  /** compacted: swapped in; changed: rows kept arriving while copying, left for the next run. */
  outcome: 'compacted' | 'changed';
  rows: number;
  bytesBefore: number;
  bytesAfter: number;
  tookMs: number;
  /** Rows that reached the day between the last count and the swap, copied back after it. */
  rowsCopiedBack: number;
}

/**
 * Pure: the daily partitions to compact — days that ended at least `minAgeSec` before `nowSec`
 * and were not compacted yet, oldest first.
 */
export function compactionCandidates(existing: string[], done: ReadonlySet<string>, nowSec: number, minAgeSec: number): string[] {
  return existing.filter((n) => /^p\d{8}$/.test(n) && !done.has(n) && partitionBound(n) + minAgeSec <= nowSec);
}

/** Days of FL_DOF_SAMPLE already compacted (FL_DOF_PARTITION_COMPACTION). */
export async function compactedPartitions(pool: Pool): Promise<Set<string>> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT partition_name AS p FROM FL_DOF_PARTITION_COMPACTION WHERE table_name = ?', [SAMPLE_TABLE.name]);
  return new Set(rows.map((r) => String(r.p)));
}

async function one(conn: PoolConnection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(sql, params);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

function checkedName(name: string): string {
  if (!/^p\d{8}$/.test(name)) throw new Error(`not a daily partition name: ${name}`);
  return name;
}

async function partitionBytes(conn: PoolConnection, name: string): Promise<number> {
  await conn.query(`ALTER TABLE FL_DOF_SAMPLE ANALYZE PARTITION ${name}`);
  return one(
    conn,
    `SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.PARTITIONS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE' AND PARTITION_NAME = ?`,
    [name],
  );
}

/**
 * Compacts one closed day (see the file comment). The caller holds the lock. Throws mysql2 errors;
 * the staging table is dropped whatever happens. `hooks.beforeSwap` runs between the last count and
 * the swap (tests use it to write a row in that window).
 */
export async function compactDay(conn: PoolConnection, partition: string, hooks: { beforeSwap?: () => Promise<void> } = {}): Promise<CompactionResult> {
  const p = checkedName(partition);
  const started = Date.now();
  const bytesBefore = await partitionBytes(conn, p);
  await conn.query(`DROP TABLE IF EXISTS ${STAGING}`);
  try {
    await conn.query(`CREATE TABLE ${STAGING} LIKE FL_DOF_SAMPLE`);
    await conn.query(`ALTER TABLE ${STAGING} REMOVE PARTITIONING`);
    await conn.query(`INSERT INTO ${STAGING} (series_id, ts, value) SELECT series_id, ts, value FROM FL_DOF_SAMPLE PARTITION (${p}) ORDER BY series_id, ts`);
    const copied = await one(conn, `SELECT COUNT(*) FROM ${STAGING}`);
    const live = await one(conn, `SELECT COUNT(*) FROM FL_DOF_SAMPLE PARTITION (${p})`);
    if (live !== copied) {
      return { partition: p, outcome: 'changed', rows: live, bytesBefore, bytesAfter: bytesBefore, tookMs: Date.now() - started, rowsCopiedBack: 0 };
    }
    await hooks.beforeSwap?.();
    await conn.query(`ALTER TABLE FL_DOF_SAMPLE EXCHANGE PARTITION ${p} WITH TABLE ${STAGING}`);
    // STAGING now holds the day as it was just before the swap: anything the copy lacks goes back.
    let rowsCopiedBack = 0;
    const replaced = await one(conn, `SELECT COUNT(*) FROM ${STAGING}`);
    if (replaced !== copied) {
      const [res] = await conn.query(`INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) SELECT series_id, ts, value FROM ${STAGING}`);
      rowsCopiedBack = (res as { affectedRows?: number }).affectedRows ?? 0;
    }
    const rows = await one(conn, `SELECT COUNT(*) FROM FL_DOF_SAMPLE PARTITION (${p})`);
    const bytesAfter = await partitionBytes(conn, p);
    const tookMs = Date.now() - started;
    await conn.query(
      `INSERT INTO FL_DOF_PARTITION_COMPACTION (table_name, partition_name, row_count, bytes_before, bytes_after, took_ms)
       VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE row_count = VALUES(row_count), bytes_before = VALUES(bytes_before), bytes_after = VALUES(bytes_after), took_ms = VALUES(took_ms), compacted_at = CURRENT_TIMESTAMP`,
      [SAMPLE_TABLE.name, p, rows, bytesBefore, bytesAfter, tookMs],
    );
    return { partition: p, outcome: 'compacted', rows, bytesBefore, bytesAfter, tookMs, rowsCopiedBack };
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${STAGING}`).catch(() => undefined);
  }
}

/**
 * Compacts every closed day of FL_DOF_SAMPLE not compacted yet that ended at least `minAgeSec`
 * ago (default one hour, so the last samples of the day have landed), oldest first, at most
 * `maxDays` per call. Returns [] without waiting when another sidecar is compacting.
 */
export async function compactClosedDays(pool: Pool, nowSec: number, opts: { minAgeSec?: number; maxDays?: number } = {}): Promise<CompactionResult[]> {
  const minAgeSec = opts.minAgeSec ?? 3600;
  const maxDays = opts.maxDays ?? 7;
  const todo = compactionCandidates(await partitionNames(pool, SAMPLE_TABLE), await compactedPartitions(pool), nowSec, minAgeSec).slice(0, maxDays);
  if (todo.length === 0) return [];
  const conn = await pool.getConnection();
  try {
    if ((await one(conn, 'SELECT GET_LOCK(?, 0)', [LOCK])) !== 1) return [];
    try {
      const out: CompactionResult[] = [];
      for (const p of todo) out.push(await compactDay(conn, p));
      return out;
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [LOCK]);
    }
  } finally {
    conn.release();
  }
}
