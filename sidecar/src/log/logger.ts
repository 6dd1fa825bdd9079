/**
 * Structured, levelled logger writing one JSON object per line to stderr.
 * Modules receive a child logger (`log.child({ module: 'store' })`) instead of importing a global.
 */

import { systemClock, type Clock } from '../core/clock';
import { REDACTED, redactDeep, redactSecrets } from '../core/redact';
import type { LogRecord, RepeatLimiter } from './repeat-limiter';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogSink = (line: string) => void;

/** Keys whose values are never written, whatever module logs them. */
const SECRET_KEY = /pass(word)?|secret|token|authorization/i;

/** Secret-named keys are dropped; every other value goes through core/redact.ts (URL user info, known secrets). */
function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEY.test(k)) out[k] = REDACTED;
    else if (v instanceof Error) out[k] = { message: redactSecrets(v.message), name: v.name };
    else out[k] = redactDeep(v);
  }
  return out;
}

export interface LoggerOptions {
  /** Holds back repeated lines (log/repeat-limiter.ts); shared by every child logger. */
  limiter?: RepeatLimiter;
  /** Time of the records and of the limiter's windows (default the system clock). */
  clock?: Clock;
}

export function createLogger(
  level: LogLevel = 'info',
  sink: LogSink = (line) => process.stderr.write(line + '\n'),
  base: LogFields = {},
  options: LoggerOptions = {},
): Logger {
  const min = LEVEL_RANK[level];
  const clock = options.clock ?? systemClock;
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (LEVEL_RANK[lvl] < min) return;
    const now = clock.now();
    const record: LogRecord = { time: new Date(now).toISOString(), level: lvl, msg: redactSecrets(msg), ...redact(base), ...(fields ? redact(fields) : {}) };
    const records = options.limiter ? options.limiter.admit(record, now) : [record];
    for (const r of records) sink(JSON.stringify(r));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }, options),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger('silent');
