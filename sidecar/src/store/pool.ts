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

/**
 * The session `sql_mode` of every connection. Queries are built with mysql2's client-side escaping,
 * which writes a quote inside a string as `\\'`: under a server default with `NO_BACKSLASH_ESCAPES`
 * (or `ANSI_QUOTES`) a label or message could end its string early. So the mode is not left to the
 * server: strict for transactional tables, no zero dates, no silent engine substitution — the
 * strictness MySQL 5.7/8.0 and MariaDB 10.11 have by default, without MySQL's `ONLY_FULL_GROUP_BY`
 * (MariaDB's form of it rejects grouped queries MySQL's accepts).
 */
export const SESSION_SQL_MODE = 'STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

/** Tuning of {@link createPool}. */
export interface PoolOptions {
  /** Connections kept at most (default 4: one flush loop, status writes, rules). */
  connectionLimit?: number;
  /** TCP connect timeout, ms (default 5000). */
  connectTimeoutMs?: number;
  /**
   * Longest a query may run, ms, unless it names its own `timeout`; a query over it fails with a
   * retriable PROTOCOL_SEQUENCE_TIMEOUT and its connection is closed (a silently dropped connection
   * would otherwise hold the caller until the kernel gives up on it, 15 minutes or more). Default: none.
   */
  queryTimeoutMs?: number;
  /** Idle time before TCP keepalive probes start on a connection, ms (default 30000). */
  keepAliveInitialDelayMs?: number;
  /** Run on every new connection before its first query (tests simulate a server's default session with it). */
  beforeSessionPin?: string;
}

/** The parts of a mysql2 connection the session hook uses (mysql2 types do not declare them). */
interface RawConnection {
  query(sql: string, cb: (err: Error | null) => void): unknown;
  addCommand(cmd: RawCommand): unknown;
  stream?: { destroy(err?: Error): void };
}
interface RawCommand {
  timeout?: number;
  onResult?: (err: (Error & { code?: string }) | null, ...rest: unknown[]) => void;
  constructor: { name: string };
}

/**
 * Prepares every new connection of `pool`, in the order mysql2 runs its commands: the session pin
 * is queued before the query that asked for the connection. A query that runs out of time fails
 * its connection as a network error would: every command still queued on it fails too, and the
 * pool drops it. A failed pin does the same, so nothing runs on an unpinned session.
 */
function prepareConnections(pool: Pool, opts: PoolOptions): void {
  const timeoutMs = opts.queryTimeoutMs;
  pool.on('connection', (c) => {
    const conn = c as unknown as RawConnection;
    const fail = (err: Error): void => conn.stream?.destroy(err);
    if (timeoutMs) {
      const add = conn.addCommand.bind(conn);
      conn.addCommand = (cmd) => {
        if (cmd.constructor.name === 'Query' || cmd.constructor.name === 'Execute') {
          cmd.timeout ??= timeoutMs;
          const onResult = cmd.onResult;
          if (onResult)
            cmd.onResult = (err, ...rest) => {
              onResult(err, ...rest);
              if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') fail(err);
            };
        }
        return add(cmd);
      };
    }
    const pinned = (err: Error | null): void => {
      if (err) fail(new StoreError('SESSION_PIN', `could not set the session sql_mode: ${err.message}`, true, { cause: err }));
    };
    if (opts.beforeSessionPin) conn.query(opts.beforeSessionPin, (err) => err && fail(err));
    conn.query(`SET SESSION sql_mode = '${SESSION_SQL_MODE}'`, pinned);
  });
}

/**
 * A pool for `mysql://user@host:port/database`; the password comes separately (from an env
 * var, never from the config file), falling back to one embedded in the URL.
 * DATETIME/TIMESTAMP come back as Date (dateStrings off), big integers as strings when they
 * do not fit a double (supportBigNumbers). Every connection has the session `sql_mode`
 * {@link SESSION_SQL_MODE}, TCP keepalive and, when given, a query timeout.
 * Throws a non-retriable StoreError for a malformed URL.
 */
export function createPool(url: string, password?: string, opts: PoolOptions = {}): Pool {
  const u = parseMysqlUrl(url);
  const pool = mysql.createPool({
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
    keepAliveInitialDelay: opts.keepAliveInitialDelayMs ?? 30_000,
  });
  prepareConnections(pool, opts);
  return pool;
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
