/**
 * Limits on new series, so new bean names (a topic flood, a runaway client-id, a hostile agent)
 * can never grow FL_DOF_SERIES and the registry's memory without bound:
 * - per target per collection cycle (samples of one target with the same timestamp): at most
 *   `newPerTargetPerCycle` series are created, the others wait for later cycles;
 * - per cluster: at most `perCluster` series known to this sidecar in all.
 * Samples of a series over a limit are dropped and counted. A limit "is hit" (a change `hit`)
 * at the first cycle that drops a sample and "clears" after a later cycle of the same target or
 * cluster dropped none (noticed when the cycle after that one begins): once each, never per
 * cycle. The per-cluster count is of series this sidecar resolved since it started. Pure apart
 * from its own memory.
 */

export interface SeriesLimitOptions {
  newPerTargetPerCycle: number;
  perCluster: number;
}

export type LimitScope = 'target' | 'cluster';

export interface SeriesLimitChange {
  state: 'hit' | 'cleared';
  scope: LimitScope;
  clusterId: string;
  /** The target, for a per-target limit. */
  target?: string;
  /** The limit that applies. */
  limit: number;
  /** Samples dropped by this limit since it was hit (for `cleared`) or in the cycle that hit it. */
  dropped: number;
  ts: number;
}

/** A limit being hit now, for `/status`. */
export interface SeriesLimitState {
  scope: LimitScope;
  clusterId: string;
  target?: string;
  limit: number;
  since: number;
  dropped: number;
}

export interface SeriesLimitStats {
  /** Samples dropped by the limits since start. */
  dropped: number;
  /** Dropped since start, per `cluster/target`. */
  droppedByTarget: Record<string, number>;
  limited: SeriesLimitState[];
}

interface Cycle {
  ts: number;
  created: number;
  dropped: number;
}

export class SeriesLimits {
  /** `cluster\0target` → its latest cycle seen. */
  private readonly cycles = new Map<string, Cycle>();
  /** Cluster → its latest cycle seen (drops by the cluster limit only). */
  private readonly clusterCycles = new Map<string, Cycle>();
  private readonly perCluster = new Map<string, number>();
  private readonly limited = new Map<string, SeriesLimitState>();
  private readonly droppedByTarget = new Map<string, number>();
  private dropped = 0;
  private changes: SeriesLimitChange[] = [];

  constructor(readonly opts: SeriesLimitOptions) {}

  /**
   * A sample of `clusterId`/`target` at `ts` whose series is known: lets a limit clear when a
   * newer cycle comes without drops (call once per target and timestamp; repeated calls are cheap).
   */
  seen(clusterId: string, target: string, ts: number): void {
    this.cycleOf(this.cycles, `${clusterId}\u0000${target}`, ts, 'target', clusterId, target);
    this.cycleOf(this.clusterCycles, clusterId, ts, 'cluster', clusterId);
  }

  /** May a new series of this target be created for its sample at `ts`? Counts it either way. */
  admit(clusterId: string, target: string, ts: number): boolean {
    const key = `${clusterId}\u0000${target}`;
    const cycle = this.cycleOf(this.cycles, key, ts, 'target', clusterId, target);
    const clusterCycle = this.cycleOf(this.clusterCycles, clusterId, ts, 'cluster', clusterId);
    const total = this.perCluster.get(clusterId) ?? 0;
    let scope: LimitScope | undefined;
    if (cycle.created >= this.opts.newPerTargetPerCycle) scope = 'target';
    else if (total >= this.opts.perCluster) scope = 'cluster';
    if (scope === undefined) {
      cycle.created += 1;
      this.perCluster.set(clusterId, total + 1);
      return true;
    }
    this.dropped += 1;
    this.droppedByTarget.set(`${clusterId}/${target}`, (this.droppedByTarget.get(`${clusterId}/${target}`) ?? 0) + 1);
    const c = scope === 'target' ? cycle : clusterCycle;
    c.dropped += 1;
    const limitKey = scope === 'target' ? `target\u0000${key}` : `cluster\u0000${clusterId}`;
    const state = this.limited.get(limitKey);
    if (state) state.dropped += 1;
    else {
      const limit = scope === 'target' ? this.opts.newPerTargetPerCycle : this.opts.perCluster;
      this.limited.set(limitKey, { scope, clusterId, ...(scope === 'target' ? { target } : {}), limit, since: ts, dropped: 1 });
      this.changes.push({ state: 'hit', scope, clusterId, ...(scope === 'target' ? { target } : {}), limit, dropped: 1, ts });
    }
    return false;
  }

  /** A series admitted for the sample at `ts` that was not created after all (MySQL failed): gives its places back. */
  release(clusterId: string, target: string, ts: number): void {
    this.perCluster.set(clusterId, Math.max(0, (this.perCluster.get(clusterId) ?? 0) - 1));
    const cycle = this.cycles.get(`${clusterId}\u0000${target}`);
    if (cycle && cycle.ts === ts) cycle.created = Math.max(0, cycle.created - 1);
  }

  /** `count` series of the cluster were forgotten (not seen within retention): they no longer count towards `perCluster`. */
  forgotten(clusterId: string, count: number): void {
    this.perCluster.set(clusterId, Math.max(0, (this.perCluster.get(clusterId) ?? 0) - count));
  }

  /** Hits and clears since the last call, in order. */
  takeChanges(): SeriesLimitChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  stats(): SeriesLimitStats {
    return { dropped: this.dropped, droppedByTarget: Object.fromEntries(this.droppedByTarget), limited: [...this.limited.values()].map((s) => ({ ...s })) };
  }

  /** The cycle of `key` at `ts`: a newer `ts` starts a new cycle, and a limit whose previous cycle dropped nothing clears. */
  private cycleOf(cycles: Map<string, Cycle>, key: string, ts: number, scope: LimitScope, clusterId: string, target?: string): Cycle {
    let c = cycles.get(key);
    if (c && ts <= c.ts) return c;
    if (c && c.dropped === 0) {
      const limitKey = scope === 'target' ? `target\u0000${key}` : `cluster\u0000${clusterId}`;
      const state = this.limited.get(limitKey);
      if (state) {
        this.limited.delete(limitKey);
        this.changes.push({ state: 'cleared', scope, clusterId, ...(target !== undefined ? { target } : {}), limit: state.limit, dropped: state.dropped, ts });
      }
    }
    c = { ts, created: 0, dropped: 0 };
    cycles.set(key, c);
    return c;
  }
}
