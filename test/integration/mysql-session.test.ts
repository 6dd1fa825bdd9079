/**
 * The session every pool connection gets, against the real server: the pinned `sql_mode` wins over
 * a server default with NO_BACKSLASH_ESCAPES (simulated per connection, so the shared server's
 * GLOBAL settings stay untouched), and a query timeout turns a silently dropped connection (a TCP
 * proxy that stops forwarding) into a failed flush the writer reports and retries.
 */
import net from 'net';
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { CatalogEntry, Sample, Target } from '../../sidecar/src/core/model';
import { EventStore } from '../../sidecar/src/store/event-store';
import { MysqlStore } from '../../sidecar/src/store/mysql-store';
import { migrate } from '../../sidecar/src/store/migrate';
import { createPool, parseMysqlUrl, SESSION_SQL_MODE } from '../../sidecar/src/store/pool';
import { SeriesRegistry } from '../../sidecar/src/store/registry';
import { SampleWriter } from '../../sidecar/src/store/sample-writer';
import { freshDatabase, type FreshDatabase } from '../support/mysql';

/** A TCP forwarder that can black-hole: bytes are accepted and held, nothing is forwarded or answered. */
class BlackHoleProxy {
  private server?: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private readonly held = new Set<net.Socket>();
  private holding = false;
  port = 0;
  constructor(private readonly to: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      client.on('error', () => undefined);
      if (this.holding) {
        client.pause(); // accepted, never answered (no handshake reaches the server)
        this.held.add(client);
        client.on('close', () => this.held.delete(client));
        return;
      }
      const upstream = net.connect(this.to.port, this.to.host);
      upstream.on('error', () => undefined);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => (upstream.destroy(), this.pairs.delete(pair)));
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Stops forwarding on every open connection and new ones (no FIN, no RST: like a dropped route). */
  blackHole(): void {
    this.holding = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** New connections are forwarded again (the held ones are left to their client's timeouts). */
  resume(): void {
    this.holding = false;
  }

  async close(): Promise<void> {
    for (const socket of [...this.pairs].flat().concat([...this.held])) socket.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
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
/** Text that client-side escaping turns into backslash sequences: quotes, backslashes, NUL, a trailing backslash. */
const NASTY = [`it's`, 'back\\slash', `a\\'b`, 'nul\u0000byte', 'dq"x', 'end\\', `'); DROP TABLE FL_DOF_EVENT; -- `];
/** A server whose default session is hostile to client-side escaping. */
const HOSTILE_DEFAULT = "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,ANSI_QUOTES'";

let db: FreshDatabase;

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sample(topic: string, ts: number, value: number): Sample {
  return { clusterId: 'c1', target: 'broker-1', metric: metric.id, labels: { topic }, ts, value };
}

async function registryOn(pool: Pool): Promise<SeriesRegistry> {
  const registry = new SeriesRegistry(pool, silentLogger);
  await registry.upsertCluster('c1', 'test');
  await registry.upsertTargets([target]);
  await registry.upsertMetrics([metric]);
  return registry;
}

beforeAll(async () => {
  db = await freshDatabase('mysql_session');
  await migrate(db.pool, silentLogger);
});
afterAll(async () => {
  await db?.drop();
});

describe('the session sql_mode is pinned on every connection', () => {
  let hostile: Pool;
  beforeAll(() => {
    const u = parseMysqlUrl(db.url);
    hostile = createPool(db.url, u.password, { connectionLimit: 2, beforeSessionPin: HOSTILE_DEFAULT });
  });
  afterAll(async () => {
    await hostile?.end();
  });

  test('without the pin, client-side escaping breaks under NO_BACKSLASH_ESCAPES (the case the pin exists for)', async () => {
    const u = parseMysqlUrl(db.url);
    const raw = await mysql.createConnection({ host: u.host, port: u.port, user: u.user, password: u.password, database: u.database });
    try {
      await raw.query(HOSTILE_DEFAULT);
      const read = raw.query<RowDataPacket[]>('SELECT ? AS v', ['back\\slash']).then(([rows]) => rows[0]?.v as unknown);
      await expect(read).resolves.toBe('back\\\\slash'); // the escape backslash is kept as data
      await expect(raw.query('SELECT ? AS v', [`a'b`])).rejects.toThrow(/syntax/i); // \' no longer escapes the quote
    } finally {
      await raw.end();
    }
  });

  test('each connection of a pool runs with the pinned mode, whatever the default before', async () => {
    const conns = await Promise.all([hostile.getConnection(), hostile.getConnection()]);
    try {
      for (const c of conns) {
        const [rows] = await c.query<RowDataPacket[]>('SELECT @@SESSION.sql_mode AS mode');
        expect(String(rows[0]?.mode).split(',').sort()).toEqual(SESSION_SQL_MODE.split(',').sort());
      }
    } finally {
      for (const c of conns) c.release();
    }
  });

  test('labels and event messages with quotes, backslashes and NUL are stored and read back exactly', async () => {
    const registry = await registryOn(hostile);
    const writer = new SampleWriter(hostile, registry, { bufferMaxSamples: 10_000, batchSize: 100, flushIntervalMs: 20 }, silentLogger);
    await writer.start();
    const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
    writer.enqueue(NASTY.map((topic, i) => sample(topic, t0, i)));
    await until(() => writer.stats().buffered === 0, 'the samples written');
    await writer.stop();
    expect(writer.stats()).toMatchObject({ written: NASTY.length, skipped: 0, dropped: 0 });

    const [series] = await db.pool.query<RowDataPacket[]>(
      'SELECT s.labels_json, x.value FROM FL_DOF_SERIES s JOIN FL_DOF_SAMPLE x ON x.series_id = s.series_id ORDER BY x.value',
    );
    expect(series.map((r) => (JSON.parse(String(r.labels_json)) as { topic: string }).topic)).toEqual(NASTY);

    const events = new EventStore(hostile, silentLogger);
    const written = await events.append(
      NASTY.map((message, i) => ({ clusterId: 'c1', ts: t0 + i, kind: 'target-down', severity: 'warning', subject: message, message })),
    );
    expect(written).toHaveLength(NASTY.length);
    const back = await events.events({ clusterId: 'c1', fromMs: t0, toMs: t0 + 1000, limit: 100 });
    expect(back.map((e) => [e.subject, e.message]).sort()).toEqual(NASTY.map((m) => [m, m]).sort());
    const [tables] = await db.pool.query<RowDataPacket[]>("SHOW TABLES LIKE 'FL_DOF_EVENT'");
    expect(tables).toHaveLength(1);
  });
});

describe('a silently dropped connection', () => {
  let proxy: BlackHoleProxy;
  let viaProxy: Pool;
  beforeAll(async () => {
    const u = parseMysqlUrl(db.url);
    proxy = new BlackHoleProxy({ host: u.host, port: u.port });
    await proxy.open();
    viaProxy = createPool(`mysql://${u.user}@127.0.0.1:${proxy.port}/${u.database}`, u.password, {
      connectionLimit: 2,
      connectTimeoutMs: 1000,
      queryTimeoutMs: 1500,
    });
  });
  afterAll(async () => {
    await viaProxy?.end().catch(() => undefined);
    await proxy?.close();
  });

  test('fails a flush within the query timeout, shows MySQL as down, and the buffered samples land once it forwards again', async () => {
    const registry = await registryOn(viaProxy);
    const writer = new SampleWriter(
      viaProxy,
      registry,
      { bufferMaxSamples: 10_000, batchSize: 500, flushIntervalMs: 30, minBackoffMs: 50, maxBackoffMs: 300 },
      silentLogger,
    );
    await writer.start();
    const t0 = Date.UTC(2026, 10, 26, 9, 0, 0);
    writer.enqueue([sample('before', t0, 1)]);
    await until(() => writer.stats().buffered === 0, 'the first sample written');

    proxy.blackHole();
    const cutAt = Date.now();
    writer.enqueue(Array.from({ length: 300 }, (_, i) => sample(`during-${i % 30}`, t0 + 1000 + Math.floor(i / 30) * 1000, i)));
    await until(() => !writer.stats().mysqlUp, 'the writer to report MySQL down', 10_000);
    expect(Date.now() - cutAt).toBeLessThan(1500 + 3000); // the timeout, plus a flush interval and scheduling
    expect(writer.stats().lastError).toMatch(/timeout|ETIMEDOUT/i);
    await until(() => writer.stats().failedFlushes >= 2, 'a retry failing too (a new connection is held as well)', 10_000);
    expect(writer.stats()).toMatchObject({ buffered: 300, dropped: 0, mysqlUp: false });

    proxy.resume();
    await until(() => writer.stats().buffered === 0, 'the buffered samples written after the proxy forwards again');
    expect(writer.stats()).toMatchObject({ mysqlUp: true, written: 301, dropped: 0, skipped: 0 });
    await writer.stop();
    const [rows] = await db.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id WHERE s.labels_json LIKE '%during-%'",
    );
    expect(Number(rows[0]?.n)).toBe(300);
  });
});

describe("the store's pools: writes, API reads and maintenance apart, each bounded, each with its timeout", () => {
  let store: MysqlStore;
  beforeAll(() => {
    store = new MysqlStore(
      {
        url: db.url,
        poolSize: 2,
        queryTimeoutMs: 1000,
        readPoolSize: 2,
        readQueryTimeoutMs: 1000,
        maintenanceQueryTimeoutMs: 60_000,
        connectTimeoutMs: 2000,
        keepAliveInitialDelayMs: 30_000,
      },
      { migrate: false, clusters: [], metrics: [], targets: [] },
      silentLogger,
    );
  });
  afterAll(async () => {
    await store?.stop();
  });

  const settled = async (p: Promise<unknown>, ms: number): Promise<boolean> =>
    Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  test('API reads go on while every writer connection is busy; the read pool has its own bound', async () => {
    const writers = await Promise.all([store.pool.getConnection(), store.pool.getConnection()]);
    try {
      expect(await settled(store.pool.query('SELECT 1'), 300)).toBe(false); // the writer's pool is exhausted
      const [rows] = await store.readPool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE');
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(0);
      const readers = await Promise.all([store.readPool.getConnection(), store.readPool.getConnection()]);
      const third = store.readPool.getConnection();
      expect(await settled(third, 300)).toBe(false); // bounded: a third read waits
      readers[0]!.release();
      (await third).release();
      readers[1]!.release();
    } finally {
      for (const c of writers) c.release();
    }
  });

  test('a slow read fails at its timeout and the next read gets a fresh connection; maintenance queries may run longer', async () => {
    const started = Date.now();
    await expect(store.readPool.query('SELECT SLEEP(3)')).rejects.toMatchObject({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2500);
    const [ok] = await store.readPool.query<RowDataPacket[]>('SELECT 2 AS v');
    expect(ok[0]?.v).toBe(2);
    await expect(store.pool.query('SELECT SLEEP(1.5)')).rejects.toMatchObject({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' });
    const [slept] = await store.maintenancePool.query<RowDataPacket[]>('SELECT SLEEP(1.5) AS s');
    expect(Number(slept[0]?.s)).toBe(0);
  });
});
