/**
 * Pure alert evaluation, Prometheus style: `evaluate(rule, values, previous states, now)` →
 * new states and transitions. inactive → pending (condition true) → firing (true for `forMs`)
 * → resolved (condition false or the series gone) → inactive.
 */
import type { Labels, TargetKind } from '../core/model';
import type { AlertRule, AlertState } from '../core/alert';
import { compare } from './rule';

/** The latest value of one series, as the evaluator sees it. */
export interface LatestValue {
  metric: string;
  target: string;
  kind?: TargetKind;
  labels: Labels;
  value: number;
  ts: number;
}

export interface AlertTransition {
  ruleId: string;
  subject: string;
  kind: 'fired' | 'resolved';
  at: number;
  value?: number;
}

export function subjectOf(v: Pick<LatestValue, 'target' | 'labels'>): string {
  const keys = Object.keys(v.labels).sort();
  return keys.length ? `${v.target}{${keys.map((k) => `${k}=${v.labels[k]}`).join(',')}}` : v.target;
}

function matches(rule: AlertRule, v: LatestValue): boolean {
  if (v.metric !== rule.metric) return false;
  if (rule.kind && v.kind && v.kind !== rule.kind) return false;
  if (rule.target !== undefined && v.target !== rule.target) return false;
  for (const [k, want] of Object.entries(rule.labels ?? {})) if (v.labels[k] !== want) return false;
  return Number.isFinite(v.value);
}

function combine(values: number[], agg: AlertRule['agg']): number | undefined {
  if (values.length === 0) return undefined;
  switch (agg) {
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'count':
      return values.length;
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}

/** The observed value per subject (undefined entries are subjects with no data now). */
function observe(rule: AlertRule, values: LatestValue[], all: LatestValue[]): Map<string, number> {
  const out = new Map<string, number>();
  const mine = values.filter((v) => matches(rule, v));
  if (rule.op === 'quorum-lost') {
    // value = synced followers of the leader; threshold checked against quorum_size below
    const synced = combine(
      mine.map((v) => v.value),
      'max',
    );
    const size = combine(
      all.filter((v) => v.metric === 'zookeeper.quorum_size').map((v) => v.value),
      'max',
    );
    if (synced !== undefined && size !== undefined) out.set('', synced + 1 < Math.floor(size / 2) + 1 ? 1 : 0);
    return out;
  }
  if (rule.scope === 'cluster') {
    const c = combine(
      mine.map((v) => v.value),
      rule.agg,
    );
    if (c !== undefined) out.set('', c);
    return out;
  }
  for (const v of mine) {
    const s = subjectOf(v);
    // several series with the same subject (e.g. versions summed elsewhere): keep the worst = max
    out.set(s, Math.max(out.get(s) ?? -Infinity, v.value));
  }
  return out;
}

/**
 * @param values the latest values (only those of `rule.metric` are used, so a caller may pass just those)
 * @param all every latest value, for rules that read another metric too (quorum-lost: the quorum size); default `values`
 */
export function evaluate(
  rule: AlertRule,
  values: LatestValue[],
  previous: ReadonlyMap<string, AlertState>,
  now: number,
  all: LatestValue[] = values,
): { states: Map<string, AlertState>; transitions: AlertTransition[] } {
  const states = new Map<string, AlertState>();
  const transitions: AlertTransition[] = [];
  const observed = rule.enabled ? observe(rule, values, all) : new Map<string, number>();
  const subjects = new Set([...observed.keys(), ...previous.keys()]);
  for (const subject of subjects) {
    const prev = previous.get(subject);
    const seen = observed.get(subject);
    // a sum of huge values can overflow: a non-finite value is no data, never an alert state's value
    const value = seen !== undefined && Number.isFinite(seen) ? seen : undefined;
    const active = value !== undefined && (rule.op === 'quorum-lost' ? value === 1 : compare(value, rule.op, rule.threshold));
    if (!active) {
      if (prev?.status === 'firing') transitions.push({ ruleId: rule.id, subject, kind: 'resolved', at: now, value });
      // inactive subjects are forgotten: no state kept for healthy series
      continue;
    }
    const activeSince = prev && prev.status !== 'inactive' ? (prev.activeSince ?? now) : now;
    const firing = now - activeSince >= rule.forMs;
    const state: AlertState = { ruleId: rule.id, subject, status: firing ? 'firing' : 'pending', activeSince, value, lastEvalAt: now };
    if (firing) {
      state.firedAt = prev?.status === 'firing' ? prev.firedAt : now;
      if (prev?.status !== 'firing') transitions.push({ ruleId: rule.id, subject, kind: 'fired', at: now, value });
    }
    states.set(subject, state);
  }
  return { states, transitions };
}
