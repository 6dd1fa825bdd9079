/**
 * Which targets a cluster has: the ones in the config plus brokers discovered from
 * ZooKeeper. Pure functions so the merge rules are tested without any I/O.
 */
import type { ClusterConfig } from '../config/schema';
import { CLUSTER_TARGET_KEY } from '../core/target';
import type { Target } from '../core/model';

/** Every target the config names for one cluster, plus the cluster-wide pseudo target when lag can be read. */
export function targetsFromConfig(c: ClusterConfig): Target[] {
  const out: Target[] = [];
  for (const b of c.brokers) out.push({ clusterId: c.id, key: b.key, kind: 'kafka-broker', jolokiaUrl: b.jolokia, origin: 'config' });
  for (const z of c.zookeepers) {
    out.push({ clusterId: c.id, key: z.key, kind: 'zookeeper', jolokiaUrl: z.jolokia, adminUrl: z.admin, clientAddress: z.client, origin: 'config' });
  }
  for (const k of c.clients) out.push({ clusterId: c.id, key: k.key, kind: 'kafka-client', jolokiaUrl: k.jolokia, origin: 'config' });
  if (c.bootstrap.length > 0) out.push({ clusterId: c.id, key: CLUSTER_TARGET_KEY, kind: 'kafka-cluster', origin: 'config' });
  return out;
}

/**
 * Adds discovered brokers that the config does not already name. A discovered broker is the
 * same as a configured one when their Jolokia URLs match or their keys match; configured
 * entries always win (the operator's key and URL are kept).
 */
export function mergeDiscovered(configured: Target[], discovered: Target[]): { targets: Target[]; added: Target[] } {
  const urls = new Set(configured.map((t) => t.jolokiaUrl).filter((u): u is string => !!u));
  const keys = new Set(configured.map((t) => t.key));
  const added = discovered.filter((d) => !keys.has(d.key) && !(d.jolokiaUrl && urls.has(d.jolokiaUrl)));
  return { targets: [...configured, ...added], added };
}

/** Targets a job collects from: JMX needs a Jolokia URL; the ZooKeeper job needs AdminServer or a client port. */
export function jmxTargets(all: Target[]): Target[] {
  return all.filter((t) => t.jolokiaUrl && t.kind !== 'kafka-cluster');
}

export function zookeeperTargets(all: Target[]): Target[] {
  return all.filter((t) => t.kind === 'zookeeper' && (t.adminUrl || t.clientAddress));
}
