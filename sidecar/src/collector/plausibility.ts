/**
 * The plausibility stage: a value a target answered becomes a sample only when it is a finite
 * number inside its catalogue entry's bounds (catalog/bounds.ts). Rejected values are counted per
 * target with the last reason (shown in `/status`), never stored; the collection goes on.
 * Values of no numeric kind at all (null, an object, "CONNECTED") are not rejections but a missing
 * value, reported as a warning by the parsers as before.
 */
import type { Rejections } from '../core/collection';
import type { Bounds, Sample } from '../core/model';

export type Reading = { ok: true; value: number } | { ok: false; rejected: boolean; reason: string };

const NUMERIC = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const NON_FINITE_WORD = /^[-+]?(Infinity|NaN|inf)$/i;

/** Pure: a raw value as a number (finite numbers, booleans 1/0, numeric strings), a rejection (non-finite), or not numeric. */
export function readNumber(raw: unknown): Reading {
  if (typeof raw === 'boolean') return { ok: true, value: raw ? 1 : 0 };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, rejected: true, reason: `not finite (${raw})` };
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (NUMERIC.test(t)) {
      const n = Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, rejected: true, reason: `not finite (${t.slice(0, 40)})` };
    }
    if (NON_FINITE_WORD.test(t)) return { ok: false, rejected: true, reason: `not finite (${t})` };
  }
  return { ok: false, rejected: false, reason: 'not numeric' };
}

/** Pure: why `value` is implausible for `bounds`, or undefined when it may be stored. */
export function implausibility(value: number, bounds: Bounds): string | undefined {
  if (!Number.isFinite(value)) return `not finite (${value})`;
  if (bounds.min !== undefined && value < bounds.min) return `${value} below ${bounds.min}`;
  if (bounds.max !== undefined && value > bounds.max) return `${value} above ${bounds.max}`;
  return undefined;
}

/** Pure: `readNumber` then the bounds. */
export function judge(raw: unknown, bounds: Bounds): Reading {
  const r = readNumber(raw);
  if (!r.ok) return r;
  const why = implausibility(r.value, bounds);
  return why === undefined ? r : { ok: false, rejected: true, reason: why };
}

/** Pure: adds rejections together (undefined when there are none). */
export function addRejections(a: Rejections | undefined, b: Rejections | undefined): Rejections | undefined {
  if (!a || a.count === 0) return b && b.count > 0 ? b : undefined;
  if (!b || b.count === 0) return a;
  return { count: a.count + b.count, lastReason: b.lastReason };
}

/** Pure: rejections from a list of reasons (undefined when empty). */
export function rejectionsOf(reasons: readonly string[]): Rejections | undefined {
  return reasons.length ? { count: reasons.length, lastReason: reasons.at(-1) ?? '' } : undefined;
}

/**
 * Pure: the samples that may be stored, and the rejected ones counted. `boundsFor` gives a
 * metric's range (undefined for a metric the catalogue does not know: only finiteness checked).
 */
export function screenSamples(samples: readonly Sample[], boundsFor: (metric: string) => Bounds | undefined): { kept: Sample[]; rejected?: Rejections } {
  const kept: Sample[] = [];
  const reasons: string[] = [];
  for (const s of samples) {
    const why = implausibility(s.value, boundsFor(s.metric) ?? {});
    if (why === undefined) kept.push(s);
    else reasons.push(`${s.metric}: ${why}`);
  }
  const rejected = rejectionsOf(reasons);
  return rejected ? { kept, rejected } : { kept };
}
