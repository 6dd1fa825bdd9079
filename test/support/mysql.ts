/** A fresh, uniquely named database per test file on the MySQL/MariaDB of the test run. */
import crypto from 'crypto';
import mysql, { type Pool } from 'mysql2/promise';
import { createPool } from '../../sidecar/src/store/mysql-pool';

export interface FreshDatabase {
  url: string;
  name: string;
  pool: Pool;
  drop(): Promise<void>;
}

export function baseMysqlUrl(): URL {
  return new URL(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo_test');
}

export async function freshDatabase(suffix: string): Promise<FreshDatabase> {
  const base = baseMysqlUrl();
  const name = `dft_${suffix.replace(/[^a-z0-9_]/gi, '_')}_${Date.now().toString(36)}_${crypto.randomBytes(2).toString('hex')}`;
  const server = { host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username || 'root'), password: base.password ? decodeURIComponent(base.password) : undefined };
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const url = `mysql://${base.username ? base.username + (base.password ? ':' + base.password : '') + '@' : ''}${base.host}/${name}`;
  const pool = createPool(url);
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const c = await mysql.createConnection(server);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
