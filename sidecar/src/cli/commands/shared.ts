/** Helpers shared by CLI commands: loading the config, opening the store. */
import { existsSync } from 'fs';
import path from 'path';
import type { Pool } from 'mysql2/promise';
import { loadConfigFile, parseConfig, applyEnv } from '../../config/load';
import type { Config } from '../../config/schema';
import { openLogOutput, type ClosableLogger } from '../../log/log-output';
import { createPool, ensureDatabase } from '../../store/pool';
import type { CommandContext } from './types';

export function loadConfig(ctx: CommandContext): Config {
  return loadConfigFile(ctx.configPath);
}

/**
 * The config when the file exists; otherwise a minimal one built from the environment, for
 * commands that only need MySQL or the catalogue (`migrate`, `status`, `catalog`).
 */
export function loadConfigOrEnv(ctx: CommandContext): Config {
  if (existsSync(ctx.configPath)) return loadConfigFile(ctx.configPath);
  return applyEnv(parseConfig({ clusters: [{ id: 'none', name: 'none' }] }, 'defaults'), process.env);
}

/** The command's logger as `log` configures it; `close()` it before exiting when `log.file` may be set. */
export function cliLogger(cfg: Config, ctx: CommandContext): ClosableLogger {
  const level = ctx.values.verbose ? 'debug' : cfg.log.level;
  return openLogOutput(cfg.log, level, { app: 'doflamingo' });
}

export function mysqlUrl(cfg: Config): string {
  const url = cfg.mysql.url;
  if (!url) throw new UsageError('no MySQL URL: set mysql.url in the config file or the env var DOFLAMINGO_MYSQL_URL');
  return url;
}

export async function openStore(cfg: Config, create = false): Promise<Pool> {
  const url = mysqlUrl(cfg);
  const password = cfg.mysql.passwordEnv ? process.env[cfg.mysql.passwordEnv] : undefined;
  if (create) await ensureDatabase(url, password);
  return createPool(url, password);
}

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function ago(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return '-';
  const s = Math.round((now - ms) / 1000);
  if (s < 120) return `${s}s ago`;
  if (s < 7200) return `${Math.round(s / 60)}m ago`;
  return `${Math.round(s / 3600)}h ago`;
}

/** The repository/package root: the nearest folder above this file holding package.json. */
export function packageRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}
