/**
 * Pure helpers of the latency benchmark (bench/latency.ts): when to make a change so that the
 * changes cover the whole collection interval, how to recognise the message that carries it,
 * and the distribution of the measured latencies.
 */

/** A random source in [0, 1) (Math.random, or a seeded one in tests). */
export type Random = () => number;

export interface Distribution {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** min / median / p95 / max of `values` (any order); the median of an even count is the mean of the middle two. */
export function distribution(values: readonly number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n, min: NaN, median: NaN, p95: NaN, max: NaN };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
  return { n, min: s[0] ?? NaN, median, p95: percentile(s, 95), max: s[n - 1] ?? NaN };
}

/**
 * `n` phases (ms into the interval) by stratified sampling: one uniform draw in each of `n` equal
 * slices of the interval, in random order. Covers the interval evenly (also the worst moment, just
 * after a collection) while each phase stays random.
 */
export function stratifiedPhases(n: number, intervalMs: number, random: Random = Math.random): number[] {
  const phases = Array.from({ length: n }, (_, i) => ((i + random()) / n) * intervalMs);
  for (let i = phases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [phases[i], phases[j]] = [phases[j] ?? 0, phases[i] ?? 0];
  }
  return phases;
}

/** The first wall-clock time ≥ `notBefore` whose offset into the interval (ticks at multiples of it, as cron's) is `phaseMs`. */
export function nextAtPhase(notBefore: number, phaseMs: number, intervalMs: number): number {
  const start = Math.floor(notBefore / intervalMs) * intervalMs + phaseMs;
  return start >= notBefore ? start : start + intervalMs;
}

/** Offset of wall-clock time `t` into its interval, ms. */
export function phaseOf(t: number, intervalMs: number): number {
  return ((t % intervalMs) + intervalMs) % intervalMs;
}

/** The part of a socket message the matcher reads (docs/api.md: `update` and `event`). */
export interface SocketMessage {
  type?: string;
  samples?: ReadonlyArray<{ metric?: string; target?: string; value?: unknown }>;
  event?: { kind?: string; ruleId?: string | null; subject?: string };
}

/** Does this `update` carry `value` for `metric` of `target`? */
export function updateCarries(msg: SocketMessage, target: string, metric: string, value: number): boolean {
  if (msg.type !== 'update' || !msg.samples) return false;
  return msg.samples.some((s) => s.target === target && s.metric === metric && s.value === value);
}

/** Is this an `event` message of `kind` (e.g. alert-fired) for `subject`, and (when given) of rule `ruleId`? */
export function eventIs(msg: SocketMessage, kind: string, subject: string, ruleId?: string): boolean {
  const e = msg.type === 'event' ? msg.event : undefined;
  return !!e && e.kind === kind && e.subject === subject && (ruleId === undefined || e.ruleId === ruleId);
}

/** Markdown cells `min | median | p95 | max` in seconds (2 decimals) from ms. */
export function secondsCells(d: Distribution): string {
  const s = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a');
  return `${s(d.min)} | ${s(d.median)} | ${s(d.p95)} | ${s(d.max)}`;
}
