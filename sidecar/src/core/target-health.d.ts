/**
 * The health of a target: one shape, kept per target and collection job by app/target-health.ts,
 * read by the API (merged over jobs into a TargetDto; listed as is by GET /status). Types only.
 */
import type { Target, TargetKind } from './model';

export type HealthState = 'unknown' | 'up' | 'down';

/** Health of one target as one collection job sees it. */
export interface TargetHealth {
  clusterId: string;
  target: string;
  job: string;
  state: HealthState;
  since: number;
  lastRunAt?: number;
  lastOkAt?: number;
  lastDurationMs?: number;
  lastError?: string;
  lastErrorCode?: string;
  consecutiveFailures: number;
  runs: number;
  failures: number;
  samplesLastRun: number;
  warningsLastRun: number;
  /** Values the target answered that were rejected (not finite, out of bounds) since the sidecar started. */
  rejected: number;
  /** Why the last rejected value was rejected, e.g. `jvm.os.process_cpu_load: 42.5 above 1.05`. */
  lastRejectReason?: string;
  /** Set when the health leaves the collector for the API, so targets the store does not know yet are shown. */
  kind?: TargetKind;
  origin?: Target['origin'];
}

/** What the API needs of a TargetHealth: who and in which state since when; the counters when known. */
export type TargetHealthReport = Pick<TargetHealth, 'clusterId' | 'target' | 'state' | 'since'> & Partial<TargetHealth>;

export interface HealthTransition {
  clusterId: string;
  target: string;
  job: string;
  from: HealthState;
  to: HealthState;
  at: number;
  error?: string;
}
