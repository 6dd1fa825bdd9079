/**
 * Kafka brokers (ZooKeeper mode) discovered from ZooKeeper: the children of `/brokers/ids`
 * (ephemeral znodes, one per live broker) and each one's registration JSON become
 * `kafka-broker` targets. Also the active controller from `/controller`.
 */
import type { Logger } from '../log/logger';
import { CollectorError } from '../core/collection';
import type { Target } from '../core/model';
import { parseBrokerRegistration, parseControllerId, toTarget } from './broker-registration';
import { withZooKeeper } from './zk-session';

export interface DiscoveryOptions {
  clusterId: string;
  /** Connect string with optional chroot, e.g. `zk1:2181,zk2:2181/kafka`. */
  zookeeper: string;
  /** Jolokia URL of a broker: `{host}`, `{id}`, `{port}` (= jolokiaPortBase + id) are replaced. */
  jolokiaUrlTemplate: string;
  jolokiaPortBase: number;
  /** One deadline for connecting and reading everything. */
  timeoutMs: number;
  /** Told about registrations that cannot be used (skipped). */
  log?: Logger;
}

/**
 * The live brokers of a cluster as targets `broker-<id>`, sorted by id. Brokers that vanish
 * between listing and reading, or whose registration is unusable, are skipped. Rejects with
 * CollectorError: `NOT_FOUND` (not retriable) when `/brokers/ids` does not exist (wrong chroot?
 * an empty list would make every broker look gone), `TIMEOUT`/`ZK_ERROR` (retriable), `CONFIG`.
 */
export async function discoverBrokers(opts: DiscoveryOptions): Promise<Target[]> {
  return withZooKeeper(opts.zookeeper, opts.timeoutMs, async (zk) => {
    const ids = await zk.getChildren('/brokers/ids');
    if (!ids) throw new CollectorError('NOT_FOUND', `${opts.zookeeper}: /brokers/ids does not exist (is the chroot right?)`, false);
    const numeric = ids.filter((id) => /^\d{1,10}$/.test(id)).sort((a, b) => Number(a) - Number(b));
    const datas = await Promise.all(numeric.map((id) => zk.getData(`/brokers/ids/${id}`)));
    const targets: Target[] = [];
    numeric.forEach((id, i) => {
      const data = datas[i];
      if (!data) return; // the broker left between the listing and the read
      const reg = parseBrokerRegistration(id, data.toString('utf8'));
      if (reg) targets.push(toTarget(opts.clusterId, reg, opts.jolokiaUrlTemplate, opts.jolokiaPortBase));
      else opts.log?.warn('unusable broker registration skipped', { cluster: opts.clusterId, brokerId: id });
    });
    return targets;
  });
}

/** The active controller's broker id from `/controller`; undefined when there is none (election under way). */
export async function readControllerId(opts: { zookeeper: string; timeoutMs: number }): Promise<number | undefined> {
  return withZooKeeper(opts.zookeeper, opts.timeoutMs, async (zk) => {
    const data = await zk.getData('/controller');
    return data ? parseControllerId(data.toString('utf8')) : undefined;
  });
}
