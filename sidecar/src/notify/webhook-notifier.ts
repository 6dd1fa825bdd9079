/**
 * Timeline events to webhooks (Burrow's notifier concern). Lifecycle like the other modules:
 * constructed from the validated config (header secrets read from the environment, no I/O),
 * start(), stop() (idempotent; delivers what it can within a short deadline).
 * notify() never waits: each webhook has its own bounded queue and worker, so a slow or dead
 * webhook delays neither collection, alert evaluation, nor the other webhooks.
 */
import type { Config } from '../config/schema';
import type { Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import type { TimelineEvent } from '../core/timeline-event';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy';
import { WebhookChannel } from './webhook-channel';
import type { WebhookStats } from '../core/webhook-stats';
import { resolveWebhooks } from './webhook-settings';

/** Events waiting per webhook; beyond it the oldest are dropped (counted in stats). */
export const DEFAULT_QUEUE_CAPACITY = 1000;
/** How long stop() keeps delivering what is queued, ms. */
export const DEFAULT_STOP_DEADLINE_MS = 2000;

export interface NotifierOptions {
  queueCapacity?: number;
  retry?: Partial<RetryPolicy>;
  stopDeadlineMs?: number;
  /** Jitter source (tests). */
  random?: () => number;
  /** Time of the stats' last sent / last error (default the system clock). */
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
}

export class WebhookNotifier {
  private readonly channels: WebhookChannel[];
  private readonly stopDeadlineMs: number;
  private started = false;
  private stopping?: Promise<void>;

  /** Throws ConfigError when a header's environment variable is missing. */
  constructor(config: Config['notify'], log: Logger, opts: NotifierOptions = {}) {
    const retry = { ...DEFAULT_RETRY, ...opts.retry };
    const queueCapacity = opts.queueCapacity ?? DEFAULT_QUEUE_CAPACITY;
    this.stopDeadlineMs = opts.stopDeadlineMs ?? DEFAULT_STOP_DEADLINE_MS;
    this.channels = resolveWebhooks(config.webhooks, opts.env).map(
      (s) => new WebhookChannel(s, { queueCapacity, retry, random: opts.random, clock: opts.clock }, log),
    );
  }

  /** True when at least one webhook is configured. */
  get enabled(): boolean {
    return this.channels.length > 0;
  }

  /** Starts every webhook's worker (events notified before start wait in the queues). */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    for (const c of this.channels) c.start();
  }

  /** Queues events for every webhook that wants them; never waits, never throws. */
  notify(events: readonly TimelineEvent[]): void {
    if (events.length === 0 || this.stopping) return;
    for (const c of this.channels) c.offer(events);
  }

  /** Stops every webhook in parallel, each delivering what it can within the deadline. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= Promise.all(this.channels.map((c) => c.stop(this.stopDeadlineMs))).then(() => undefined);
    return this.stopping;
  }

  /** Per webhook, in config order: sent, failed, dropped, queued, retries, state, lastError. */
  stats(): WebhookStats[] {
    return this.channels.map((c) => c.stats());
  }
}
