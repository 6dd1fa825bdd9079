/**
 * Keeps the latest value of every series per cluster (fed by each landed collection), plus
 * `target.up` from the collector's own health, and evaluates every rule against them. State is
 * in memory and saved by the coordinator after each evaluation, so a restart resumes it.
 */
import type { Sample, TargetKind } from '../core/model';
import { canonicalLabels } from '../core/labels';
import { evaluate, type AlertTransition, type LatestValue } from './evaluate';
import type { AlertState } from '../core/alert';
import type { AlertRule } from '../core/alert';
import { forgetOlderThan } from '../core/forget-unseen';

/** The key of one series' latest value: target, metric and canonical labels. */
function valueKey(s: Pick<Sample, 'target' | 'metric' | 'labels'>): string {
  return `${s.target}\u0000${s.metric}\u0000${canonicalLabels(s.labels)}`;
}

export class AlertEngine {
  private readonly latest = new Map<string, Map<string, LatestValue & { job?: string }>>();
  private readonly up = new Map<string, Map<string, { kind?: TargetKind; byJob: Map<string, number>; ts: number }>>();
  private readonly states = new Map<string, Map<string, Map<string, AlertState>>>();
  private readonly rulesByCluster = new Map<string, readonly AlertRule[]>();
  private forgetAfterMs = Infinity;

  /**
   * @param defaultRules rules of a cluster until {@link setRules} gives it its own
   * @param staleMs values older than this count as gone (the series stopped reporting).
   */
  constructor(
    private readonly defaultRules: readonly AlertRule[],
    private readonly staleMs: number,
  ) {}

  /**
   * Latest values and target health not observed for `ms` are dropped at the next evaluation of
   * their cluster (the rules ignore them after `staleMs` already; this bounds the memory).
   */
  forgetAfter(ms: number): void {
    this.forgetAfterMs = ms;
  }

  /** Replaces a cluster's rules (operator edits). Alerts of a removed rule resolve at the next evaluation. */
  setRules(clusterId: string, rules: readonly AlertRule[]): void {
    this.rulesByCluster.set(clusterId, rules);
  }

  rulesOf(clusterId: string): readonly AlertRule[] {
    return this.rulesByCluster.get(clusterId) ?? this.defaultRules;
  }

  /** @param job the collection job that produced the samples (a down job drops only its own values). */
  observe(clusterId: string, samples: Sample[], kindOf: (key: string) => TargetKind | undefined, job?: string): void {
    let m = this.latest.get(clusterId);
    if (!m) this.latest.set(clusterId, (m = new Map()));
    // a batch is one target's samples: its kind is looked up once, not per sample
    let kindTarget: string | undefined;
    let kind: TargetKind | undefined;
    for (const s of samples) {
      if (!Number.isFinite(s.value)) continue;
      if (s.target !== kindTarget) kind = kindOf((kindTarget = s.target));
      m.set(valueKey(s), { metric: s.metric, target: s.target, kind, labels: s.labels, value: s.value, ts: s.ts, job });
    }
  }

  /**
   * The collector's view of a target in one job: up (1) or down (0). A target is up when every job
   * reaches it. When a job cannot reach a target, the values that job read from it earlier are
   * dropped (only `current`, what the failed run reported, e.g. zookeeper.up = 0, stays).
   */
  observeHealth(
    clusterId: string,
    target: string,
    job: string,
    state: 'up' | 'down' | 'unknown',
    kind: TargetKind | undefined,
    ts: number,
    current: readonly Sample[] = [],
  ): void {
    if (state === 'unknown') return;
    let m = this.up.get(clusterId);
    if (!m) this.up.set(clusterId, (m = new Map()));
    const entry = m.get(target) ?? { kind, byJob: new Map<string, number>(), ts };
    entry.byJob.set(job, state === 'up' ? 1 : 0);
    entry.ts = ts;
    m.set(target, entry);
    // a target that cannot be collected has no current values: its last ones (e.g. a stopped
    // ZooKeeper leader's is_leader = 1) must not keep counting until they go stale
    if (state === 'down') {
      const keep = new Set(current.map(valueKey));
      const latest = this.latest.get(clusterId);
      if (latest) for (const [k, v] of latest) if (v.target === target && (v.job === undefined || v.job === job) && !keep.has(k)) latest.delete(k);
    }
  }

  /** Forgets a target that left the cluster (its alerts resolve at the next evaluation). */
  forget(clusterId: string, target: string): void {
    this.up.get(clusterId)?.delete(target);
    const m = this.latest.get(clusterId);
    if (m) for (const [k, v] of m) if (v.target === target) m.delete(k);
  }

  restore(clusterId: string, saved: AlertState[]): void {
    const byRule = new Map<string, Map<string, AlertState>>();
    for (const s of saved) {
      const m = byRule.get(s.ruleId) ?? new Map<string, AlertState>();
      m.set(s.subject, s);
      byRule.set(s.ruleId, m);
    }
    this.states.set(clusterId, byRule);
  }

  values(clusterId: string, now: number): LatestValue[] {
    const out: LatestValue[] = [];
    for (const v of this.latest.get(clusterId)?.values() ?? []) if (now - v.ts <= this.staleMs) out.push(v);
    for (const [target, e] of this.up.get(clusterId) ?? []) {
      out.push({ metric: 'target.up', target, kind: e.kind, labels: {}, value: Math.min(...e.byJob.values()), ts: e.ts });
    }
    return out;
  }

  evaluate(clusterId: string, now: number): AlertTransition[] {
    this.forgetUnseen(clusterId, now - this.forgetAfterMs);
    const values = this.values(clusterId, now);
    const byMetric = groupByMetric(values);
    const byRule = this.states.get(clusterId) ?? new Map<string, Map<string, AlertState>>();
    const transitions: AlertTransition[] = [];
    const rules = this.rulesOf(clusterId);
    for (const rule of rules) {
      // a rule only ever matches values of its own metric (quorum-lost also reads the others)
      const r = evaluate(rule, byMetric.get(rule.metric) ?? [], byRule.get(rule.id) ?? new Map(), now, values);
      byRule.set(rule.id, r.states);
      transitions.push(...r.transitions);
    }
    const live = new Set(rules.map((r) => r.id));
    for (const [ruleId, states] of byRule) {
      if (live.has(ruleId)) continue;
      for (const s of states.values()) if (s.status === 'firing') transitions.push({ ruleId, subject: s.subject, kind: 'resolved', at: now, value: s.value });
      byRule.delete(ruleId);
    }
    this.states.set(clusterId, byRule);
    return transitions;
  }

  /** Series values and target health of a cluster last observed before `cutoffMs`, forgotten. */
  private forgetUnseen(clusterId: string, cutoffMs: number): void {
    const latest = this.latest.get(clusterId);
    if (latest) forgetOlderThan(latest, (v) => v.ts, cutoffMs);
    const up = this.up.get(clusterId);
    if (up) forgetOlderThan(up, (e) => e.ts, cutoffMs);
  }

  /** Series values kept for a cluster (the memory this engine holds per cluster). */
  size(clusterId: string): number {
    return this.latest.get(clusterId)?.size ?? 0;
  }

  /** Pending and firing alerts of a cluster. */
  active(clusterId: string): AlertState[] {
    return [...(this.states.get(clusterId)?.values() ?? [])].flatMap((m) => [...m.values()]);
  }

  rule(clusterId: string, id: string): AlertRule | undefined {
    return this.rulesOf(clusterId).find((r) => r.id === id);
  }
}

/** Pure: values grouped by metric, each group in the order of `values`. */
export function groupByMetric(values: readonly LatestValue[]): Map<string, LatestValue[]> {
  const out = new Map<string, LatestValue[]>();
  for (const v of values) {
    const list = out.get(v.metric);
    if (list) list.push(v);
    else out.set(v.metric, [v]);
  }
  return out;
}
