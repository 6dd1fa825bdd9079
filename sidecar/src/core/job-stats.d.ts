/** Counters of one scheduled job (scheduler/job-scheduler.ts keeps them; GET /status lists them). Types only. */

export interface JobStats {
  name: string;
  cron: string;
  runs: number;
  failures: number;
  /** Ticks skipped because the previous run of this job was still going. */
  skippedTicks: number;
  /** Ticks handled too late or not at all (event loop blocked, clock jump). */
  misfires: number;
  running: boolean;
  lastStartedAt?: number;
  lastDurationMs?: number;
  lastError?: string;
  nextRunAt?: number;
}
