/**
 * Alert rules are data. A rule watches one metric, either each series on its own (`series`:
 * one alert per target + labels, e.g. one per broker or per consumer group) or the cluster as a
 * whole (`cluster`: the series combined with `agg`, e.g. the sum of ActiveControllerCount ≠ 1).
 * `op: 'quorum-lost'` is the ZooKeeper quorum check: synced followers + 1 below a majority of
 * `quorum_size`.
 */
import type { AlertRule, Comparison, Severity } from '../core/alert';

export const COMPARISONS = ['>', '>=', '<', '<=', '==', '!='] as const satisfies readonly Comparison[];
export const SEVERITIES = ['warning', 'critical'] as const satisfies readonly Severity[];

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** Pure: `2 min`, `30 s`, `1 h 30 min` (for condition texts). */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : '', rest ? `${rest} s` : ''].filter(Boolean).join(' ');
}

/** Pure: the rule's condition as it stands, e.g. `> 50 for 2 min`, `sum != 1 for 30 s`, `quorum lost`. */
export function describeCondition(rule: Pick<AlertRule, 'op' | 'threshold' | 'forMs' | 'agg' | 'scope'>): string {
  const cond = rule.op === 'quorum-lost' ? 'quorum lost' : `${rule.scope === 'cluster' && rule.agg ? `${rule.agg} ` : ''}${rule.op} ${rule.threshold}`;
  return rule.forMs > 0 ? `${cond} for ${formatDuration(rule.forMs)}` : cond;
}
