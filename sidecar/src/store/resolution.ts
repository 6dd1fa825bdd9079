/**
 * Pure: which table answers a range query. Raw samples (FL_DOF_SAMPLE), 1-minute
 * (FL_DOF_SAMPLE_1M) or 1-hour (FL_DOF_SAMPLE_1H) rollups: the coarsest table whose bucket
 * divides the step (so every rollup bucket falls inside exactly one step bucket), but never a
 * table whose retention no longer covers the start of the window. The window is then cut into
 * pieces ({@link planPieces}): whole buckets from the chosen table, and the ragged ends (a window
 * starting or ending inside a bucket) from the next finer table, so the points are exactly what
 * the raw samples say, as long as the finer table still holds those ends.
 */

export type Source = 'raw' | '1m' | '1h';

/** Days kept per table (config `retention`). */
export interface RetentionDays {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
}

export const DEFAULT_RETENTION: RetentionDays = { rawDays: 7, minuteDays: 30, hourDays: 365 };

/** Width of a table's bucket in seconds (raw: 1, its `ts` resolution). */
export const BUCKET_S: Record<Source, number> = { raw: 1, '1m': 60, '1h': 3600 };

/**
 * Rollup buckets ending less than this many seconds ago are read from the finer table: the writer
 * computes a bucket shortly after it closes (rollup-settle.ts, 15 s grace + the flush interval).
 */
export const ROLLUP_SETTLE_S = 120;

/** Finest first. */
const SOURCES: readonly Source[] = ['raw', '1m', '1h'];

/** What {@link chooseSource} decides on (epoch seconds; `toSec` inclusive). */
export interface SourceQuery {
  fromSec: number;
  toSec: number;
  stepSec: number;
  /** "Now", to know what retention has dropped. */
  nowSec: number;
  /** Omitted: every table is assumed to hold the whole window (choice by step only). */
  retention?: RetentionDays;
}

/** Pure: whether `source` still holds data at `sec` (data at or after now − its days is never dropped; partitions go by whole periods). */
export function retains(source: Source, sec: number, nowSec: number, retention?: RetentionDays): boolean {
  if (!retention || source === '1h') return true;
  const days = source === 'raw' ? retention.rawDays : retention.minuteDays;
  return sec >= nowSec - days * 86400;
}

/**
 * Pure: the table to read. The coarsest whose bucket divides `stepSec`; if retention has dropped
 * that table's data at `fromSec`, the finest table that still holds it (which may be coarser
 * than the step: points then come at that table's resolution). 1h is the last resort.
 */
export function chooseSource(q: SourceQuery): Source {
  const step = Math.max(1, Math.floor(q.stepSec));
  const byStep = [...SOURCES].reverse().find((s) => step % BUCKET_S[s] === 0) ?? 'raw';
  if (retains(byStep, q.fromSec, q.nowSec, q.retention)) return byStep;
  return SOURCES.find((s) => SOURCES.indexOf(s) > SOURCES.indexOf(byStep) && retains(s, q.fromSec, q.nowSec, q.retention)) ?? '1h';
}

/** A part of the window read from one table: `ts BETWEEN fromSec AND toSec` (rollups: bucket starts). */
export interface Piece {
  source: Source;
  fromSec: number;
  toSec: number;
}

/**
 * Pure: [fromSec, toSec] cut into pieces, oldest first. With source S of bucket B: the whole
 * buckets inside the window come from S; a partial bucket at either end comes from the next finer
 * table when it retains that time (recursively: 1h → 1m → raw), otherwise from S as the whole
 * bucket (a little outside the window, never lost). Buckets not computed yet (ending less than
 * {@link ROLLUP_SETTLE_S} before now) count as ragged too. Raw is one piece.
 */
export function planPieces(fromSec: number, toSec: number, source: Source, nowSec: number, retention?: RetentionDays): Piece[] {
  if (fromSec > toSec) return [];
  if (source === 'raw') return [{ source, fromSec, toSec }];
  const b = BUCKET_S[source];
  const finer = SOURCES[SOURCES.indexOf(source) - 1] as Source;
  const firstWhole = Math.ceil(fromSec / b) * b;
  // exclusive end of the whole buckets: inside the window and already computed by the writer
  const endWhole = Math.min(Math.floor((toSec + 1) / b), Math.floor((nowSec - ROLLUP_SETTLE_S) / b)) * b;
  const fromFiner = (lo: number, hi: number): Piece[] | null => (retains(finer, lo, nowSec, retention) ? planPieces(lo, hi, finer, nowSec, retention) : null);
  if (firstWhole >= endWhole) {
    // no whole bucket inside the window
    return fromFiner(fromSec, toSec) ?? [{ source, fromSec: Math.floor(fromSec / b) * b, toSec }];
  }
  const out: Piece[] = [];
  if (fromSec < firstWhole) out.push(...(fromFiner(fromSec, firstWhole - 1) ?? [{ source, fromSec: firstWhole - b, toSec: firstWhole - 1 }]));
  out.push({ source, fromSec: firstWhole, toSec: endWhole - 1 });
  if (endWhole <= toSec) out.push(...(fromFiner(endWhole, toSec) ?? [{ source, fromSec: endWhole, toSec }]));
  return out;
}
