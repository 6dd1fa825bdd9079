/** The targets of every cluster now (configured + discovered), with a kind index looked up for every landed batch. */
import type { Config } from '../config/schema';
import type { Target } from '../core/model';
import { targetsFromConfig } from './targets';

export class TargetSet {
  private readonly byCluster = new Map<string, Target[]>();
  private readonly kinds = new Map<string, Map<string, Target['kind']>>();

  /** Starts with the targets the config names. */
  constructor(clusters: Config['clusters']) {
    for (const c of clusters) this.set(c.id, targetsFromConfig(c));
  }

  of(clusterId: string): Target[] | undefined {
    return this.byCluster.get(clusterId);
  }

  all(): Target[] {
    return [...this.byCluster.values()].flat();
  }

  set(clusterId: string, targets: Target[]): void {
    this.byCluster.set(clusterId, targets);
    this.kinds.set(clusterId, new Map(targets.map((t) => [t.key, t.kind])));
  }

  kindOf(clusterId: string, key: string): Target['kind'] | undefined {
    return this.kinds.get(clusterId)?.get(key);
  }
}
