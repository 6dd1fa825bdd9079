/** Values about targets shared by every module (the target types are in model.d.ts). */
import type { Target, TargetKind } from './model';

export const TARGET_KINDS: readonly TargetKind[] = ['kafka-broker', 'zookeeper', 'kafka-client', 'kafka-cluster'];

/** Target key of the cluster-wide pseudo target (kind `kafka-cluster`). */
export const CLUSTER_TARGET_KEY = 'cluster';

/** Globally unique id of a target: `<clusterId>/<key>`. */
export function targetId(t: Pick<Target, 'clusterId' | 'key'>): string {
  return `${t.clusterId}/${t.key}`;
}
