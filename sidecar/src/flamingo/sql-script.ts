/**
 * The menu SQL files (flamingo-plugin/sql/) and how they are run: split into statements (pure) and
 * executed one by one on ONE connection, so `SET @var` and `START TRANSACTION ... COMMIT` hold and
 * the connection needs no `multipleStatements`. A failing statement rolls the transaction back.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import type { Connection, PoolConnection } from 'mysql2/promise';

export type ScriptConnection = Pick<Connection | PoolConnection, 'query'>;

/**
 * Statements of a SQL script: `--` and `#` comment lines and blank lines dropped, split at a `;`
 * that ends a line (outside quotes). Enough for our own scripts, which hold no procedures.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const line of sql.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (quote === null && (trimmed === '' || trimmed.startsWith('--') || trimmed.startsWith('#'))) continue;
    current += (current ? '\n' : '') + line;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quote !== null) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
    }
    if (quote === null && trimmed.endsWith(';')) {
      const stmt = current.trim().replace(/;$/, '').trim();
      if (stmt) statements.push(stmt);
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** Runs every statement of `sql` in order; on a failure inside a transaction, rolls it back and rethrows. */
export async function runSqlScript(conn: ScriptConnection, sql: string): Promise<number> {
  const statements = splitSqlStatements(sql);
  let inTransaction = false;
  try {
    for (const s of statements) {
      if (/^(START\s+TRANSACTION|BEGIN)\b/i.test(s)) inTransaction = true;
      await conn.query(s);
      if (/^(COMMIT|ROLLBACK)\b/i.test(s)) inTransaction = false;
    }
  } catch (err) {
    if (inTransaction) await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return statements.length;
}

/** flamingo-plugin/sql of the package this file belongs to (nearest folder above holding package.json). */
export function defaultSqlDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return path.join(dir, 'flamingo-plugin', 'sql');
}

export const INSTALL_SQL = 'install-menu.sql';
export const UNINSTALL_SQL = 'uninstall-menu.sql';

export function readSqlScript(sqlDir: string, name: string): string {
  return readFileSync(path.join(sqlDir, name), 'utf8');
}
