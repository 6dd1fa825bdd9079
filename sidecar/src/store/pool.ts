/** Connections to Flamingo's MySQL (or MariaDB) and the errors the store raises. */
import mysql, { type Pool } from 'mysql2/promise';

/** A store failure; `retriable` when waiting and trying again can help (server down, lost connection). */
export class StoreError extends Error {
  readonly retriable: boolean;
  readonly code: string;
  constructor(code: string, message: string, retriable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.retriable = retriable;
  }
}

const RETRIABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);

/** Wraps any mysql2/network error into a StoreError with the right `retriable` flag. */
export function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? 'UNKNOWN';
  return new StoreError(code, e?.message || code, RETRIABLE.has(code) || /timeout|closed state/i.test(e?.message ?? ''), { cause: err });
}

export interface PoolOptions {
  connectionLimit?: number;
  connectTimeoutMs?: number;
}

/** A pool for `mysql://user@host:port/database`; the password comes separately (from an env var). */
export function createPool(url: string, password?: string, opts: PoolOptions = {}): Pool {
  const u = parseMysqlUrl(url);
  return mysql.createPool({
    host: u.host,
    port: u.port,
    user: u.user,
    password: password ?? u.password,
    database: u.database,
    connectionLimit: opts.connectionLimit ?? 4,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    supportBigNumbers: true,
    charset: 'utf8mb4',
    timezone: 'Z',
    enableKeepAlive: true,
  });
}

export interface MysqlUrl {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export function parseMysqlUrl(url: string): MysqlUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StoreError('BAD_URL', `not a MySQL URL: ${url.replace(/:[^:@/]*@/, ':***@')}`, false);
  }
  if (u.protocol !== 'mysql:') throw new StoreError('BAD_URL', 'MySQL URL must start with mysql://', false);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database)) throw new StoreError('BAD_URL', 'MySQL URL must name a database: mysql://user@host:3306/database', false);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
  };
}

/** Creates the database named in the URL when it does not exist (utf8mb4). */
export async function ensureDatabase(url: string, password?: string): Promise<void> {
  const u = parseMysqlUrl(url);
  let conn: mysql.Connection | undefined;
  try {
    conn = await mysql.createConnection({ host: u.host, port: u.port, user: u.user, password: password ?? u.password, connectTimeout: 5000 });
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${u.database}\` CHARACTER SET utf8mb4`);
  } catch (err) {
    throw toStoreError(err);
  } finally {
    await conn?.end().catch(() => undefined);
  }
}
