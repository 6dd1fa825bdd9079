/**
 * Alert rules are data. A rule watches one metric, either each series on its own (`series`:
 * one alert per target + labels, e.g. one per broker or per consumer group) or the cluster as a
 * whole (`cluster`: the series combined with `agg`, e.g. the sum of ActiveControllerCount ≠ 1).
 * `op: 'quorum-lost'` is the ZooKeeper quorum check: synced followers + 1 below a majority of
 * `quorum_size`.
 */
import type { Labels, TargetKind } from '../core/model';

export const COMPARISONS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const SEVERITIES = ['warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertRule {
  id: string;
  name: { en: string; ko: string };
  metric: string;
  /** Only series of targets of this kind (needed for ids shared by kinds, e.g. `jvm.*`). */
  kind?: TargetKind;
  /** Only series of this one target (a per-target rule, e.g. a tighter threshold for `broker-1`). */
  target?: string;
  /** Only series with these labels. */
  labels?: Labels;
  scope: 'series' | 'cluster';
  /** How a cluster-scope rule combines the series. */
  agg?: 'sum' | 'max' | 'min' | 'count';
  op: Comparison | 'quorum-lost';
  threshold: number;
  /** The condition must hold this long before the alert fires (pending until then). */
  forMs: number;
  severity: Severity;
  enabled: boolean;
}

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
