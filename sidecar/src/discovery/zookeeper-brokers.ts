/**
 * Brokers registered in ZooKeeper (`/brokers/ids/<id>`, JSON with host/port/endpoints) as
 * targets. The client is always closed; the whole discovery has one deadline.
 */
import zookeeper from 'node-zookeeper-client';
import { CollectorError, type Target } from '../model';

export interface DiscoveryOptions {
  clusterId: string;
  /** Connect string with optional chroot, e.g. `zk1:2181,zk2:2181/kafka`. */
  zookeeper: string;
  /** `{host}`, `{id}`, `{port}` (= jolokiaPortBase + id) are replaced. */
  jolokiaUrlTemplate: string;
  jolokiaPortBase: number;
  timeoutMs: number;
}

export interface BrokerRegistration {
  id: number;
  host: string;
  port?: number;
}

/** Pure: the registration JSON of one broker; undefined when it is unusable. */
export function parseBrokerRegistration(id: string, json: string): BrokerRegistration | undefined {
  if (!/^\d+$/.test(id)) return undefined;
  let data: { host?: unknown; port?: unknown; endpoints?: unknown };
  try {
    data = JSON.parse(json) as typeof data;
  } catch {
    return undefined;
  }
  let host = typeof data.host === 'string' && data.host ? data.host : undefined;
  let port = typeof data.port === 'number' && data.port > 0 ? data.port : undefined;
  if (!host && Array.isArray(data.endpoints)) {
    const m = /^[A-Za-z_]+:\/\/\[?([^\]]*?)\]?:(\d+)$/.exec(String(data.endpoints[0] ?? ''));
    if (m) {
      host = m[1] || '127.0.0.1';
      port = Number(m[2]);
    }
  }
  return host ? { id: Number(id), host, port } : undefined;
}

/** Pure: the Jolokia URL of a discovered broker. */
export function jolokiaUrlFor(template: string, b: BrokerRegistration, portBase: number): string {
  return template.replace(/\{host\}/g, b.host).replace(/\{id\}/g, String(b.id)).replace(/\{port\}/g, String(portBase + b.id));
}

export function toTarget(clusterId: string, b: BrokerRegistration, template: string, portBase: number): Target {
  return {
    clusterId,
    key: `broker-${b.id}`,
    kind: 'kafka-broker',
    origin: 'discovered',
    jolokiaUrl: jolokiaUrlFor(template, b, portBase),
    attributes: { brokerId: String(b.id), host: b.host, ...(b.port ? { port: String(b.port) } : {}) },
  };
}

export async function discoverBrokers(opts: DiscoveryOptions): Promise<Target[]> {
  const client = zookeeper.createClient(opts.zookeeper, { sessionTimeout: Math.max(opts.timeoutMs, 4000), retries: 0, spinDelay: 200 });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollectorError('TIMEOUT', `ZooKeeper ${opts.zookeeper} did not answer in ${opts.timeoutMs} ms`, true)), opts.timeoutMs);
  });
  const call = <T>(fn: (cb: (err: Error | null, v: T) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
  const work = (async () => {
    await new Promise<void>((resolve) => {
      client.once('connected', () => resolve());
      client.connect();
    });
    let ids: string[];
    try {
      ids = await call<string[]>((cb) => client.getChildren('/brokers/ids', (err, children) => cb(err, children)));
    } catch (err) {
      const e = err as { name?: string; message?: string };
      if (e.name === 'NO_NODE' || /NO_NODE/.test(String(e.message))) return [];
      throw new CollectorError('ZK_ERROR', `reading /brokers/ids: ${e.message ?? String(err)}`, true);
    }
    const targets: Target[] = [];
    for (const id of ids.sort((a, b) => Number(a) - Number(b))) {
      const data = await call<Buffer | undefined>((cb) => client.getData(`/brokers/ids/${id}`, (err, d) => cb(err, d))).catch(() => undefined);
      const reg = data ? parseBrokerRegistration(id, data.toString('utf8')) : undefined;
      if (reg) targets.push(toTarget(opts.clusterId, reg, opts.jolokiaUrlTemplate, opts.jolokiaPortBase));
    }
    return targets;
  })();
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    client.close();
  }
}
