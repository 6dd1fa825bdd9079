/**
 * Reads and validates the sidecar configuration. All problems are collected and reported
 * together, each with its path (`clusters[0].brokers[1].jolokia: must be an http(s) URL`).
 */
import { readFileSync } from 'fs';
import type { ZodError } from 'zod';
import { configSchema, type Config } from './schema';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`invalid configuration (${source}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

export function formatZodError(err: ZodError): string[] {
  return err.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `${formatPath(issue.path)}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${formatPath(issue.path)}: ${issue.message}`;
  });
}

/** Validates a parsed config object. Throws ConfigError listing every problem. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, formatZodError(result.error));
  return result.data;
}

/** Environment overrides applied after validation of the file. */
export interface ConfigEnv {
  DOFLAMINGO_MYSQL_URL?: string;
  DOFLAMINGO_LOG_LEVEL?: string;
}

export function loadConfigFile(path: string, env: ConfigEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return applyEnv(parseConfig(raw, path), env, path);
}

export function applyEnv(cfg: Config, env: ConfigEnv, source = 'env'): Config {
  const out: Config = { ...cfg, mysql: { ...cfg.mysql }, log: { ...cfg.log } };
  if (env.DOFLAMINGO_MYSQL_URL) out.mysql.url = env.DOFLAMINGO_MYSQL_URL;
  if (env.DOFLAMINGO_LOG_LEVEL) {
    const lvl = env.DOFLAMINGO_LOG_LEVEL;
    if (!['debug', 'info', 'warn', 'error', 'silent'].includes(lvl)) {
      throw new ConfigError(source, [`DOFLAMINGO_LOG_LEVEL: must be one of debug, info, warn, error, silent`]);
    }
    out.log.level = lvl as Config['log']['level'];
  }
  return out;
}

/** Resolves a secret given inline or through an env var; undefined when neither is set. */
export function resolveSecret(
  s: { password?: string | undefined; passwordEnv?: string | undefined } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!s) return undefined;
  if (s.passwordEnv) {
    const v = env[s.passwordEnv];
    if (v === undefined) throw new ConfigError('env', [`environment variable ${s.passwordEnv} is not set`]);
    return v;
  }
  return s.password;
}
