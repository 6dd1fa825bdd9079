/**
 * The sample writer while MySQL goes away and comes back, against the real MariaDB: a TCP proxy
 * in front of the server is shut (connections cut, port refused) and reopened on the same port.
 */
import net from 'net';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { silentLogger, type Logger } from '../../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../../sidecar/src/core/model';
import { migrate } from '../../sidecar/src/store/migrate';
import { createPool, parseMysqlUrl } from '../../sidecar/src/store/pool';
import { SeriesRegistry } from '../../sidecar/src/store/registry';
import { SampleWriter } from '../../sidecar/src/store/sample-writer';
import { StatusStore } from '../../sidecar/src/store/status-store';
import { freshDatabase, type FreshDatabase } from '../support/mysql';

/** A TCP forwarder that can be closed (refusing and cutting connections) and reopened on its port. */
class Proxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly to: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.to.port, this.to.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

/** Records warn/info messages, to check "log once per state change". */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    debug: () => undefined,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    child: () => log,
  };
  return log;
}

const target: Target = { clusterId: 'c1', key: 'broker-1', kind: 'kafka-broker', origin: 'config' };
const metric: CatalogEntry = {
  id: 'kafka.broker.bytes_in',
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', attribute: 'Count', labelKeys: ['topic'] },
  unit: 'bytes/s',
  type: 'counter',
  description: { en: 'Bytes in', ko: '유입 바이트' },
  origin: 'builtin',
};

function samples(n: number, t0Ms: number, series = 50): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    clusterId: 'c1',
    target: 'broker-1',
    metric: metric.id,
    labels: { topic: `t-${i % series}` },
    ts: t0Ms + Math.floor(i / series) * 1000,
    value: i + 0.5,
  }));
}

let db: FreshDatabase;
let proxy: Proxy;
let viaProxy: Pool;

async function count(): Promise<number> {
  const [rows] = await db.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
  return Number(rows[0]?.n);
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  db = await freshDatabase('store_outage');
  await migrate(db.pool, silentLogger);
  const server = parseMysqlUrl(db.url);
  proxy = new Proxy({ host: server.host, port: server.port });
  await proxy.open();
  viaProxy = createPool(`mysql://${server.user}@127.0.0.1:${proxy.port}/${db.name}`, server.password, { connectTimeoutMs: 1000 });
});
afterAll(async () => {
  await proxy?.close();
  await viaProxy?.end().catch(() => undefined);
  await db?.drop();
});

test('MySQL down then back: the same writer keeps every sample, says so once each way, and writes them all', async () => {
  const log = recordingLogger();
  const registry = new SeriesRegistry(viaProxy, silentLogger);
  await registry.upsertCluster('c1', 'test');
  await registry.upsertTargets([target]);
  await registry.upsertMetrics([metric]);
  const writer = new SampleWriter(
    viaProxy,
    registry,
    { bufferMaxSamples: 100_000, batchSize: 300, flushIntervalMs: 30, minBackoffMs: 40, maxBackoffMs: 200 },
    log,
  );
  await writer.start();
  const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
  writer.enqueue(samples(1000, t0));
  await until(async () => writer.stats().buffered === 0, 'first samples written');

  await proxy.close();
  writer.enqueue(samples(2000, t0 + 3_600_000));
  await until(() => !writer.stats().mysqlUp, 'the writer to notice MySQL is down');
  await until(() => writer.stats().failedFlushes >= 3, 'several failed attempts');
  expect(writer.stats()).toMatchObject({ buffered: 2000, dropped: 0, mysqlUp: false });
  expect(writer.stats().lastError).toBeTruthy();
  writer.enqueue(samples(500, t0 + 7_200_000)); // still accepted while down, without blocking

  await proxy.open();
  await until(() => writer.stats().buffered === 0, 'buffered samples written after MySQL is back');
  expect(writer.stats()).toMatchObject({ mysqlUp: true, written: 3500, dropped: 0, skipped: 0 });
  expect(writer.stats().lastError).toBeUndefined();
  expect(await count()).toBe(3500);
  expect(log.lines.filter((l) => l.startsWith('warn MySQL unavailable'))).toHaveLength(1);
  expect(log.lines.filter((l) => l.startsWith('info MySQL is back'))).toHaveLength(1);
  await writer.stop();
  await writer.stop(); // idempotent
});

test('a writer whose pool points at a dead port buffers; setPool() to a working pool flushes everything', async () => {
  const dead = createPool(`mysql://root@127.0.0.1:1/${db.name}`, undefined, { connectTimeoutMs: 300 });
  const registry = new SeriesRegistry(db.pool, silentLogger);
  await registry.upsertTargets([target]);
  await registry.upsertMetrics([metric]);
  const writer = new SampleWriter(dead, registry, { bufferMaxSamples: 100_000, batchSize: 500, flushIntervalMs: 20, minBackoffMs: 20 }, silentLogger);
  const before = await count();
  writer.enqueue(samples(1500, Date.UTC(2026, 10, 25, 12, 0, 0)));
  await writer.flush();
  expect(writer.stats()).toMatchObject({ buffered: 1500, mysqlUp: false, written: 0 });
  writer.setPool(db.pool);
  await writer.flush();
  expect(writer.stats()).toMatchObject({ buffered: 0, mysqlUp: true, written: 1500 });
  expect(await count()).toBe(before + 1500);
  await dead.end();
});

test('a full buffer drops the OLDEST samples, counts them, and writes the newest', async () => {
  const dead = createPool(`mysql://root@127.0.0.1:1/${db.name}`, undefined, { connectTimeoutMs: 300 });
  const registry = new SeriesRegistry(db.pool, silentLogger);
  await registry.upsertTargets([target]);
  await registry.upsertMetrics([metric]);
  const w = new SampleWriter(dead, registry, { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 20 }, silentLogger);
  const oldT = Date.UTC(2026, 10, 25, 14, 0, 0);
  const newT = Date.UTC(2026, 10, 25, 15, 0, 0);
  w.enqueue(samples(700, oldT));
  w.enqueue(samples(700, newT));
  expect(w.stats()).toMatchObject({ buffered: 1000, dropped: 400 });
  w.setPool(db.pool);
  await w.flush();
  const [rows] = await db.pool.query<RowDataPacket[]>('SELECT MIN(ts) AS lo, COUNT(*) AS n FROM FL_DOF_SAMPLE WHERE ts >= ? AND ts < ?', [
    oldT / 1000,
    newT / 1000 + 3600,
  ]);
  expect(Number(rows[0]?.n)).toBe(1000);
  // The 400 dropped are the first 400 of the old batch: 50 series × 8 seconds.
  expect(Number(rows[0]?.lo)).toBe(oldT / 1000 + 8);
  await dead.end();
});

test('status writes while MySQL is down resolve without throwing', async () => {
  const dead = createPool(`mysql://root@127.0.0.1:1/${db.name}`, undefined, { connectTimeoutMs: 300 });
  const log = recordingLogger();
  const store = new StatusStore(dead, log);
  const row = { job: 'jmx', clusterId: 'c1', target: '', state: 'ok', consecutiveFailures: 0, runs: 1, failures: 0 };
  await expect(store.recordJobs([row])).resolves.toBeUndefined();
  await expect(store.recordJobs([row])).resolves.toBeUndefined();
  expect(log.lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);
  await dead.end();
});
