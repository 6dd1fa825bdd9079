/**
 * Trackers fed with every landed collection (one target's samples) that return timeline events
 * when something changed: ZooKeeper leader (zk-leader-tracker.ts), consumer-group state and
 * status (group-tracker.ts), and unclean leader elections (here). Pure apart from their memory.
 */
import type { Sample } from '../core/model';
import type { TimelineEvent } from '../core/timeline-event';
import { GroupTracker } from './group-tracker';
import { ZkLeaderTracker } from './zk-leader-tracker';

/** Catalogue id of `kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec` Count (stored as a rate, 1/s). */
export const UNCLEAN_ELECTIONS = 'kafka.controller.unclean_leader_elections';

/**
 * Unclean leader elections: an event when a broker's election rate becomes > 0 (one per burst:
 * the following non-zero samples of the same burst are not repeated). The rate is a counter's
 * per-second rate, so a single election shows as > 0 for one collection.
 */
export class UncleanElectionTracker {
  /** `cluster/target` → the last sample was > 0. */
  private readonly active = new Map<string, boolean>();

  observe(clusterId: string, target: string, samples: readonly Sample[]): TimelineEvent[] {
    const events: TimelineEvent[] = [];
    for (const s of samples) {
      if (s.metric !== UNCLEAN_ELECTIONS || s.target !== target) continue;
      const key = `${clusterId}/${target}`;
      const now = s.value > 0;
      if (now && !this.active.get(key)) {
        events.push({
          clusterId,
          ts: s.ts,
          kind: 'unclean-election',
          severity: 'critical',
          subject: target,
          value: s.value,
          message: `Unclean leader election on ${target} (controller): a partition got a leader that was out of sync, committed messages may be lost (${s.value.toPrecision(3)}/s)`,
        });
      }
      this.active.set(key, now);
    }
    return events;
  }
}

/** Every sample tracker behind one call. */
export class SampleTrackers {
  readonly zkLeader: ZkLeaderTracker;
  readonly groups = new GroupTracker();
  readonly unclean = new UncleanElectionTracker();

  /** @param staleMs a ZooKeeper server silent this long is no longer waited for. */
  constructor(staleMs = 60_000) {
    this.zkLeader = new ZkLeaderTracker(staleMs);
  }

  /** One landed collection (the samples of `target` in `clusterId`) → events, in a stable order. */
  observe(clusterId: string, target: string, samples: readonly Sample[]): TimelineEvent[] {
    if (samples.length === 0) return [];
    return [
      ...this.zkLeader.observe(clusterId, target, samples),
      ...this.groups.observe(clusterId, samples),
      ...this.unclean.observe(clusterId, target, samples),
    ];
  }
}
