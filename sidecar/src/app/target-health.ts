/**
 * Up/down state per target, derived from collection results. Only state changes are
 * reported, so a target that keeps failing is logged once, not every cycle.
 */
import { redactSecrets } from '../core/redact';
import type { CollectionResult } from '../core/collection';
import type { HealthState, HealthTransition, TargetHealth } from '../core/target-health';

export function initialHealth(clusterId: string, target: string, job: string, now: number): TargetHealth {
  return {
    clusterId,
    target,
    job,
    state: 'unknown',
    since: now,
    consecutiveFailures: 0,
    runs: 0,
    failures: 0,
    samplesLastRun: 0,
    warningsLastRun: 0,
    rejected: 0,
  };
}

/** Pure: folds one collection result into the previous health; returns the new health and a transition if the state changed. */
export function nextHealth(prev: TargetHealth, r: CollectionResult): { health: TargetHealth; transition?: HealthTransition } {
  const state: HealthState = r.ok ? 'up' : 'down';
  const health: TargetHealth = {
    ...prev,
    state,
    since: state === prev.state ? prev.since : r.startedAt,
    lastRunAt: r.startedAt,
    lastDurationMs: r.durationMs,
    lastOkAt: r.ok ? r.startedAt : prev.lastOkAt,
    lastError: r.ok ? undefined : redactSecrets(r.error?.message ?? 'unknown error'),
    lastErrorCode: r.ok ? undefined : r.error?.code,
    consecutiveFailures: r.ok ? 0 : prev.consecutiveFailures + 1,
    runs: prev.runs + 1,
    failures: prev.failures + (r.ok ? 0 : 1),
    samplesLastRun: r.samples.length,
    warningsLastRun: r.warnings.length,
    rejected: prev.rejected + (r.rejected?.count ?? 0),
    lastRejectReason: r.rejected?.lastReason ?? prev.lastRejectReason,
  };
  if (state === prev.state) return { health };
  return {
    health,
    transition: { clusterId: r.clusterId, target: r.target, job: prev.job, from: prev.state, to: state, at: r.startedAt, error: health.lastError },
  };
}
