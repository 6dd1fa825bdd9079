/**
 * Quartz-style job scheduling on node-cron: ticks aligned to the wall clock (cron with
 * seconds), never two runs of the same job at once (a tick that finds the job still running
 * is skipped and counted, not queued), misfires counted, last run / duration / error kept per
 * job. A misfire is a tick handled more than `misfireToleranceMs` after its scheduled time: it still
 * runs once (Quartz's fire-once-now); a tick node-cron could not fire at all is counted and not run.
 * Time comes from the injected clock and tick handling is the public {@link JobScheduler.tick}, so
 * tests step through ticks without node-cron's real timers.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { systemClock, type Clock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { JobStats } from '../core/job-stats';
import type { Logger } from '../log/logger';

export interface JobDefinition {
  name: string;
  /** 6-field cron (seconds first) or 5-field. */
  cron: string;
  /** The work. A rejection is recorded as the job's last error; the schedule goes on. */
  run: (tick: { scheduledAt: number; tickNo: number }) => Promise<void>;
}

export type JobEvent = { kind: 'skipped' | 'misfire' | 'finished' | 'failed'; job: string; stats: JobStats };

export interface SchedulerTiming {
  /**
   * Start times, durations and lateness (default the system clock). node-cron fires on the machine's
   * clock, so a ManualClock is for tests that hand ticks to {@link JobScheduler.tick} themselves.
   */
  clock?: Clock;
  /** How late a tick may be handled before it counts as a misfire, ms (default 1000, node-cron's own tolerance). */
  misfireToleranceMs?: number;
}

export class JobScheduler implements Lifecycle {
  readonly name = 'scheduler';
  private readonly jobs = new Map<string, { def: JobDefinition; stats: JobStats; task?: ScheduledTask; tickNo: number }>();
  private started = false;
  /** Runs in progress; they never reject. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly clock: Clock;
  private readonly misfireToleranceMs: number;

  constructor(
    private readonly log: Logger,
    private readonly onEvent: (e: JobEvent) => void = () => undefined,
    timing: SchedulerTiming = {},
  ) {
    this.clock = timing.clock ?? systemClock;
    this.misfireToleranceMs = timing.misfireToleranceMs ?? 1000;
  }

  /** Validates and registers a job (no timers yet). Throws on a bad cron expression or a duplicate name. */
  add(def: JobDefinition): void {
    if (this.jobs.has(def.name)) throw new Error(`job "${def.name}" is already registered`);
    const check = cron.validateDetailed(def.cron);
    if (!check.valid) {
      const why = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new Error(`job "${def.name}": invalid cron "${def.cron}" (${why})`);
    }
    const stats: JobStats = { name: def.name, cron: def.cron, runs: 0, failures: 0, skippedTicks: 0, misfires: 0, running: false };
    this.jobs.set(def.name, { def, stats, tickNo: 0 });
    if (this.started) this.schedule(def.name);
  }

  /** Schedules every registered job (and those added later). Idempotent. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const name of this.jobs.keys()) this.schedule(name);
  }

  /** Stops every timer, then waits for the runs in progress (scheduled or runNow) to end. Idempotent. */
  async stop(): Promise<void> {
    if (this.started) {
      this.started = false;
      for (const job of this.jobs.values()) {
        if (job.task) await job.task.destroy();
        job.task = undefined;
      }
    }
    await Promise.all(this.inFlight);
  }

  /** Runs one job immediately, outside its schedule (still never overlapping itself). */
  async runNow(name: string): Promise<boolean> {
    return this.fire(name, this.clock.now());
  }

  /**
   * Handles the tick of `name` scheduled at `scheduledAt` (what the cron timer calls): a misfire
   * when handled too late, then a run unless the previous run is still going. Resolves to
   * whether the job ran.
   */
  async tick(name: string, scheduledAt: number): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job "${name}"`);
    if (this.clock.now() - scheduledAt > this.misfireToleranceMs) this.misfire(name, job.stats, scheduledAt);
    return this.fire(name, scheduledAt);
  }

  stats(): JobStats[] {
    return [...this.jobs.values()].map((j) => ({
      ...j.stats,
      nextRunAt: j.task?.getNextRun()?.getTime(),
    }));
  }

  private schedule(name: string): void {
    const job = this.jobs.get(name);
    if (!job || job.task) return;
    const task = cron.schedule(job.def.cron, (ctx) => void this.tick(name, ctx.date.getTime()), {
      name,
      suppressMissedWarning: true,
      missedExecutionTolerance: this.misfireToleranceMs,
      logger: { info: () => undefined, debug: () => undefined, warn: (m) => this.log.debug(m), error: (m) => this.log.warn(String(m)) },
    });
    task.on('execution:missed', (ctx) => this.misfire(name, job.stats, ctx.date.getTime()));
    job.task = task;
  }

  private misfire(name: string, stats: JobStats, scheduledAt: number): void {
    stats.misfires += 1;
    this.log.debug('tick misfired', { job: name, scheduledAt: new Date(scheduledAt).toISOString(), lateMs: this.clock.now() - scheduledAt });
    this.emit({ kind: 'misfire', job: name, stats: { ...stats } });
  }

  private async fire(name: string, scheduledAt: number): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job "${name}"`);
    const { stats } = job;
    if (stats.running) {
      stats.skippedTicks += 1;
      this.log.debug('tick skipped: previous run still going', { job: name, skippedTicks: stats.skippedTicks });
      this.emit({ kind: 'skipped', job: name, stats: { ...stats } });
      return false;
    }
    stats.running = true;
    stats.lastStartedAt = this.clock.now();
    job.tickNo += 1;
    const run = this.runOnce(name, job.def, stats, { scheduledAt, tickNo: job.tickNo });
    this.inFlight.add(run);
    await run;
    this.inFlight.delete(run);
    return true;
  }

  /** One run and its bookkeeping; never rejects. */
  private async runOnce(name: string, def: JobDefinition, stats: JobStats, tick: { scheduledAt: number; tickNo: number }): Promise<void> {
    let error: string | undefined;
    try {
      await def.run(tick);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    stats.runs += 1;
    stats.running = false;
    stats.lastDurationMs = this.clock.now() - (stats.lastStartedAt ?? this.clock.now());
    const previousError = stats.lastError;
    stats.lastError = error;
    if (error !== undefined) stats.failures += 1;
    // Logged when the state changes, not on every tick: a job failing the same way stays one line (its count is in /status).
    if (error !== undefined && error !== previousError) this.log.warn('job failed', { job: name, error, failures: stats.failures });
    else if (error === undefined && previousError !== undefined) this.log.info('job recovered', { job: name, failures: stats.failures });
    this.emit({ kind: error === undefined ? 'finished' : 'failed', job: name, stats: { ...stats } });
  }

  /** A listener's error is logged, never counted against the job nor thrown into a timer. */
  private emit(e: JobEvent): void {
    try {
      this.onEvent(e);
    } catch (err) {
      this.log.warn('job event listener failed', { job: e.job, kind: e.kind, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/** A small stable offset per target inside a tick (FNV-1a of the id), spreading load over the interval. */
export function stableOffsetMs(id: string, maxMs: number): number {
  if (maxMs <= 0) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % (maxMs + 1);
}
