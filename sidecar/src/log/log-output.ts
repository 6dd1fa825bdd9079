/**
 * The sidecar's log as configured (`log` in the config): stderr or a size-rotated file, repeated
 * lines held back and summed up, secrets redacted before either.
 */
import { systemClock, type Clock } from '../core/clock';
import type { Config } from '../config/schema';
import { openLogFile } from './file-sink';
import { createLogger, type LogFields, type Logger, type LogLevel, type LogSink } from './logger';
import { RepeatLimiter } from './repeat-limiter';

export interface ClosableLogger extends Logger {
  /** Writes the summaries of lines still held back, then closes the file if any. Idempotent. */
  close(): Promise<void>;
}

export function openLogOutput(cfg: Config['log'], level: LogLevel, base: LogFields = {}, clock: Clock = systemClock): ClosableLogger {
  const file = cfg.file ? openLogFile(cfg.file) : undefined;
  const sink: LogSink = file?.sink ?? ((line) => process.stderr.write(line + '\n'));
  const limiter = cfg.repeatWindowMs > 0 ? new RepeatLimiter(cfg.repeatWindowMs) : undefined;
  const log = createLogger(level, sink, base, { clock, ...(limiter ? { limiter } : {}) });
  let closed: Promise<void> | undefined;
  return {
    ...log,
    close: () =>
      (closed ??= (async () => {
        for (const r of limiter?.flush(clock.now()) ?? []) sink(JSON.stringify(r));
        await file?.close();
      })()),
  };
}
