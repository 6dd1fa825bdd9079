/**
 * Flamingo's database as the installer sees it: the two menu rows Doflamingo owns, the read-only
 * checks made before anything changes, and how a connection is obtained (pool or URL).
 */
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { parseMysqlUrl } from '../store/pool';
import type { ScriptConnection } from './sql-script';

/** The menu rows of flamingo-plugin/sql/install-menu.sql (keep both in step). */
export const MENU_ITEMS = [
  { id: 'MN001901', ns: 'monitoring.kafka.Kafka' },
  { id: 'MN001902', ns: 'monitoring.zookeeper.ZooKeeper' },
] as const;
export const MONITORING_MENU_ID = 'MN001';

/** Flamingo's database: an open pool, or a `mysql://user[:password]@host:port/flamingo2` URL. */
export type FlamingoDb = Pool | string;

/** Runs `fn` on one connection: taken from the pool (and released) or opened from the URL (and closed). */
export async function withConnection<T>(db: FlamingoDb, fn: (conn: ScriptConnection) => Promise<T>): Promise<T> {
  if (typeof db === 'string') {
    const u = parseMysqlUrl(db);
    const conn = await mysql.createConnection({
      host: u.host,
      port: u.port,
      user: u.user,
      password: u.password,
      database: u.database,
      charset: 'utf8mb4',
      connectTimeout: 5000,
    });
    try {
      return await fn(conn);
    } finally {
      await conn.end().catch(() => undefined);
    }
  }
  const conn = await db.getConnection();
  try {
    return await fn(conn);
  } finally {
    conn.release();
  }
}

/** Everything that would stop install-menu.sql from doing its job; empty when the database is fine. */
export async function checkFlamingoDatabase(conn: ScriptConnection): Promise<string[]> {
  const [tables] = await conn.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('FL_COMM_MENU', 'FL_ADMIN_MENU_AUTH')",
  );
  const have = new Set(tables.map((r) => String(r.t).toUpperCase()));
  const missing = ['FL_COMM_MENU', 'FL_ADMIN_MENU_AUTH'].filter((t) => !have.has(t));
  if (missing.length) return [`the database has no ${missing.join(' / ')} table: is this Flamingo 2's database?`];
  const problems: string[] = [];
  const [parent] = await conn.query<RowDataPacket[]>('SELECT PRNTS_MENU_ID AS p FROM FL_COMM_MENU WHERE MENU_ID = ?', [MONITORING_MENU_ID]);
  if (parent.length === 0) problems.push(`FL_COMM_MENU has no Monitoring menu (${MONITORING_MENU_ID}) to add Kafka and ZooKeeper under`);
  else if (parent[0]?.p !== 'TOP') problems.push(`FL_COMM_MENU row ${MONITORING_MENU_ID} is not a top-level menu (PRNTS_MENU_ID = '${String(parent[0]?.p)}')`);
  const [rows] = await conn.query<RowDataPacket[]>('SELECT MENU_ID AS id, MENU_NS AS ns FROM FL_COMM_MENU WHERE MENU_ID IN (?) OR MENU_NS IN (?)', [
    MENU_ITEMS.map((m) => m.id),
    MENU_ITEMS.map((m) => m.ns),
  ]);
  for (const item of MENU_ITEMS) {
    for (const r of rows) {
      if (r.id === item.id && r.ns !== item.ns) problems.push(`menu id ${item.id} is already used by another menu (MENU_NS '${String(r.ns)}')`);
      if (r.ns === item.ns && r.id !== item.id)
        problems.push(`a menu opening ${item.ns} already exists as ${String(r.id)}: Doflamingo is registered by hand; remove that row first`);
    }
  }
  return problems;
}

/** Doflamingo's FL_COMM_MENU rows and FL_ADMIN_MENU_AUTH rows as they are now. */
export async function countMenuRows(conn: ScriptConnection): Promise<{ menus: number; auth: number }> {
  const ids = MENU_ITEMS.map((m) => m.id);
  const [m] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_COMM_MENU WHERE MENU_ID IN (?)', [ids]);
  const [a] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID IN (?)', [ids]);
  return { menus: Number(m[0]?.n ?? 0), auth: Number(a[0]?.n ?? 0) };
}
