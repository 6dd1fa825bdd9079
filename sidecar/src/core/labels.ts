/** Labels in one canonical form (keys sorted), so the same series always gets the same id. */
import { createHash } from 'crypto';
import type { Labels } from './model';

/** Canonical strings of FROZEN label sets: they cannot change, so the string is computed once per object. */
const frozenCanonical = new WeakMap<Labels, string>();

/**
 * Pure: the canonical JSON of a label set — keys sorted (code-unit order), values as strings,
 * `{}` for none. Equal label sets always give the same string, whatever their key order.
 * Remembered for frozen label sets (the collectors share frozen ones between cycles and targets).
 */
export function canonicalLabels(labels: Labels): string {
  if (!Object.isFrozen(labels)) return computeCanonical(labels);
  let c = frozenCanonical.get(labels);
  if (c === undefined) frozenCanonical.set(labels, (c = computeCanonical(labels)));
  return c;
}

function computeCanonical(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  const sorted: Labels = {};
  for (const k of keys) sorted[k] = String(labels[k]);
  return JSON.stringify(sorted);
}

/** Pure: SHA-1 (40 lower-case hex chars) of canonical labels, as stored in FL_DOF_SERIES.labels_hash. */
export function labelsHash(canonical: string): string {
  return createHash('sha1').update(canonical, 'utf8').digest('hex');
}

/** Pure: cache key of a series inside one sidecar: cluster, target, metric and canonical labels (NUL separated). */
export function seriesKey(clusterId: string, target: string, metric: string, canonical: string): string {
  return `${clusterId}\u0000${target}\u0000${metric}\u0000${canonical}`;
}

/** Pure: canonical JSON and hash of a label set in one call. */
export function canonicalWithHash(labels: Labels): { canonical: string; hash: string } {
  const canonical = canonicalLabels(labels);
  return { canonical, hash: labelsHash(canonical) };
}
