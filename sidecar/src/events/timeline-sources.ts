/**
 * Everything the coordinator needs to produce timeline events beyond alerts and target health,
 * behind three calls:
 * - `pollClusterState(clusterId, zookeeper, timeoutMs)`: reads the leadership state from
 *   ZooKeeper and diffs it against the previous reading (controller, leaders, ISR, offline);
 * - `observe(clusterId, target, samples)`: every landed collection through the sample trackers;
 * - `jobFinished(job, error, at, clusterIds)`: a job starting to fail / recovering.
 * None of them writes anything: the coordinator appends and publishes what they return.
 */
import { systemClock, type Clock } from '../core/clock';
import type { Sample } from '../core/model';
import type { TimelineEvent } from '../core/timeline-event';
import type { ClusterState } from './cluster-state';
import { JobFailureTracker } from './job-failures';
import { pollClusterState, type ReadStateOptions } from './partition-state';
import { SampleTrackers } from './sample-trackers';
import { diffClusterState } from './state-diff';

export type StateReader = (zookeeper: string, timeoutMs: number, opts: ReadStateOptions) => Promise<ClusterState>;

export interface TimelineSourcesOptions {
  /** Reads a cluster's state (tests pass a fake); ZooKeeper by default. */
  readState?: StateReader;
  /** ZooKeeper reads in flight at once per poll. */
  concurrency?: number;
  /** A ZooKeeper server silent this long is no longer waited for by the leader tracker. */
  staleMs?: number;
  /** Time of the cluster-state events (default the system clock). */
  clock?: Clock;
}

export class TimelineSources {
  private readonly states = new Map<string, ClusterState>();
  private readonly trackers: SampleTrackers;
  private readonly jobs = new JobFailureTracker();
  private readonly readState: StateReader;
  private readonly clock: Clock;

  constructor(private readonly opts: TimelineSourcesOptions = {}) {
    this.trackers = new SampleTrackers(opts.staleMs);
    this.readState = opts.readState ?? pollClusterState;
    this.clock = opts.clock ?? systemClock;
  }

  /**
   * Reads the cluster's state and returns what changed since the last successful reading (the
   * first one is the baseline: no events). Rejects when the state cannot be read; the previous
   * reading is then kept, so nothing is reported twice or lost across an outage.
   */
  async pollClusterState(clusterId: string, zookeeper: string, timeoutMs: number): Promise<TimelineEvent[]> {
    const next = await this.readState(zookeeper, timeoutMs, { concurrency: this.opts.concurrency });
    const events = diffClusterState(this.states.get(clusterId), next, clusterId, this.clock.now());
    this.states.set(clusterId, next);
    return events;
  }

  /** The last state read for a cluster (undefined before the first successful poll). */
  lastState(clusterId: string): ClusterState | undefined {
    return this.states.get(clusterId);
  }

  observe(clusterId: string, target: string, samples: readonly Sample[]): TimelineEvent[] {
    return this.trackers.observe(clusterId, target, samples);
  }

  /** The last stored status of a cluster's consumer groups, as the baseline of their status events (after a restart). */
  restoreGroupStatuses(clusterId: string, lastStatus: ReadonlyMap<string, number>): void {
    this.trackers.groups.restore(clusterId, lastStatus);
  }

  jobFinished(job: string, error: string | undefined, at: number, clusterIds: readonly string[]): TimelineEvent[] {
    return this.jobs.observe({ job, error, at }, clusterIds);
  }
}
