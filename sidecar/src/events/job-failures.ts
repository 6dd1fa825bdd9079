/**
 * A scheduled job (jmx, zookeeper, lag, discovery, cluster-state …) starting to fail and
 * recovering: one event per state change, not one per failed run. Pure apart from its own memory.
 * A job failing at its very first run is news (event); a first successful run is not.
 */
import type { TimelineEvent } from '../core/timeline-event';

export interface JobOutcome {
  job: string;
  /** Undefined when the run succeeded. */
  error?: string;
  at: number;
}

export class JobFailureTracker {
  /** job → failing since (ms), or undefined while it works. */
  private readonly failingSince = new Map<string, number | undefined>();

  /** One finished run → events for each of `clusterIds` when the job's state changed. */
  observe(o: JobOutcome, clusterIds: readonly string[]): TimelineEvent[] {
    const known = this.failingSince.has(o.job);
    const since = this.failingSince.get(o.job);
    const event = (e: Pick<TimelineEvent, 'kind' | 'severity' | 'message'> & { value?: number }): TimelineEvent[] =>
      clusterIds.map((clusterId) => ({ clusterId, ts: o.at, subject: `job=${o.job}`, ...e }));
    if (o.error !== undefined) {
      if (since !== undefined) return [];
      this.failingSince.set(o.job, o.at);
      return event({ kind: 'job-failing', severity: 'warning', message: `Job ${o.job} is failing: ${o.error}` });
    }
    this.failingSince.set(o.job, undefined);
    if (!known || since === undefined) return [];
    const seconds = Math.max(0, Math.round((o.at - since) / 1000));
    return event({ kind: 'job-recovered', severity: 'info', value: seconds, message: `Job ${o.job} works again after failing for ${seconds} s` });
  }
}
