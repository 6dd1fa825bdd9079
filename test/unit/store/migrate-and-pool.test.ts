import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { loadMigrations, migrationsDir, splitStatements } from '../../../sidecar/src/store/migrate';
import { isRetriable, parseMysqlUrl, StoreError, toStoreError } from '../../../sidecar/src/store/pool';
import { parseLabels } from '../../../sidecar/src/store/queries';

describe('migrations', () => {
  test('the folder is found from the sources and from a dist/ layout', () => {
    const dir = migrationsDir();
    expect(existsSync(path.join(dir, '001_initial.sql'))).toBe(true);
    const root = path.resolve(dir, '..', '..');
    expect(migrationsDir(path.join(root, 'dist', 'sidecar', 'src', 'store'))).toBe(dir);
  });

  test('statements split on lines holding only ;; and comment-only chunks vanish', () => {
    expect(splitStatements("-- head\nCREATE TABLE a (x INT)\n;;\n-- only a comment\n;;\n  ;;  \nCREATE TABLE b (y INT) COMMENT 'a;;b'\n;;\n")).toEqual([
      'CREATE TABLE a (x INT)',
      "CREATE TABLE b (y INT) COMMENT 'a;;b'",
    ]);
  });

  test('migrations load in version order; every table and column of 001 has a COMMENT and the FL_DOF_ prefix', () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual([...ms.map((m) => m.version)].sort((a, b) => a - b));
    expect(ms[0]?.name).toBe('001_initial');
    const sql = readFileSync(path.join(migrationsDir(), '001_initial.sql'), 'utf8');
    for (const stmt of splitStatements(sql)) {
      expect(stmt).toMatch(/^CREATE TABLE IF NOT EXISTS FL_DOF_[A-Z_]+ \(/);
      expect(stmt).toMatch(/ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='/);
      const columns = stmt.split('\n').filter((l) => /^\s+[a-z_]+\s+[A-Z]/.test(l));
      for (const c of columns) expect(c).toMatch(/COMMENT '/);
    }
  });
});

describe('pool helpers', () => {
  test('URLs: defaults, encoded parts, refusals', () => {
    expect(parseMysqlUrl('mysql://root@127.0.0.1/flamingo2')).toEqual({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: undefined,
      database: 'flamingo2',
    });
    expect(parseMysqlUrl('mysql://u%40x:p%3Aw@db:3307/d')).toMatchObject({ user: 'u@x', password: 'p:w', port: 3307, database: 'd' });
    expect(() => parseMysqlUrl('postgres://x@y/z')).toThrow(StoreError);
    expect(() => parseMysqlUrl('mysql://x@y/')).toThrow(/name a database/);
    expect(() => parseMysqlUrl('mysql://x@y/a`b')).toThrow(StoreError);
  });

  test('connection problems are retriable, SQL problems are not', () => {
    for (const code of ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ER_LOCK_DEADLOCK', 'ER_SERVER_SHUTDOWN'])
      expect(isRetriable({ code })).toBe(true);
    for (const code of ['ER_PARSE_ERROR', 'ER_NO_SUCH_TABLE', 'ER_ACCESS_DENIED_ERROR', 'ER_DUP_ENTRY'])
      expect(isRetriable({ code, message: 'x' })).toBe(false);
    expect(isRetriable({ message: 'connect ETIMEDOUT' })).toBe(true);
    expect(isRetriable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
    const e = toStoreError({ code: 'ER_PARSE_ERROR', message: 'You have an error in your SQL syntax' });
    expect(e).toMatchObject({ name: 'StoreError', code: 'ER_PARSE_ERROR', retriable: false });
    expect(toStoreError(e)).toBe(e);
    expect(toStoreError(undefined)).toMatchObject({ code: 'UNKNOWN', retriable: false });
  });

  test('stored labels JSON is read back defensively', () => {
    expect(parseLabels('{"topic":"a","partition":0}')).toEqual({ topic: 'a', partition: '0' });
    expect(parseLabels('not json')).toEqual({});
    expect(parseLabels('[1]')).toEqual({});
    expect(parseLabels(null)).toEqual({});
  });
});
