/**
 * One webhook's delivery: a bounded queue (full → oldest dropped, counted, logged once per overflow)
 * and one worker that POSTs its events in order, retrying retriable failures with backoff and jitter.
 * Nothing here waits on the caller: offer() only queues. Failures are logged once per state change
 * (ok → failing → ok, or rejected for a 4xx), never per event.
 */
import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import type { TimelineEvent } from '../core/timeline-event';
import { BoundedQueue } from './bounded-queue';
import { wants } from './event-filter';
import { postWebhook } from './http-post';
import { toNotifyError, type NotifyError } from './notify-error';
import { eventsPerPost, webhookBody } from './payload';
import { retryDelayMs, type RetryPolicy } from './retry-policy';
import type { DeliveryState, WebhookStats } from '../core/webhook-stats';
import type { WebhookSettings } from './webhook-settings';

export interface ChannelOptions {
  queueCapacity: number;
  retry: RetryPolicy;
  random?: () => number;
  /** When events were sent or failed, for the stats (default the system clock). */
  clock?: Clock;
}

export class WebhookChannel {
  private readonly queue: BoundedQueue<TimelineEvent>;
  private inFlight: TimelineEvent[] = [];
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private stopping = false;
  private overflowLogged = false;
  private state: DeliveryState = 'ok';
  private readonly counts = { sent: 0, failed: 0, dropped: 0, retries: 0 };
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  private lastSentAt: number | null = null;

  constructor(
    readonly settings: WebhookSettings,
    private readonly opts: ChannelOptions,
    private readonly log: Logger,
  ) {
    this.queue = new BoundedQueue(opts.queueCapacity);
  }

  /** Queues the events this webhook wants; never waits. */
  offer(events: readonly TimelineEvent[]): void {
    if (this.stopping) return;
    const wanted = events.filter((e) => wants(this.settings, e));
    if (wanted.length === 0) return;
    const dropped = this.queue.push(...wanted);
    if (dropped > 0) {
      this.counts.dropped += dropped;
      if (!this.overflowLogged) this.log.warn('webhook queue full: oldest events dropped', { webhook: this.settings.label, capacity: this.queue.capacity });
      this.overflowLogged = true;
    }
    this.wake();
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Delivers what it can until `deadlineMs`, then cancels the request and waits in progress; events left are dropped and counted. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    if (this.loop) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
      clearTimeout(timer);
    }
    this.abort.abort();
    this.wake();
    await this.loop;
    const left = this.queue.clear() + this.inFlight.length;
    this.inFlight = [];
    if (left > 0) {
      this.counts.dropped += left;
      this.log.warn('webhook: events not delivered before stop', { webhook: this.settings.label, events: left });
    }
  }

  stats(): WebhookStats {
    return {
      webhook: this.settings.label,
      format: this.settings.format,
      state: this.state,
      ...this.counts,
      queued: this.queue.size + this.inFlight.length,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      lastSentAt: this.lastSentAt,
    };
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      if (this.queue.size === 0) {
        this.overflowLogged = false;
        if (this.stopping) return;
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        continue;
      }
      this.inFlight = this.queue.take(eventsPerPost(this.settings.format));
      const done = await this.deliver(this.inFlight);
      if (done) this.inFlight = [];
    }
  }

  /** POSTs one batch, retrying; true when it is settled (sent or given up), false when stopped mid-way. */
  private async deliver(batch: TimelineEvent[]): Promise<boolean> {
    const s = this.settings;
    const body = webhookBody(s.format, batch);
    for (let failures = 1; ; failures++) {
      try {
        await postWebhook({ url: s.url, body, headers: s.headers, timeoutMs: s.timeoutMs }, this.abort.signal);
        this.counts.sent += batch.length;
        this.lastSentAt = (this.opts.clock ?? systemClock).now();
        this.enter('ok');
        return true;
      } catch (err) {
        if (this.abort.signal.aborted) return false;
        const e = toNotifyError(err);
        this.lastError = e.message;
        this.lastErrorAt = (this.opts.clock ?? systemClock).now();
        this.enter(e.retriable ? 'failing' : 'rejected', e);
        if (!e.retriable || failures >= this.opts.retry.maxAttempts) {
          this.counts.failed += batch.length;
          this.log.debug('webhook: events given up', { webhook: s.label, events: batch.length, attempts: failures, error: e.message });
          return true;
        }
        this.counts.retries++;
        if (!(await this.sleep(retryDelayMs(failures, this.opts.retry, this.opts.random, e.retryAfterMs)))) return false;
      }
    }
  }

  /** A state change is logged once: the first failure of a kind, and the first success after failures. */
  private enter(next: DeliveryState, e?: NotifyError): void {
    if (next === this.state) return;
    const fields = { webhook: this.settings.label, ...(e ? { error: e.message, code: e.code, retriable: e.retriable } : {}) };
    if (next === 'ok') this.log.info('webhook delivers again', fields);
    else if (next === 'failing') this.log.warn('webhook delivery failing; retrying with backoff', fields);
    else this.log.warn('webhook refuses events (not retried; check url, headers and format)', fields);
    this.state = next;
  }

  /** Waits `ms` unless stopped first; false when stopped. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }
}
