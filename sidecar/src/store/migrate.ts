/**
 * Versioned migrations: sql/migrations/NNN_name.sql applied in order, each recorded in
 * FL_DOF_SCHEMA_VERSION. Idempotent; a named lock keeps two sidecars from migrating at once.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import { StoreError, toStoreError } from './pool';
import { ensureAllPartitions } from './partitions';

/** One file of sql/migrations, split into statements. */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Schema version before and after, and the migrations applied now (empty when already up to date). */
export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
}

/** Folder of the migration files, found from this file both in sources and in dist/. */
export function migrationsDir(from = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'sql', 'migrations');
    if (existsSync(candidate) && existsSync(path.join(dir, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new StoreError('NO_MIGRATIONS', `sql/migrations not found above ${from}`, false);
    dir = up;
  }
}

/** Pure: splits a migration file on lines holding only `;;`, dropping comment-only chunks. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/^\s*;;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/** Reads `NNN_name.sql` files of `dir` in version order. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), statements: splitStatements(readFileSync(path.join(dir, f), 'utf8')) }));
}

const LOCK = 'doflamingo_migrate';

/** Days of daily partitions created around "now" by {@link migrate}. */
export const MIGRATE_DAYS_BACK = 3;
export const MIGRATE_DAYS_AHEAD = 3;

/**
 * Brings the schema up to date: applies every migration newer than MAX(version) of
 * FL_DOF_SCHEMA_VERSION, in order, recording each; then makes sure FL_DOF_SAMPLE (and its rollups,
 * partitions.ts PARTITIONED_TABLES) have partitions from {@link MIGRATE_DAYS_BACK} days back to {@link MIGRATE_DAYS_AHEAD} days ahead
 * (partition bounds are dates, which a static SQL file cannot know). Idempotent: a second run
 * applies nothing. `GET_LOCK('doflamingo_migrate')` serialises sidecars migrating the same
 * server (waits up to 60 s, then fails with a retriable StoreError). Errors become StoreError.
 * Note: MySQL commits DDL implicitly, so a migration failing half-way is not rolled back; its
 * statements are written `IF NOT EXISTS` so running it again completes it.
 */
export async function migrate(pool: Pool, log: Logger, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  let conn: PoolConnection | undefined;
  try {
    conn = await pool.getConnection();
    const [lock] = await conn.query<RowDataPacket[]>('SELECT GET_LOCK(?, 60) AS got', [LOCK]);
    if (Number(lock[0]?.got) !== 1) throw new StoreError('LOCKED', 'another process is migrating this database (lock not acquired in 60 s)', true);
    try {
      await conn.query(
        `CREATE TABLE IF NOT EXISTS FL_DOF_SCHEMA_VERSION (
           version INT NOT NULL COMMENT 'Migration number (sql/migrations/NNN_*.sql)',
           name VARCHAR(100) NOT NULL COMMENT 'Migration file name',
           applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'When it was applied',
           PRIMARY KEY (version)
         ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Schema migrations applied by doflamingo migrate'`,
      );
      const [rows] = await conn.query<RowDataPacket[]>('SELECT COALESCE(MAX(version), 0) AS v FROM FL_DOF_SCHEMA_VERSION');
      const from = Number(rows[0]?.v ?? 0);
      const applied: string[] = [];
      for (const m of migrations.filter((x) => x.version > from)) {
        for (const s of m.statements) await conn.query(s);
        await conn.query('INSERT INTO FL_DOF_SCHEMA_VERSION (version, name) VALUES (?, ?)', [m.version, m.name]);
        applied.push(m.name);
        log.info('migration applied', { migration: m.name });
      }
      await ensureAllPartitions(pool, Math.floor(Date.now() / 1000), MIGRATE_DAYS_AHEAD, MIGRATE_DAYS_BACK);
      const to = Math.max(from, ...migrations.map((m) => m.version));
      return { from, to, applied };
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [LOCK]).catch(() => undefined);
    }
  } catch (err) {
    throw toStoreError(err);
  } finally {
    conn?.release();
  }
}
