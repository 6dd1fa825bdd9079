/** Labels in one canonical form (keys sorted), so the same series always gets the same id. */
import { createHash } from 'crypto';
import type { Labels } from '../model';

/**
 * Pure: the canonical JSON of a label set — keys sorted (code-unit order), values as strings,
 * `{}` for none. Equal label sets always give the same string, whatever their key order.
 */
export function canonicalLabels(labels: Labels): string {
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
