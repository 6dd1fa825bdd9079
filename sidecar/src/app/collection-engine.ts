/**
 * Runs one collection job over many targets: every target in parallel (bounded), each
 * started at its own stable offset inside the tick, each with its own timeout inside its
 * collector. A dead or slow target never delays the others: the job waits only for the
 * slowest target, and the scheduler skips (and counts) ticks while a job is still running.
 */
import { systemClock, type Clock } from '../core/clock';
import type { CollectFn, CollectionResult } from '../core/collection';
import type { Bounds, Sample, Target, TargetKind } from '../core/model';
import { addRejections, screenSamples } from '../collector/plausibility';
import { CollectorError, failedResult } from '../core/collection';
import { targetId } from '../core/target';
import type { Logger } from '../log/logger';
import { stableOffsetMs } from '../scheduler/job-scheduler';
import { initialHealth, nextHealth } from './target-health';
import type { HealthTransition, TargetHealth } from '../core/target-health';

/** What the engine hands on after every target's collection. */
export interface CollectedBatch {
  job: string;
  clusterId: string;
  target: string;
  samples: Sample[];
  health: TargetHealth;
  transition?: HealthTransition;
}

export interface EngineJobOptions {
  job: string;
  collect: CollectFn;
  /** Largest per-target start offset inside the tick. */
  maxJitterMs: number;
  /** Most targets collected at the same moment. */
  concurrency: number;
  /** Time inside the tick (default the system clock). */
  clock?: Clock;
  /** A metric's plausible range (catalog/bounds.ts); without it, samples are only checked to be finite. */
  boundsFor?: (kind: TargetKind, metric: string) => Bounds | undefined;
  /** Waits out a target's start offset (default a timer; tests resolve it at once). */
  sleep?: (ms: number) => Promise<void>;
}

export class TargetJob {
  private readonly health = new Map<string, TargetHealth>();
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly opts: EngineJobOptions,
    private readonly log: Logger,
    private readonly onCollected: (b: CollectedBatch) => void,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Collects every target once. Resolves when all are done (never rejects for a target's failure). */
  async run(targets: Target[], tick: { tickNo: number; now: number }): Promise<void> {
    const queue = [...targets];
    const worker = async (): Promise<void> => {
      for (let t = queue.shift(); t; t = queue.shift()) await this.collectOne(t, tick);
    };
    const workers = Array.from({ length: Math.min(this.opts.concurrency, queue.length) }, worker);
    await Promise.all(workers);
  }

  healthOf(): TargetHealth[] {
    return [...this.health.values()];
  }

  /** Drops state of targets that no longer exist (e.g. a broker removed from discovery). */
  retain(targets: Target[]): void {
    const keep = new Set(targets.map(targetId));
    for (const id of this.health.keys()) if (!keep.has(id)) this.health.delete(id);
  }

  /** The plausibility stage: samples that are not finite or outside their bounds are dropped and counted. */
  private screened(target: Target, result: CollectionResult): CollectionResult {
    const boundsFor = this.opts.boundsFor;
    const { kept, rejected } = screenSamples(result.samples, (metric) => boundsFor?.(target.kind, metric));
    if (!rejected) return result;
    const all = addRejections(result.rejected, rejected);
    return { ...result, samples: kept, ...(all ? { rejected: all } : {}) };
  }

  private async collectOne(target: Target, tick: { tickNo: number; now: number }): Promise<void> {
    const id = targetId(target);
    const delay = stableOffsetMs(`${this.opts.job}:${id}`, this.opts.maxJitterMs) - (this.clock.now() - tick.now);
    if (delay > 0) await this.sleep(delay);
    let result: CollectionResult;
    const startedAt = this.clock.now();
    try {
      result = await this.opts.collect(target, tick);
    } catch (err) {
      // Collectors are written not to throw; this keeps one bug from stopping the job.
      const error = new CollectorError('INTERNAL', err instanceof Error ? err.message : String(err), true);
      result = { ...failedResult(target, error), startedAt, durationMs: this.clock.now() - startedAt };
    }
    result = this.screened(target, result);
    const prev = this.health.get(id) ?? initialHealth(target.clusterId, target.key, this.opts.job, tick.now);
    const { health, transition } = nextHealth(prev, result);
    this.health.set(id, health);
    if (transition) {
      const fields = { job: this.opts.job, cluster: target.clusterId, target: target.key, from: transition.from, to: transition.to };
      if (transition.to === 'down') this.log.warn('target down', { ...fields, error: health.lastError, code: health.lastErrorCode });
      else if (transition.from === 'unknown') this.log.debug('target state', fields);
      else this.log.info('target state', fields);
    }
    if (health.rejected > 0 && prev.rejected === 0)
      this.log.warn('target answers implausible values (counted in /status)', { job: this.opts.job, target: target.key, reason: health.lastRejectReason });
    try {
      this.onCollected({ job: this.opts.job, clusterId: target.clusterId, target: target.key, samples: result.samples, health, transition });
    } catch (err) {
      // A bug downstream must not end this worker: run() would reject while other targets are still being collected.
      this.log.error('collected batch not handed on', { job: this.opts.job, target: target.key, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
