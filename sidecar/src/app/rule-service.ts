/**
 * Operators' changes to alert rules (admin API → here → FL_DOF_ALERT_RULE → the alert engine).
 * Each cluster's rule book is loaded at start; a change is validated, stored, and only then put
 * in force, so what the engine evaluates is always what MySQL holds. Changes to one cluster are
 * applied one at a time (no lost updates between two admins).
 */
import { randomBytes } from 'crypto';
import type { Logger } from '../log/logger';
import type { AlertEngine } from '../alerts/alert-engine';
import type { AlertRule } from '../core/alert';
import { buildRuleBook, builtinOverride, customInput } from '../alerts/rule-book';
import type { RuleView } from '../core/alert';
import type { StoredRule } from '../store/rule-store';
import { applyPatch, checkNewRule, checkPatch, customRule, type InputProblem } from '../alerts/rule-input';
import type { RuleStore } from '../store/rule-store';
import { RuleChangeError } from '../alerts/rule-error';

function badInput(problems: InputProblem[]): RuleChangeError {
  const first = problems[0];
  const text = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  return new RuleChangeError('BAD_INPUT', text, first?.path || undefined);
}

export interface RuleServiceDeps {
  store: Pick<RuleStore, 'load' | 'save' | 'remove'>;
  engine: AlertEngine;
  defaults: readonly AlertRule[];
  /** Metric ids a rule may watch (the catalogue's, plus `target.up`). */
  knownMetric: (id: string) => boolean;
  /** Target keys of a cluster now (a per-target rule must name one of them). */
  targetsOf: (clusterId: string) => string[] | undefined;
  log: Logger;
}

export class RuleService {
  private readonly books = new Map<string, RuleView[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: RuleServiceDeps) {}

  /** Loads a cluster's stored changes and puts its rules in force. A store failure leaves the defaults in force. */
  async load(clusterId: string): Promise<void> {
    const stored = await this.deps.store.load(clusterId).catch((err: unknown) => {
      this.deps.log.warn('alert rules not loaded; built-in defaults in force', { cluster: clusterId, error: err instanceof Error ? err.message : String(err) });
      return [] as StoredRule[];
    });
    const book = buildRuleBook(this.deps.defaults, stored);
    for (const p of book.problems) this.deps.log.warn(p, { cluster: clusterId });
    this.install(clusterId, book.rules);
  }

  list(clusterId: string): RuleView[] {
    return this.book(clusterId).map((r) => ({ ...r }));
  }

  update(clusterId: string, ruleId: string, body: unknown): Promise<RuleView> {
    return this.serial(clusterId, async () => {
      const current = this.find(clusterId, ruleId);
      const patch = checkPatch(body, current.origin);
      if (!patch.ok) throw badInput(patch.problems);
      let next: RuleView;
      if (current.origin === 'builtin') {
        const override = builtinOverride(current, patch.value);
        if (override) await this.deps.store.save(clusterId, { ruleId, origin: 'builtin', json: JSON.stringify(override) });
        else await this.deps.store.remove(clusterId, ruleId);
        next = { ...applyPatch(current, patch.value), origin: 'builtin', modified: override !== null, defaults: current.defaults };
      } else {
        const rule = applyPatch(current, patch.value);
        this.checkTarget(clusterId, rule.target);
        await this.deps.store.save(clusterId, { ruleId, origin: 'custom', json: JSON.stringify(customInput(rule)) });
        next = { ...rule, origin: 'custom', modified: false };
      }
      this.replace(clusterId, next);
      this.deps.log.info('alert rule changed', { cluster: clusterId, rule: ruleId, change: patch.value });
      return next;
    });
  }

  create(clusterId: string, body: unknown): Promise<RuleView> {
    return this.serial(clusterId, async () => {
      this.book(clusterId);
      const input = checkNewRule(body);
      if (!input.ok) throw badInput(input.problems);
      if (!this.deps.knownMetric(input.value.metric))
        throw new RuleChangeError('BAD_INPUT', `metric: no catalogue metric "${input.value.metric}" (see GET /catalog)`, 'metric');
      this.checkTarget(clusterId, input.value.target);
      const id = `custom-${randomBytes(4).toString('hex')}`;
      const rule: RuleView = { ...customRule(input.value, id), origin: 'custom', modified: false };
      await this.deps.store.save(clusterId, { ruleId: id, origin: 'custom', json: JSON.stringify(customInput(rule)) });
      this.install(clusterId, [...this.book(clusterId), rule]);
      this.deps.log.info('alert rule added', { cluster: clusterId, rule: id, metric: rule.metric, target: rule.target });
      return rule;
    });
  }

  /** Built-in: back to its defaults (returns it); custom: deleted. */
  remove(clusterId: string, ruleId: string): Promise<RuleView | { deleted: true }> {
    return this.serial(clusterId, async () => {
      const current = this.find(clusterId, ruleId);
      await this.deps.store.remove(clusterId, ruleId);
      if (current.origin === 'custom') {
        this.install(
          clusterId,
          this.book(clusterId).filter((r) => r.id !== ruleId),
        );
        this.deps.log.info('alert rule deleted', { cluster: clusterId, rule: ruleId });
        return { deleted: true } as const;
      }
      const reset: RuleView = { ...current, ...current.defaults, modified: false };
      this.replace(clusterId, reset);
      this.deps.log.info('alert rule reset to its defaults', { cluster: clusterId, rule: ruleId });
      return reset;
    });
  }

  private book(clusterId: string): RuleView[] {
    const b = this.books.get(clusterId);
    if (!b) throw new RuleChangeError('NOT_FOUND', `no cluster "${clusterId}"`);
    return b;
  }

  private find(clusterId: string, ruleId: string): RuleView {
    const r = this.book(clusterId).find((x) => x.id === ruleId);
    if (!r) throw new RuleChangeError('NOT_FOUND', `no alert rule "${ruleId}" in cluster "${clusterId}"`);
    return r;
  }

  private checkTarget(clusterId: string, target: string | undefined): void {
    if (target === undefined) return;
    const known = this.deps.targetsOf(clusterId) ?? [];
    if (!known.includes(target))
      throw new RuleChangeError('BAD_INPUT', `target: no target "${target}" in cluster "${clusterId}" (known: ${known.join(', ') || 'none'})`, 'target');
  }

  private replace(clusterId: string, rule: RuleView): void {
    this.install(
      clusterId,
      this.book(clusterId).map((r) => (r.id === rule.id ? rule : r)),
    );
  }

  private install(clusterId: string, rules: RuleView[]): void {
    this.books.set(clusterId, rules);
    this.deps.engine.setRules(clusterId, rules);
  }

  private serial<T>(clusterId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(clusterId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.queues.set(
      clusterId,
      next.catch(() => undefined),
    );
    return next;
  }
}
