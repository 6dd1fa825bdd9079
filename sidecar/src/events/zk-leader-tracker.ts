/**
 * ZooKeeper leader changes from the ZooKeeper collector's samples (`zookeeper.up`,
 * `zookeeper.is_leader`, one batch per server and collection). Pure apart from its own memory.
 *
 * Servers of one collection land one by one, so the leader is decided only once every server
 * seen recently has reported for the newest collection time (samples of one run share `ts`):
 * deciding after each server would see the old leader and the new one at the same time. A
 * server that answered nothing counts as not leading. Servers silent for `staleMs` are left
 * out (removed from the config). The second collection is the baseline and gives no event (after
 * the first one it is known which servers exist).
 */
import type { Sample } from '../core/model';
import type { TimelineEvent } from '../core/timeline-event';

export const ZK_UP = 'zookeeper.up';
export const ZK_IS_LEADER = 'zookeeper.is_leader';

interface ServerView {
  ts: number;
  leading: boolean;
}

interface ClusterView {
  servers: Map<string, ServerView>;
  /** The first collection time seen: which servers exist is known only once it is complete. */
  firstTs: number;
  /** Leaders of the last decided collection, sorted; undefined before the first decision. */
  leaders?: string[];
  decidedTs?: number;
  /** The last server that was the only leader (named when the ensemble has none). */
  lastLeader?: string;
}

const describe = (leaders: readonly string[]): string => (leaders.length === 0 ? 'no leader' : leaders.join(', '));

export class ZkLeaderTracker {
  private readonly clusters = new Map<string, ClusterView>();

  constructor(private readonly staleMs = 60_000) {}

  /** One server's batch; events when a whole collection is in and its leader differs from the last one. */
  observe(clusterId: string, target: string, samples: readonly Sample[]): TimelineEvent[] {
    const up = samples.find((s) => s.metric === ZK_UP && s.target === target);
    const isLeader = samples.find((s) => s.metric === ZK_IS_LEADER && s.target === target);
    const seen = up ?? isLeader;
    if (!seen) return []; // not a ZooKeeper collection (e.g. the JVM metrics of a ZooKeeper server)
    const view = this.clusters.get(clusterId) ?? { servers: new Map<string, ServerView>(), firstTs: seen.ts };
    this.clusters.set(clusterId, view);
    view.servers.set(target, { ts: seen.ts, leading: up?.value !== 0 && isLeader?.value === 1 });
    return this.decide(clusterId, view);
  }

  private decide(clusterId: string, view: ClusterView): TimelineEvent[] {
    const newest = Math.max(...[...view.servers.values()].map((s) => s.ts));
    if (newest <= view.firstTs) return []; // the first collection only tells which servers exist
    const current = [...view.servers].filter(([, s]) => s.ts >= newest - this.staleMs);
    if (current.some(([, s]) => s.ts < newest)) return []; // this collection is not complete yet
    if (view.decidedTs !== undefined && view.decidedTs >= newest) return [];
    view.decidedTs = newest;
    const leaders = current
      .filter(([, s]) => s.leading)
      .map(([k]) => k)
      .sort();
    const before = view.leaders;
    view.leaders = leaders;
    const lastLeader = view.lastLeader;
    if (leaders.length === 1) view.lastLeader = leaders[0];
    if (!before || before.join(',') === leaders.join(',')) return [];
    return [leaderEvent(clusterId, newest, before, leaders, lastLeader)];
  }
}

/** Pure: the event of the leader set changing from `before` to `after`. */
export function leaderEvent(clusterId: string, ts: number, before: readonly string[], after: readonly string[], lastLeader?: string): TimelineEvent {
  const base = { clusterId, ts, kind: 'zk-leader-changed' as const, value: after.length };
  if (after.length === 0) {
    const was = before.length ? before.join(', ') : lastLeader;
    return { ...base, severity: 'critical', subject: was ?? '', message: `ZooKeeper ensemble has no leader${was ? ` (was ${was})` : ''}` };
  }
  if (after.length > 1) {
    return {
      ...base,
      severity: 'critical',
      subject: after.join(','),
      message: `ZooKeeper reports ${after.length} leaders: ${after.join(', ')} (was ${describe(before)})`,
    };
  }
  const leader = after[0] as string;
  if (before.length === 0) {
    const previous = lastLeader && lastLeader !== leader ? `; the last leader was ${lastLeader}` : '';
    return { ...base, severity: 'warning', subject: leader, message: `ZooKeeper leader elected: ${leader} (after a time with no leader${previous})` };
  }
  return { ...base, severity: 'warning', subject: leader, message: `ZooKeeper leader changed from ${describe(before)} to ${leader}` };
}
