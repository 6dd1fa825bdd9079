/**
 * Connections to Flamingo's MySQL (or MariaDB) and the errors the store raises.
 * Works on MySQL 5.7 / 8.0 and MariaDB 10.x through mysql2/promise.
 */
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

/** mysql2 / Node error codes after which waiting and trying again can succeed. */
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

/**
 * Pure: whether an error from mysql2 (or the network under it) is worth retrying.
 * Connection refused/lost/reset, timeouts, deadlocks and a server shutting down are;
 * SQL syntax, access denied, unknown database/table and bad values are not.
 */
export function isRetriable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; fatal?: unknown } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (RETRIABLE.has(code)) return true;
  if (code.startsWith('ER_') && code !== 'ER_CLIENT_INTERACTION_TIMEOUT') return false;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /timed? ?out|closed state|connection lost/i.test(message) || (e?.fatal === true && code === '');
}

/** Wraps any mysql2/network error into a StoreError with the right `retriable` flag (a StoreError is returned as is). */
export function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: unknown; message?: unknown } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : 'UNKNOWN';
  const message = typeof e?.message === 'string' && e.message ? e.message : code;
  return new StoreError(code, message, isRetriable(err), { cause: err });
}

/** Tuning of {@link createPool}. */
export interface PoolOptions {
  /** Connections kept at most (default 4: one flush loop, status writes, API reads). */
  connectionLimit?: number;
  /** TCP connect timeout, ms (default 5000). */
  connectTimeoutMs?: number;
}

/**
 * A pool for `mysql://user@host:port/database`; the password comes separately (from an env
 * var, never from the config file), falling back to one embedded in the URL.
 * DATETIME/TIMESTAMP come back as Date (dateStrings off), big integers as strings when they
 * do not fit a double (supportBigNumbers), the session time zone is UTC.
 * Throws a non-retriable StoreError for a malformed URL.
 */
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
    dateStrings: false,
    waitForConnections: true,
    queueLimit: 0,
    charset: 'utf8mb4',
    timezone: 'Z',
    enableKeepAlive: true,
  });
}

/** The parts of a `mysql://` URL. */
export interface MysqlUrl {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

/** Pure: parses `mysql://user[:password]@host[:port]/database`; throws a non-retriable StoreError otherwise. */
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

/** Creates the database named in the URL when it does not exist (utf8mb4). Errors become StoreError. */
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
