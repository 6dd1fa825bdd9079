/**
 * Pure parsing of what Kafka (ZooKeeper mode) writes in ZooKeeper, and the discovered target it
 * becomes:
 * - `/brokers/ids/<id>`: `{"host":"h","port":9092,"endpoints":["PLAINTEXT://h:9092"],"jmx_port":-1,...}`;
 *   `host` is null and `port` -1 when there is no PLAINTEXT listener, then the first endpoint
 *   with a host is used;
 * - `/controller`: `{"version":2,"brokerid":1,"timestamp":"..."}`.
 * Nothing here throws: unusable input gives undefined.
 */
import type { Target } from '../core/model';

export interface BrokerRegistration {
  id: number;
  host: string;
  /** Kafka port of the chosen listener. */
  port?: number;
  /** Broker's JMX port when it registered one (> 0). */
  jmxPort?: number;
}

/** Host names, IPv4 and (bare) IPv6 addresses; anything else is refused (it ends up in a URL). */
const HOST = /^[A-Za-z0-9._:-]{1,253}$/;
const ENDPOINT = /^[^:/\s]+:\/\/(\[[0-9A-Fa-f:.]+\]|[^:/\s[\]]*):(\d{1,5})$/;

const validPort = (n: unknown): number | undefined => (typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined);

/** `LISTENER://host:port` → host (brackets of IPv6 removed) and port; undefined without a host. */
export function parseEndpoint(endpoint: unknown): { host: string; port: number } | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const m = ENDPOINT.exec(endpoint);
  if (!m) return undefined;
  const host = (m[1] as string).replace(/^\[|\]$/g, '');
  const port = validPort(Number(m[2]));
  return host && HOST.test(host) && port ? { host, port } : undefined;
}

/** Pure: the registration JSON of broker `id` (the znode name); undefined when unusable. */
export function parseBrokerRegistration(id: string, json: string): BrokerRegistration | undefined {
  if (!/^\d{1,10}$/.test(id)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as { host?: unknown; port?: unknown; endpoints?: unknown; jmx_port?: unknown };
  const endpoints = Array.isArray(d.endpoints) ? d.endpoints.map(parseEndpoint).filter((e) => e !== undefined) : [];
  let host = typeof d.host === 'string' && HOST.test(d.host) ? d.host : undefined;
  let port = host ? (validPort(d.port) ?? endpoints.find((e) => e.host === host)?.port) : undefined;
  if (!host && endpoints[0]) ({ host, port } = endpoints[0]);
  if (!host) return undefined;
  const reg: BrokerRegistration = { id: Number(id), host };
  if (port !== undefined) reg.port = port;
  const jmxPort = validPort(d.jmx_port);
  if (jmxPort !== undefined) reg.jmxPort = jmxPort;
  return reg;
}

/** Pure: the active controller's broker id from `/controller`; undefined when unusable. */
export function parseControllerId(json: string): number | undefined {
  try {
    const d = JSON.parse(json) as { brokerid?: unknown } | null;
    const id = d?.brokerid;
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pure: the Jolokia URL of a discovered broker: `{host}` → broker host (in brackets when IPv6),
 * `{id}` → broker id, `{port}` → `portBase + id`. Every occurrence is replaced.
 */
export function jolokiaUrlFor(template: string, b: Pick<BrokerRegistration, 'id' | 'host'>, portBase: number): string {
  const host = b.host.includes(':') ? `[${b.host}]` : b.host;
  return template
    .replace(/\{host\}/g, host)
    .replace(/\{id\}/g, String(b.id))
    .replace(/\{port\}/g, String(portBase + b.id));
}

/** Pure: the target of a discovered broker (`broker-<id>`, origin `discovered`). */
export function toTarget(clusterId: string, b: BrokerRegistration, template: string, portBase: number): Target {
  const attributes: Record<string, string> = { brokerId: String(b.id), host: b.host };
  if (b.port !== undefined) attributes.port = String(b.port);
  if (b.jmxPort !== undefined) attributes.jmxPort = String(b.jmxPort);
  return { clusterId, key: `broker-${b.id}`, kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: jolokiaUrlFor(template, b, portBase), attributes };
}
