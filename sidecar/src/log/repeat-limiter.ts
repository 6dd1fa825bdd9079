/**
 * Rate limiting of repeated log lines: the first line of a kind passes, the same kind again within
 * `windowMs` is held back and counted, and the next line of that kind after the window (or
 * {@link RepeatLimiter.flush}) first writes one summary: `<msg> (suppressed N similar lines in the last 10 min)`.
 * A kind is the level, the message and the fields that say who logs (module, job, target, …), not
 * the ones that vary from line to line (durations, errors, counts), so a failing job that logs on
 * every tick writes two lines per window instead of one per tick.
 */

export type LogRecord = { time: string; level: string; msg: string } & Record<string, unknown>;

/** Fields that name the source of a line; every other field may differ between "similar" lines. */
export const IDENTIFYING_FIELDS = ['app', 'module', 'cluster', 'job', 'target', 'kind', 'webhook', 'pattern'] as const;

export const DEFAULT_REPEAT_WINDOW_MS = 10 * 60_000;

interface Held {
  windowStart: number;
  suppressed: number;
  last?: LogRecord;
}

export function repeatKey(record: LogRecord): string {
  const id = IDENTIFYING_FIELDS.map((f) => (record[f] === undefined ? '' : JSON.stringify(record[f])));
  return JSON.stringify([record.level, record.msg, ...id]);
}

export function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

export class RepeatLimiter {
  private readonly held = new Map<string, Held>();
  private lastSweep = -Infinity;

  constructor(readonly windowMs: number = DEFAULT_REPEAT_WINDOW_MS) {}

  /** The records to write now for `record` logged at `now` (ms): none, the record, or a summary and the record. */
  admit(record: LogRecord, now: number): LogRecord[] {
    const out = this.sweep(now);
    const key = repeatKey(record);
    const held = this.held.get(key);
    if (held && now - held.windowStart < this.windowMs) {
      held.suppressed += 1;
      held.last = record;
      return out;
    }
    if (held) {
      const summary = this.summary(held, now);
      if (summary) out.push(summary);
    }
    this.held.set(key, { windowStart: now, suppressed: 0 });
    out.push(record);
    return out;
  }

  /** Summaries of every kind with lines held back (at shutdown); the windows start again. */
  flush(now: number): LogRecord[] {
    const out: LogRecord[] = [];
    for (const held of this.held.values()) {
      const summary = this.summary(held, now);
      if (summary) out.push(summary);
    }
    this.held.clear();
    return out;
  }

  /** Kinds whose window ended without a new line: their summary now, and they are forgotten (bounded memory). Once per window at most. */
  private sweep(now: number): LogRecord[] {
    if (now - this.lastSweep < this.windowMs) return [];
    this.lastSweep = now;
    const out: LogRecord[] = [];
    for (const [key, held] of this.held) {
      if (now - held.windowStart < this.windowMs) continue;
      const summary = this.summary(held, now);
      if (summary) out.push(summary);
      this.held.delete(key);
    }
    return out;
  }

  private summary(held: Held, now: number): LogRecord | undefined {
    if (held.suppressed === 0 || !held.last) return undefined;
    const span = now - held.windowStart;
    // Written later than the window's end (a sweep, a flush): say how long it really covers, in whole minutes.
    const covered = span <= this.windowMs ? this.windowMs : Math.ceil(span / 60_000) * 60_000;
    const { last } = held;
    return {
      ...last,
      time: new Date(now).toISOString(),
      msg: `${last.msg} (suppressed ${held.suppressed} similar lines in the last ${describeWindow(covered)})`,
      suppressed: held.suppressed,
      suppressedSince: new Date(held.windowStart).toISOString(),
    };
  }
}
