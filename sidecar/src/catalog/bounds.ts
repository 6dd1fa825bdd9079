/**
 * Plausible ranges of stored values, by unit, so a broken or hostile target cannot store a
 * negative count or a CPU load of 42.5. An entry's own `bounds` override its unit's default per
 * side. Every unit is capped at 2^63 in magnitude: no JMX counter, offset, size or duration goes
 * beyond a Java long, and a larger value (`1.7e308`) only ever comes from a broken answer.
 */
import type { Bounds, CatalogEntry } from '../core/model';

export const MAX_MAGNITUDE = 2 ** 63;

/** Slack above 1 for ratios: idle shares averaged over threads are known to read slightly above 1. */
export const RATIO_MARGIN = 0.05;

const NON_NEGATIVE: Bounds = { min: 0, max: MAX_MAGNITUDE };
const ANY: Bounds = { min: -MAX_MAGNITUDE, max: MAX_MAGNITUDE };

const BY_UNIT: Readonly<Record<string, Bounds>> = {
  count: NON_NEGATIVE,
  bytes: NON_NEGATIVE,
  messages: NON_NEGATIVE,
  offset: NON_NEGATIVE,
  ms: NON_NEGATIVE,
  s: NON_NEGATIVE,
  ratio: { min: 0, max: 1 + RATIO_MARGIN },
  percent: { min: 0, max: 100 + 100 * RATIO_MARGIN },
  '%': { min: 0, max: 100 + 100 * RATIO_MARGIN },
  bool: { min: 0, max: 1 },
};

/** Pure: the default range of a unit (rates, `x/s`, are never negative; unknown units only capped in magnitude). */
export function unitBounds(unit: string): Required<Bounds> {
  const b = BY_UNIT[unit] ?? (unit.endsWith('/s') ? NON_NEGATIVE : ANY);
  return { min: b.min ?? -MAX_MAGNITUDE, max: b.max ?? MAX_MAGNITUDE };
}

/** Pure: the range a value of `entry` must fall in. */
export function boundsOf(entry: Pick<CatalogEntry, 'unit' | 'bounds'>): Required<Bounds> {
  const d = unitBounds(entry.unit);
  return { min: entry.bounds?.min ?? d.min, max: entry.bounds?.max ?? d.max };
}
