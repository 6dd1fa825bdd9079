/**
 * The rules in force for one cluster: the built-in defaults with the operator's stored changes
 * applied, plus the operator's own (custom) rules. Pure; a stored row that no longer parses is
 * reported and ignored (the default stays in force) rather than stopping the alerting.
 */
import type { AlertRule, RuleDefaults, RuleView } from '../core/alert';
import type { StoredRule } from '../store/rule-store';
import { applyPatch, checkNewRule, checkPatch, customRule, type NewRule, type RulePatch } from './rule-input';

/** One FL_DOF_ALERT_RULE row. */
export interface RuleBook {
  rules: RuleView[];
  /** Stored rows that were ignored, with why. */
  problems: string[];
}

export function defaultsOf(r: AlertRule): RuleDefaults {
  return { threshold: r.threshold, forMs: r.forMs, severity: r.severity, enabled: r.enabled };
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

export function buildRuleBook(defaults: readonly AlertRule[], stored: readonly StoredRule[]): RuleBook {
  const problems: string[] = [];
  const byId = new Map(stored.map((s) => [s.ruleId, s]));
  const rules: RuleView[] = defaults.map((d) => {
    const row = byId.get(d.id);
    const base: RuleView = { ...d, origin: 'builtin', modified: false, defaults: defaultsOf(d) };
    if (!row) return base;
    const patch = row.origin === 'builtin' ? checkPatch(parse(row.json), 'builtin') : undefined;
    if (!patch?.ok) {
      problems.push(
        `rule ${d.id}: stored change ignored (${patch ? patch.problems.map((p) => `${p.path || 'body'}: ${p.message}`).join('; ') : 'stored as custom but it is a built-in id'})`,
      );
      return base;
    }
    return { ...applyPatch(d, patch.value), origin: 'builtin', modified: true, defaults: defaultsOf(d) };
  });
  const builtinIds = new Set(defaults.map((d) => d.id));
  for (const row of stored) {
    if (builtinIds.has(row.ruleId)) continue;
    if (row.origin === 'builtin') {
      problems.push(`rule ${row.ruleId}: no such built-in rule (any more); stored change ignored`);
      continue;
    }
    const input = checkNewRule(parse(row.json));
    if (!input.ok) {
      problems.push(`rule ${row.ruleId}: stored custom rule ignored (${input.problems.map((p) => `${p.path || 'body'}: ${p.message}`).join('; ')})`);
      continue;
    }
    rules.push({ ...customRule(input.value, row.ruleId), origin: 'custom', modified: false });
  }
  return { rules, problems };
}

/** Pure: what to store for a built-in rule after `patch` (merged with its earlier change), or null when it equals the defaults. */
export function builtinOverride(current: RuleView, patch: RulePatch): RulePatch | null {
  const next = applyPatch(current, patch);
  const d = current.defaults;
  if (!d) return patch;
  const out: RulePatch = {};
  if (next.threshold !== d.threshold) out.threshold = next.threshold;
  if (next.forMs !== d.forMs) out.forMs = next.forMs;
  if (next.severity !== d.severity) out.severity = next.severity;
  if (next.enabled !== d.enabled) out.enabled = next.enabled;
  return Object.keys(out).length ? out : null;
}

/** Pure: the NewRule stored for a custom rule (round-trips through {@link buildRuleBook}). */
export function customInput(r: AlertRule): NewRule {
  return {
    metric: r.metric,
    scope: r.scope,
    op: r.op === 'quorum-lost' ? '==' : r.op,
    threshold: r.threshold,
    forMs: r.forMs,
    severity: r.severity,
    enabled: r.enabled,
    name: r.name,
    ...(r.target !== undefined ? { target: r.target } : {}),
    ...(r.labels !== undefined ? { labels: r.labels } : {}),
    ...(r.agg !== undefined ? { agg: r.agg } : {}),
  };
}
