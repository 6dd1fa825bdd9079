/**
 * Online compaction of closed days of FL_DOF_SAMPLE on the real MariaDB (fresh database): the
 * day's rows are the same afterwards and take less space, each day is compacted once, today is
 * left alone, rows written into the day while it is being compacted are all there afterwards,
 * a second sidecar holding the lock makes it step aside, and a staging table a crash left behind
 * does not get in the way.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { migrate } from '../../sidecar/src/store/migrate';
import { compactClosedDays, compactDay } from '../../sidecar/src/store/partition-compaction';
import { extendPartitionsBack, partitionName } from '../../sidecar/src/store/partitions';
import { freshDatabase, type FreshDatabase } from '../support/mysql';
import { silentLogger } from '../../sidecar/src/log/logger';

const DAY = 86400;
const NOW = Math.floor(Date.now() / 1000);
const TODAY = Math.floor(NOW / DAY) * DAY;
const SERIES = 200;
const TICKS = 600;

let db: FreshDatabase;

async function one(sql: string, values: unknown[] = []): Promise<number> {
  const [r] = await db.pool.query<RowDataPacket[]>(sql, values);
  return Number(Object.values(r[0] ?? {})[0] ?? 0);
}

/** The day's rows, time-major as the writer sends them (so the live pages are loosely filled). */
async function fillDay(dayStart: number, valueOf: (s: number, k: number) => number): Promise<void> {
  for (let k = 0; k < TICKS; k += 50) {
    const rows: [number, number, number][] = [];
    for (let kk = k; kk < k + 50; kk++) for (let s = 1; s <= SERIES; s++) rows.push([s, dayStart + 60 + kk * 10, valueOf(s, kk)]);
    await db.pool.query('INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?', [rows]);
  }
}

/** Order-independent fingerprint of a day's rows. */
async function fingerprint(p: string): Promise<string> {
  const [r] = await db.pool.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n, SUM(CRC32(CONCAT(series_id, ':', ts, ':', value))) AS h, SUM(value) AS v FROM FL_DOF_SAMPLE PARTITION (${p})`,
  );
  return `${String(r[0]?.n)}/${String(r[0]?.h)}/${String(r[0]?.v)}`;
}

beforeAll(async () => {
  db = await freshDatabase('compaction');
  await migrate(db.pool, silentLogger);
  await extendPartitionsBack(db.pool, TODAY - 4 * DAY);
  await fillDay(TODAY - 2 * DAY, (s, k) => s * 1000 + k + 0.25);
  await fillDay(TODAY - DAY, (s, k) => s * 7 + k * 0.5);
  await fillDay(TODAY, (s, k) => s + k);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

test('closed days are compacted once, with the same rows in less space; today is left alone', async () => {
  const twoAgo = partitionName(TODAY - 2 * DAY);
  const yesterday = partitionName(TODAY - DAY);
  const today = partitionName(TODAY);
  const before = { twoAgo: await fingerprint(twoAgo), yesterday: await fingerprint(yesterday), today: await fingerprint(today) };
  expect(before.twoAgo.startsWith(`${SERIES * TICKS}/`)).toBe(true);

  const done = await compactClosedDays(db.pool, NOW, { minAgeSec: 0 });
  const byName = new Map(done.map((r) => [r.partition, r]));
  expect(byName.get(twoAgo)).toMatchObject({ outcome: 'compacted', rows: SERIES * TICKS, rowsCopiedBack: 0 });
  expect(byName.get(yesterday)).toMatchObject({ outcome: 'compacted', rows: SERIES * TICKS });
  expect(byName.has(today)).toBe(false);
  expect(byName.get(twoAgo)!.bytesAfter).toBeLessThan(byName.get(twoAgo)!.bytesBefore);

  expect(await fingerprint(twoAgo)).toBe(before.twoAgo);
  expect(await fingerprint(yesterday)).toBe(before.yesterday);
  expect(await fingerprint(today)).toBe(before.today);
  // still one partitioned table with the same partitions, the staging table gone
  expect(await one("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE_COMPACTING'")).toBe(0);
  expect(await one(`SELECT COUNT(*) FROM FL_DOF_SAMPLE WHERE series_id = 7 AND ts BETWEEN ? AND ?`, [TODAY - 2 * DAY, TODAY - DAY - 1])).toBe(TICKS);

  const logged = await one('SELECT COUNT(*) FROM FL_DOF_PARTITION_COMPACTION WHERE table_name = ? AND partition_name IN (?, ?) AND row_count = ?', [
    'FL_DOF_SAMPLE',
    twoAgo,
    yesterday,
    SERIES * TICKS,
  ]);
  expect(logged).toBe(2);
  expect(await compactClosedDays(db.pool, NOW, { minAgeSec: 0 })).toEqual([]);
}, 120_000);

test('a day that ended less than minAgeSec ago waits', async () => {
  const later = await compactClosedDays(db.pool, TODAY + 1800, { minAgeSec: 3600 });
  expect(later.map((r) => r.partition)).not.toContain(partitionName(TODAY));
});

test('rows written into a day while it is compacted are all kept', async () => {
  const day = TODAY - 3 * DAY;
  const p = partitionName(day);
  await fillDay(day, (s, k) => s - k);
  const written: number[] = [];
  let stop = false;
  const lateWriter = (async () => {
    // late rows of that day (a writer catching up after an outage), one INSERT at a time
    for (let i = 0; !stop && i < 100_000; i++) {
      const ts = day + 60 + TICKS * 10 + i;
      await db.pool.query('INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES (?, ?, ?)', [1, ts, i]);
      written.push(ts);
    }
  })();
  const conn = await db.pool.getConnection();
  const results = [];
  try {
    for (let round = 0; round < 3; round++) results.push(await compactDay(conn, p));
  } finally {
    conn.release();
    stop = true;
    await lateWriter;
  }
  expect(written.length).toBeGreaterThan(0);
  expect(results.every((r) => r.outcome === 'compacted' || r.outcome === 'changed')).toBe(true);
  expect(await one(`SELECT COUNT(*) FROM FL_DOF_SAMPLE PARTITION (${p})`)).toBe(SERIES * TICKS + written.length);
  const missing = await one(`SELECT COUNT(*) FROM FL_DOF_SAMPLE WHERE series_id = 1 AND ts BETWEEN ? AND ?`, [written[0], written[written.length - 1]]);
  expect(missing).toBe(written.length);
}, 120_000);

test('a row written between the last count and the swap is copied back after it', async () => {
  const day = TODAY - 3 * DAY;
  const p = partitionName(day);
  const before = await one(`SELECT COUNT(*) FROM FL_DOF_SAMPLE PARTITION (${p})`);
  const conn = await db.pool.getConnection();
  try {
    const r = await compactDay(conn, p, {
      beforeSwap: async () => void (await db.pool.query('INSERT INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES (?, ?, ?)', [999, day + 5, 42.5])),
    });
    expect(r).toMatchObject({ outcome: 'compacted', rowsCopiedBack: 1, rows: before + 1 });
  } finally {
    conn.release();
  }
  expect(await one('SELECT value FROM FL_DOF_SAMPLE WHERE series_id = 999 AND ts = ?', [day + 5])).toBe(42.5);
}, 120_000);

test('another sidecar holding the lock: nothing is done now; a leftover staging table is replaced', async () => {
  const day = TODAY - 4 * DAY;
  await fillDay(day, (s, k) => s * k);
  const other = await db.pool.getConnection();
  try {
    expect(await other.query('SELECT GET_LOCK(?, 0)', ['doflamingo.compact.FL_DOF_SAMPLE'])).toBeTruthy();
    expect(await compactClosedDays(db.pool, NOW, { minAgeSec: 0 })).toEqual([]);
  } finally {
    await other.query('SELECT RELEASE_LOCK(?)', ['doflamingo.compact.FL_DOF_SAMPLE']);
    other.release();
  }
  // compacted while still empty by the first test: make it a day not compacted yet
  await db.pool.query('DELETE FROM FL_DOF_PARTITION_COMPACTION WHERE partition_name = ?', [partitionName(day)]);
  await db.pool.query('CREATE TABLE FL_DOF_SAMPLE_COMPACTING (x INT)');
  const before = await fingerprint(partitionName(day));
  const done = await compactClosedDays(db.pool, NOW, { minAgeSec: 0 });
  expect(done.find((r) => r.partition === partitionName(day))).toMatchObject({ outcome: 'compacted', rows: SERIES * TICKS });
  expect(await fingerprint(partitionName(day))).toBe(before);
}, 120_000);
