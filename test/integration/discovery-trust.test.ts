/**
 * Trust on the real local cluster: "brokers" registered in ZooKeeper's /brokers/ids by someone
 * else. One on a host outside discovery.allow must never be contacted (so never sent credentials)
 * and must be named by one target-refused event; one on an allowed host outside every credential
 * scope is collected without an Authorization header; the real brokers are collected as before.
 * The registrations are ephemeral znodes of this test's own ZooKeeper session (they vanish with
 * it) pointing at HTTP servers of this test that record every request.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import zookeeper from 'node-zookeeper-client';
import type { RowDataPacket } from 'mysql2/promise';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { discoveryAllowList, screenDiscovered } from '../../sidecar/src/app/discovery-trust';
import { discoverBrokers } from '../../sidecar/src/discovery/broker-discovery';
import { createLogger } from '../../sidecar/src/log/logger';
import { clusterConfig, endpoints } from '../support/cluster';
import { freshDatabase } from '../support/mysql';

const PORT_BASE = 8780;
const SECRETS = { DOF_TRUST_GLOBAL_PW: 'global-Pw-7f3a91', DOF_TRUST_SCOPED_PW: 'scoped-Pw-2c8e44' };

interface Recorder {
  host: string;
  port: number;
  requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

/** An HTTP server on `host:port` recording every request; answers like an agent with nothing to read. */
function recorder(host: string, port: number): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        host,
        port: (server.address() as AddressInfo).port,
        requests,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/** Broker ids whose Jolokia port (PORT_BASE + id) is free on both hosts; servers listening there. */
async function hostileServers(): Promise<{ refusedId: number; unscopedId: number; refused: Recorder; unscoped: Recorder }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const refusedId = 30_000 + Math.floor(Math.random() * 20_000);
    const unscopedId = refusedId + 1;
    const refused = await recorder('127.0.0.2', PORT_BASE + refusedId).catch(() => undefined);
    const unscoped = refused ? await recorder('127.0.0.3', PORT_BASE + unscopedId).catch(() => undefined) : undefined;
    if (refused && unscoped) return { refusedId, unscopedId, refused, unscoped };
    await refused?.close();
  }
  throw new Error('no free port pair for the hostile servers');
}

type ZkClient = ReturnType<typeof zookeeper.createClient>;
/** Writes, which the sidecar never does (so its declaration of the library leaves them out). */
interface ZkWriter {
  create(path: string, data: Buffer, mode: number, callback: (error: Error | null) => void): void;
  remove(path: string, version: number, callback: (error: Error | null) => void): void;
}
const EPHEMERAL = (zookeeper as unknown as { CreateMode: { EPHEMERAL: number } }).CreateMode.EPHEMERAL;

function connect(connectString: string): Promise<ZkClient> {
  const client = zookeeper.createClient(connectString, { sessionTimeout: 10_000, retries: 1 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ZooKeeper ${connectString} did not answer`)), 15_000);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

const getData = (zk: ZkClient, path: string): Promise<Buffer> =>
  new Promise((resolve, reject) => zk.getData(path, (err, data) => (err || !data ? reject(err ?? new Error(`${path}: no data`)) : resolve(data))));

const createEphemeral = (zk: ZkClient, path: string, data: Buffer): Promise<void> =>
  new Promise((resolve, reject) => (zk as unknown as ZkWriter).create(path, data, EPHEMERAL, (err) => (err ? reject(err) : resolve())));

const remove = (zk: ZkClient, path: string): Promise<void> => new Promise((resolve) => (zk as unknown as ZkWriter).remove(path, -1, () => resolve()));

/** A registration shaped like a real broker's (copied from broker 1), on another host; its Kafka port is closed. */
function registrationLike(real: Record<string, unknown>, host: string): Buffer {
  const listener = String((real.endpoints as string[])[0]).split('://')[0];
  return Buffer.from(JSON.stringify({ ...real, host, port: 1, endpoints: [`${listener}://${host}:1`], jmx_port: -1, timestamp: String(Date.now()) }));
}

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let zk: ZkClient;
let servers: Awaited<ReturnType<typeof hostileServers>>;
const logLines: string[] = [];
const registered: string[] = [];

beforeAll(async () => {
  servers = await hostileServers();
  zk = await connect(endpoints().zookeeperConnect);
  const real = JSON.parse((await getData(zk, '/brokers/ids/1')).toString('utf8')) as Record<string, unknown>;
  for (const [id, host] of [
    [servers.refusedId, servers.refused.host],
    [servers.unscopedId, servers.unscoped.host],
  ] as const) {
    await createEphemeral(zk, `/brokers/ids/${id}`, registrationLike(real, host));
    registered.push(`/brokers/ids/${id}`);
  }

  db = await freshDatabase('trust');
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  raw.jolokia = {
    timeoutMs: 3000,
    auth: { username: 'global', passwordEnv: 'DOF_TRUST_GLOBAL_PW' },
    credentials: [{ hosts: ['127.0.0.1'], username: 'scoped', passwordEnv: 'DOF_TRUST_SCOPED_PW' }],
  };
  const cluster = raw.clusters[0] as { discovery: Record<string, unknown> };
  cluster.discovery = { ...cluster.discovery, jolokiaPortBase: PORT_BASE, allow: ['127.0.0.1', '127.0.0.3'] };
  const log = createLogger('debug', (line) => logLines.push(line));
  sidecar = buildSidecar(parseConfig(raw, 'test'), log, { schedule: false, api: false, env: { ...process.env, ...SECRETS } });
  await sidecar.start();
  await sidecar.collectOnce();
  await sidecar.collectOnce();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  for (const path of registered) await remove(zk, path);
  zk?.close();
  await servers?.refused.close();
  await servers?.unscoped.close();
  await db?.drop();
});

test('the broker registered on a host outside discovery.allow is never contacted and is no target', () => {
  expect(servers.refused.requests).toEqual([]);
  const keys = sidecar.allTargets().map((t) => t.key);
  expect(keys).not.toContain(`broker-${servers.refusedId}`);
  expect(sidecar.allTargets().filter((t) => t.jolokiaUrl?.includes('127.0.0.2'))).toEqual([]);
});

test('the broker on an allowed host outside every credential scope is collected without credentials', () => {
  expect(sidecar.allTargets().map((t) => t.key)).toContain(`broker-${servers.unscopedId}`);
  expect(servers.unscoped.requests.length).toBeGreaterThanOrEqual(2);
  expect(servers.unscoped.requests.filter((r) => r.authorization !== undefined)).toEqual([]);
});

test('one target-refused event names the broker, its host and why — once, not once per discovery', async () => {
  const [rows] = await db.pool.query<RowDataPacket[]>("SELECT subject, severity, message FROM FL_DOF_EVENT WHERE kind = 'target-refused'");
  expect(rows.map((r) => ({ subject: r.subject, severity: r.severity, message: r.message }))).toEqual([
    {
      subject: `broker-${servers.refusedId}`,
      severity: 'warning',
      message: `broker-${servers.refusedId} registered in /brokers/ids with host 127.0.0.2, which is not in discovery.allow: not contacted`,
    },
  ]);
});

test('the real brokers are collected as before', () => {
  const jmx = sidecar.health().filter((h) => h.job === 'jmx');
  for (const key of ['broker-1', 'broker-2', 'broker-3']) {
    expect([key, jmx.find((h) => h.target === key)?.state]).toEqual([key, 'up']);
  }
});

test('neither password appears in any log line', () => {
  expect(logLines.length).toBeGreaterThan(0);
  for (const secret of Object.values(SECRETS)) expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
  expect(logLines.some((l) => l.includes('discovered brokers refused'))).toBe(true);
});

test('the config scripts/cluster.sh writes (no discovery.allow): the real brokers are allowed, both strangers refused', async () => {
  const cluster = parseConfig(clusterConfig(), 'cluster.sh').clusters[0]!;
  const discovery = cluster.discovery!;
  const found = await discoverBrokers({ clusterId: cluster.id, ...discovery, timeoutMs: 5000 });
  const { allowed, refused } = screenDiscovered(found, discoveryAllowList(cluster));
  expect(allowed.map((t) => t.key)).toEqual(['broker-1', 'broker-2', 'broker-3']);
  expect(refused.map((r) => r.registration).sort()).toEqual([`broker-${servers.refusedId}@127.0.0.2`, `broker-${servers.unscopedId}@127.0.0.3`].sort());
});
