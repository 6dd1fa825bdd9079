/** Labels in one canonical form (keys sorted), so the same series always gets the same id. */
import { createHash } from 'crypto';
import type { Labels } from '../model';

export function canonicalLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  const sorted: Labels = {};
  for (const k of keys) sorted[k] = String(labels[k]);
  return JSON.stringify(sorted);
}

export function labelsHash(canonical: string): string {
  return createHash('sha1').update(canonical, 'utf8').digest('hex');
}

/** Key of a series inside one sidecar: cluster, target, metric and canonical labels. */
export function seriesKey(clusterId: string, target: string, metric: string, canonical: string): string {
  return `${clusterId}\u0000${target}\u0000${metric}\u0000${canonical}`;
}
