/**
 * Alert rules and alert states as every layer sees them: the engine evaluates them, the store
 * keeps them, the API and the panels show them. Types only (values: alerts/rule.ts).
 */
import type { Labels, TargetKind } from './model';

export type Comparison = '>' | '>=' | '<' | '<=' | '==' | '!=';
export type Severity = 'warning' | 'critical';

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

export type RuleDefaults = Pick<AlertRule, 'threshold' | 'forMs' | 'severity' | 'enabled'>;

/** A rule as the API shows it. */
export interface RuleView extends AlertRule {
  origin: 'builtin' | 'custom';
  /** A built-in rule whose settings an operator changed. */
  modified: boolean;
  /** Built-in rules: the settings a reset goes back to. */
  defaults?: RuleDefaults;
}

export type AlertStatus = 'inactive' | 'pending' | 'firing';

export interface AlertState {
  ruleId: string;
  /** What the alert is about: `broker-1`, `cluster{group=orders-app}`, or `` for the cluster. */
  subject: string;
  status: AlertStatus;
  /** When the condition became true (pending and firing). */
  activeSince?: number;
  firedAt?: number;
  value?: number;
  lastEvalAt: number;
}
