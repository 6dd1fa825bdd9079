/**
 * Which discovered brokers may be contacted (pure). Anyone who can write to ZooKeeper can register
 * a "broker" there; its host must match the cluster's `discovery.allow` before the sidecar sends
 * it a request (and perhaps credentials). Without `allow`, the hosts the cluster's own config
 * names are allowed: the operator already trusts them, and a broker added on one of them is found
 * without a config change; any other host needs `allow`.
 */
import type { ClusterConfig } from '../config/schema';
import { compileHostPatterns, hostOf, matchHost, parseHostPattern, type HostPattern } from '../core/host-pattern';
import type { Target } from '../core/model';

/** Every host the cluster's config names: its targets' URLs and addresses, bootstrap servers, ZooKeeper connect string. */
export function configuredHosts(c: ClusterConfig): string[] {
  const addresses = [
    ...c.brokers.map((b) => b.jolokia),
    ...c.clients.map((k) => k.jolokia),
    ...c.zookeepers.flatMap((z) => [z.jolokia, z.admin, z.client]),
    ...c.bootstrap,
    ...(c.discovery ? c.discovery.zookeeper.replace(/\/.*$/, '').split(',') : []),
  ];
  const hosts = addresses.flatMap((a) => (a ? [hostOf(a)] : [])).filter((h): h is string => !!h);
  return [...new Set(hosts)];
}

/** The allow-list of a cluster's discovery: `discovery.allow`, else its configured hosts. */
export function discoveryAllowList(c: ClusterConfig): HostPattern[] {
  if (c.discovery?.allow) return compileHostPatterns(c.discovery.allow);
  return configuredHosts(c).flatMap((h) => {
    const p = parseHostPattern(h);
    return typeof p === 'string' ? [] : [p];
  });
}

export interface RefusedBroker {
  target: Target;
  host: string;
  /** Identifies one registration: a broker registering again with another host is refused again. */
  registration: string;
}

/** Pure: the discovered targets split into those whose host (and Jolokia URL host) is allowed and the refused rest. */
export function screenDiscovered(found: readonly Target[], allow: readonly HostPattern[]): { allowed: Target[]; refused: RefusedBroker[] } {
  const allowed: Target[] = [];
  const refused: RefusedBroker[] = [];
  for (const t of found) {
    const hosts = [t.attributes?.host, t.jolokiaUrl ? hostOf(t.jolokiaUrl) : undefined].filter((h): h is string => !!h);
    const outside = hosts.length === 0 ? '(no host)' : hosts.find((h) => !matchHost(allow, h));
    if (outside === undefined) allowed.push(t);
    else refused.push({ target: t, host: outside, registration: `${t.key}@${outside}` });
  }
  return { allowed, refused };
}

/** The text of a `target-refused` event. */
export function refusalMessage(r: RefusedBroker, explicitAllow: boolean): string {
  const list = explicitAllow ? 'discovery.allow' : "the hosts of this cluster's config (set discovery.allow to trust more)";
  return `${r.target.key} registered in /brokers/ids with host ${r.host}, which is not in ${list}: not contacted`;
}
