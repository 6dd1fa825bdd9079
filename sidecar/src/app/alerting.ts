/**
 * Alerting and the event timeline, one concern of the coordinator: the alert engine (fed with every
 * landed collection), operators' rule changes, timeline sources (cluster state, sample trackers,
 * job failures), and where events go — FL_DOF_EVENT, the live socket, optionally Flamingo's
 * FL_SYSTEM_EVENTS and webhooks (notify/). Lifecycle: constructed without I/O, start() loads the
 * alert states and rule changes, stop() flushes the webhooks.
 */
import { redactSecrets } from '../core/redact';
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config/schema';
import { systemClock, type Clock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import type { Target } from '../core/model';
import type { EventDto } from '../api/dto';
import { AlertEngine } from '../alerts/alert-engine';
import { DEFAULT_RULES } from '../alerts/default-rules';
import type { AlertState } from '../core/alert';
import type { AlertTransition } from '../alerts/evaluate';
import { describeCondition } from '../alerts/rule';
import type { AlertRule } from '../core/alert';
import { TimelineSources } from '../events/timeline-sources';
import { EventStore } from '../store/event-store';
import type { TimelineEvent } from '../core/timeline-event';
import { WebhookNotifier } from '../notify/webhook-notifier';
import type { WebhookStats } from '../core/webhook-stats';
import { RuleStore } from '../store/rule-store';
import { FlamingoSystemEvents } from '../store/system-events';
import type { CollectedBatch } from './collection-engine';
import { toEventDto } from '../api/event-view';
import type { LiveFeedHub } from './live-feed';
import { RuleService } from './rule-service';

export type ActiveAlert = AlertState & { severity: string; name: { en: string; ko: string } };

export class Alerting implements Lifecycle {
  readonly name = 'alerting';
  // values older than a minute (several collection intervals) count as gone for the rules
  readonly engine = new AlertEngine(DEFAULT_RULES, 60_000);
  readonly timeline: TimelineSources;
  private readonly eventStore: EventStore;
  private readonly ruleService: RuleService;
  private readonly systemEvents?: FlamingoSystemEvents;
  private readonly notifier: WebhookNotifier;

  /** @param metricIds every metric of the catalogue (rules may only name these and `target.up`). */
  constructor(
    private readonly config: Config,
    pool: Pool,
    metricIds: readonly string[],
    private readonly live: LiveFeedHub,
    targetsOf: (clusterId: string) => Target[] | undefined,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
    /** Where webhook header variables are read (default process.env). */
    env?: NodeJS.ProcessEnv,
  ) {
    this.engine.forgetAfter(config.retention.rawDays * 86_400_000);
    this.timeline = new TimelineSources({ clock });
    const storeLog = log.child({ module: 'store' });
    this.eventStore = new EventStore(pool, storeLog);
    const copy = config.flamingo.systemEvents;
    if (copy.enabled) this.systemEvents = new FlamingoSystemEvents(pool, copy.minSeverity, storeLog);
    const known = new Set(['target.up', ...metricIds]);
    this.ruleService = new RuleService({
      store: new RuleStore(pool),
      engine: this.engine,
      defaults: DEFAULT_RULES,
      knownMetric: (id) => known.has(id),
      targetsOf: (cid) => targetsOf(cid)?.map((t) => t.key),
      log: log.child({ module: 'rules' }),
    });
    this.notifier = new WebhookNotifier(config.notify, log.child({ module: 'notify' }), { clock, ...(env ? { env } : {}) });
  }

  /** Restores pending/firing alerts and operators' rule changes of every cluster, then starts the webhooks. */
  async start(): Promise<void> {
    for (const c of this.config.clusters) this.engine.restore(c.id, await this.eventStore.loadAlertStates(c.id).catch(() => []));
    for (const c of this.config.clusters) await this.ruleService.load(c.id);
    this.notifier.start();
  }

  /** Stops the webhooks (delivering what they can within a short deadline). Idempotent. */
  stop(): Promise<void> {
    return this.notifier.stop();
  }

  /** Delivery counters of every configured webhook. */
  notifierStats(): WebhookStats[] {
    return this.notifier.stats();
  }

  /** A collection landed: values and health to the engine, trackers' and target up/down events recorded. */
  observe(b: CollectedBatch, kindOf: (key: string) => Target['kind'] | undefined): void {
    this.engine.observe(b.clusterId, b.samples, kindOf, b.job);
    this.engine.observeHealth(b.clusterId, b.target, b.job, b.health.state, kindOf(b.target), b.health.lastRunAt ?? this.clock.now(), b.samples);
    const events = [...this.timeline.observe(b.clusterId, b.target, b.samples)];
    if (b.transition && b.transition.from !== 'unknown') {
      const down = b.transition.to === 'down';
      events.push({
        clusterId: b.clusterId,
        ts: b.transition.at,
        kind: down ? 'target-down' : 'target-up',
        severity: down ? 'critical' : 'info',
        subject: b.target,
        message: down ? `${b.target} cannot be collected (${b.job}): ${b.transition.error ?? 'no answer'}` : `${b.target} is collected again (${b.job})`,
      });
    }
    void this.emit(events);
  }

  /** Evaluates every cluster's rules now; transitions become events; states are saved for a restart. */
  async evaluate(): Promise<void> {
    const now = this.clock.now();
    for (const c of this.config.clusters) {
      const transitions = this.engine.evaluate(c.id, now);
      if (transitions.length) {
        await this.emit(transitions.map((t) => this.alertEvent(c.id, t)));
        for (const t of transitions) this.log.info(`alert ${t.kind}`, { cluster: c.id, rule: t.ruleId, subject: t.subject, value: t.value });
      }
      await this.eventStore.saveAlertStates(c.id, this.engine.active(c.id));
    }
  }

  /** Records events (FL_DOF_EVENT; they wait in memory while MySQL is down), pushes them live, queues them for webhooks, copies them to Flamingo. */
  async emit(raw: TimelineEvent[]): Promise<void> {
    if (raw.length === 0) return;
    const events = raw.map((e) => ({ ...e, subject: redactSecrets(e.subject), message: redactSecrets(e.message) }));
    const written = await this.eventStore.append(events);
    this.publish(events);
    this.notifier.notify(events);
    await this.systemEvents?.copy(written);
  }

  /** Pushes events to the live socket, grouped by cluster. */
  publish(events: TimelineEvent[]): void {
    const byCluster = new Map<string, TimelineEvent[]>();
    for (const e of events) {
      const list = byCluster.get(e.clusterId);
      if (list) list.push(e);
      else byCluster.set(e.clusterId, [e]);
    }
    for (const [clusterId, list] of byCluster) this.live.publishEvents({ clusterId, events: list.map((e) => this.eventDto(e)) });
  }

  /** A recorded event as the API shows it. */
  eventDto(e: TimelineEvent): EventDto {
    return toEventDto(e, (ruleId) => this.engine.rule(e.clusterId, ruleId)?.metric);
  }

  /** Pending and firing alerts of a cluster, with their rules. */
  active(clusterId: string): ActiveAlert[] {
    return this.engine.active(clusterId).flatMap((s) => {
      const r = this.engine.rule(clusterId, s.ruleId);
      return r ? [{ ...s, severity: r.severity, name: r.name }] : [];
    });
  }

  events(): EventStore {
    return this.eventStore;
  }

  /** Rule administration (rules of a cluster are loaded by start()). */
  rules(): RuleService {
    return this.ruleService;
  }

  private alertEvent(clusterId: string, t: AlertTransition): TimelineEvent {
    const rule = this.engine.rule(clusterId, t.ruleId);
    const fired = t.kind === 'fired';
    const what = `${rule?.name.en ?? t.ruleId}${t.subject ? ` — ${t.subject}` : ''}`;
    return {
      clusterId,
      ts: t.at,
      kind: fired ? 'alert-fired' : 'alert-resolved',
      severity: fired ? (rule?.severity ?? 'warning') : 'info',
      subject: t.subject,
      ruleId: t.ruleId,
      value: t.value,
      message: `${fired ? 'FIRING' : 'RESOLVED'}: ${what}${alertDetail(t.value, rule)}`,
    };
  }
}

/** Pure: ` (value 112; rule: > 50 for 2 min)` — the value seen and the rule's condition when it fired or resolved. */
export function alertDetail(value: number | undefined, rule: AlertRule | undefined): string {
  const parts = [value !== undefined ? `value ${value}` : '', rule ? `rule: ${describeCondition(rule)}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}
