/**
 * A fresh, uniquely named database per test file on the MySQL/MariaDB of the test run.
 * Server and base name come from DOFLAMINGO_MYSQL_URL (default mysql://root@127.0.0.1:3306/doflamingo_test);
 * the database is `<base>_<suffix>_<random>` and `drop()` removes it.
 */
import crypto from 'crypto';
import mysql, { type Pool } from 'mysql2/promise';
import { createPool, parseMysqlUrl } from '../../sidecar/src/store/pool';

export interface FreshDatabase {
  /** mysql:// URL of the new database. */
  url: string;
  /** Its name. */
  name: string;
  /** A pool on it (closed by `drop()`). */
  pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** The test server's URL (env DOFLAMINGO_MYSQL_URL or the local default). */
export function baseMysqlUrl(): URL {
  return new URL(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo_test');
}

/** Pure: `<base>_<suffix>_<random>`, cut to MySQL's 64 characters, only [A-Za-z0-9_]. */
export function freshDatabaseName(base: string, suffix: string, random: string): string {
  const clean = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');
  const tail = `_${clean(random)}`;
  return `${clean(base)}_${clean(suffix)}`.slice(0, 64 - tail.length) + tail;
}

export async function freshDatabase(suffix: string): Promise<FreshDatabase> {
  const base = baseMysqlUrl();
  const u = parseMysqlUrl(base.toString());
  const name = freshDatabaseName(u.database, suffix, `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`);
  const server = { host: u.host, port: u.port, user: u.user, password: u.password };
  const admin = await mysql.createConnection(server);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await admin.end();
  }
  const url = `mysql://${base.username ? base.username + (base.password ? ':' + base.password : '') + '@' : ''}${base.host}/${name}`;
  const pool = createPool(url);
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const c = await mysql.createConnection(server);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
