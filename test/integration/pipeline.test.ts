/**
 * The whole foundation pipeline on real parts: the local ZooKeeper ensemble, Kafka brokers and
 * client JVMs (each with a Jolokia agent) → the sidecar's scheduled jobs → a fresh MariaDB
 * database. Fault injection stops real nodes through scripts/cluster.sh.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { discoverBrokers } from '../../sidecar/src/discovery/broker-discovery';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { CatalogEntry, Target } from '../../sidecar/src/core/model';
import { clusterConfig, clusterCtl, sleep, waitFor } from '../support/cluster';
import { freshDatabase } from '../support/mysql';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;

async function cycle(times: number, gapMs = 1500): Promise<void> {
  for (let i = 0; i < times; i++) {
    await sidecar.collectOnce();
    if (i < times - 1) await sleep(gapMs);
  }
}

/** Metric keys that have at least one sample for a target. */
async function storedMetrics(pool: Pool, targetKey: string): Promise<Set<string>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT DISTINCT m.metric_key FROM FL_DOF_SERIES s
       JOIN FL_DOF_TARGET t ON t.target_id = s.target_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
      WHERE t.target_key = ? AND EXISTS (SELECT 1 FROM FL_DOF_SAMPLE x WHERE x.series_id = s.series_id)`,
    [targetKey],
  );
  return new Set(rows.map((r) => String(r.metric_key)));
}

function hasNumber(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (v && typeof v === 'object') return Object.values(v).some(hasNumber);
  return false;
}

/** True when the agent itself returns a number for the entry's MBean pattern + attribute (+ path). */
async function jolokiaHas(url: string, e: CatalogEntry): Promise<boolean> {
  if (e.source.kind !== 'jmx') return false;
  const req: Record<string, unknown> = { type: 'read', mbean: e.source.mbean, attribute: e.source.attribute };
  if (e.source.path) req.path = e.source.path;
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(req), signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { status: number; value?: unknown };
  return body.status === 200 && hasNumber(body.value);
}

async function monitorKeys(adminUrl: string): Promise<Set<string>> {
  const res = await fetch(`${adminUrl}/commands/monitor`, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as Record<string, unknown>;
  return new Set(
    Object.entries(body)
      .filter(([, v]) => typeof v === 'number')
      .map(([k]) => k),
  );
}

async function totalLag(pool: Pool, group: string): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT x.value FROM FL_DOF_SAMPLE x
       JOIN FL_DOF_SERIES s ON s.series_id = x.series_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
      WHERE m.metric_key = 'kafka.consumer_group.total_lag' AND s.labels_json = ?
      ORDER BY x.ts DESC LIMIT 1`,
    [JSON.stringify({ group })],
  );
  return rows.length ? Number(rows[0]?.value) : NaN;
}

async function eventKinds(subject: string): Promise<string[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>('SELECT kind FROM FL_DOF_EVENT WHERE subject = ? ORDER BY event_id', [subject]);
  return rows.map((r) => String(r.kind));
}

beforeAll(async () => {
  db = await freshDatabase('pipeline');
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  // An operator's own MBean, added in the config only: collected and stored with no code change.
  raw.catalog = {
    extra: [
      {
        id: 'custom.broker.produce_purgatory',
        appliesTo: 'kafka-broker',
        type: 'gauge',
        unit: 'requests',
        source: { kind: 'jmx', mbean: 'kafka.server:type=DelayedOperationPurgatory,name=PurgatorySize,delayedOperation=Produce', attribute: 'Value' },
        description: { en: 'Produce requests waiting in purgatory' },
      },
    ],
  };
  sidecar = buildSidecar(parseConfig(raw, 'test'), silentLogger, { schedule: false, api: false });
  await sidecar.start();
  await cycle(3);
});

afterAll(async () => {
  await sidecar?.stop();
  await db?.drop();
});

describe('collection from the real local cluster into MariaDB', () => {
  test('every catalogue metric that exists on a JVM is stored for that target', async () => {
    const catalog = sidecar.catalog;
    const missing: string[] = [];
    let checked = 0;
    for (const t of sidecar.allTargets().filter((x: Target) => x.jolokiaUrl)) {
      const stored = await storedMetrics(db.pool, t.key);
      for (const e of catalog.forKind(t.kind).filter((x) => x.source.kind === 'jmx')) {
        if (!(await jolokiaHas(t.jolokiaUrl as string, e))) continue;
        checked++;
        if (!stored.has(e.id)) missing.push(`${t.key}: ${e.id}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  test('a metric added in the config only is collected and stored for every broker', async () => {
    for (const key of ['broker-1', 'broker-2', 'broker-3']) expect((await storedMetrics(db.pool, key)).has('custom.broker.produce_purgatory')).toBe(true);
    const [rows] = await db.pool.query<RowDataPacket[]>("SELECT origin FROM FL_DOF_METRIC WHERE metric_key = 'custom.broker.produce_purgatory'");
    expect(rows[0]?.origin).toBe('config');
  });

  test('brokers are discovered from ZooKeeper /brokers/ids with their Jolokia URLs', async () => {
    const cfg = clusterConfig().clusters[0] as { id: string; discovery: { zookeeper: string; jolokiaUrlTemplate: string; jolokiaPortBase: number } };
    const found = await discoverBrokers({ clusterId: cfg.id, ...cfg.discovery, timeoutMs: 5000 });
    expect(found.map((t) => [t.key, t.jolokiaUrl, t.origin])).toEqual([
      ['broker-1', 'http://127.0.0.1:8781/jolokia', 'discovered'],
      ['broker-2', 'http://127.0.0.1:8782/jolokia', 'discovered'],
      ['broker-3', 'http://127.0.0.1:8783/jolokia', 'discovered'],
    ]);
  });

  test('every ZooKeeper monitor key in the catalogue is stored for each server, plus role and up', async () => {
    const missing: string[] = [];
    const leaders: string[] = [];
    for (const t of sidecar.allTargets().filter((x) => x.kind === 'zookeeper' && x.adminUrl)) {
      const keys = await monitorKeys(t.adminUrl as string);
      const stored = await storedMetrics(db.pool, t.key);
      for (const e of sidecar.catalog.zkCommandEntries()) {
        if (e.source.kind !== 'zk-command') continue;
        const derived = ['up', 'is_leader', 'server_state_code'].includes(e.source.key);
        if (!derived && !keys.has(e.source.key)) continue;
        if (!stored.has(e.id)) missing.push(`${t.key}: ${e.id}`);
      }
      if (keys.has('synced_followers')) leaders.push(t.key);
    }
    expect(missing).toEqual([]);
    expect(leaders).toHaveLength(1);
  });

  test('consumer lag is stored per group, topic and partition with no agent on the consumers', async () => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      `SELECT s.labels_json FROM FL_DOF_SERIES s JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
        WHERE m.metric_key = 'kafka.consumer_group.lag'`,
    );
    const labels = rows.map((r) => JSON.parse(String(r.labels_json)) as Record<string, string>);
    const demo = labels.filter((l) => l.group === 'doflamingo-demo');
    expect(new Set(demo.map((l) => l.topic))).toEqual(new Set(['orders', 'payments', 'clicks']));
    expect(demo.length).toBe(12);
    expect(Number.isFinite(await totalLag(db.pool, 'doflamingo-demo'))).toBe(true);
  });

  test('the status table has the last collection of every target and job', async () => {
    const [rows] = await db.pool.query<RowDataPacket[]>('SELECT job, target_key, state, last_run_at FROM FL_DOF_COLLECTOR_STATUS');
    const jmx = rows.filter((r) => r.job === 'jmx' && r.target_key !== '');
    expect(jmx.map((r) => String(r.target_key)).sort()).toEqual(
      sidecar
        .allTargets()
        .filter((t) => t.jolokiaUrl)
        .map((t) => t.key)
        .sort(),
    );
    expect(jmx.every((r) => r.state === 'up' && r.last_run_at)).toBe(true);
    expect(rows.some((r) => r.job === 'lag' && r.target_key === 'cluster' && r.state === 'up')).toBe(true);
    expect(rows.some((r) => r.job === 'zookeeper' && r.target_key === '')).toBe(true);
  });
});

describe('faults on real nodes', () => {
  test('a stopped broker is marked down while the others are still collected', async () => {
    await clusterCtl('stop', 'broker-2');
    try {
      await sidecar.collectOnce();
      const jmx = sidecar.health().filter((h) => h.job === 'jmx');
      const b2 = jmx.find((h) => h.target === 'broker-2');
      expect(b2?.state).toBe('down');
      for (const h of jmx.filter((x) => x.target !== 'broker-2')) {
        expect({ target: h.target, state: h.state }).toEqual({ target: h.target, state: 'up' });
        expect(h.samplesLastRun).toBeGreaterThan(0);
      }
      const [rows] = await db.pool.query<RowDataPacket[]>("SELECT state FROM FL_DOF_COLLECTOR_STATUS WHERE job = 'jmx' AND target_key = 'broker-2'");
      expect(rows[0]?.state).toBe('down');
      // the dead broker's alert fires at the first collection that misses it
      expect(
        sidecar.alerting
          .active('1')
          .filter((a) => a.status === 'firing')
          .map((a) => [a.ruleId, a.subject]),
      ).toContainEqual(['target-down', 'broker-2']);
      expect(await eventKinds('broker-2')).toEqual(expect.arrayContaining(['target-down', 'alert-fired']));
    } finally {
      await clusterCtl('start', 'broker-2');
    }
    await waitFor(
      'broker-2 collected again',
      async () => {
        await sidecar.collectOnce();
        return sidecar.health().find((h) => h.job === 'jmx' && h.target === 'broker-2')?.state === 'up';
      },
      120_000,
      3000,
    );
    expect(sidecar.alerting.active('1').map((a) => [a.ruleId, a.subject])).not.toContainEqual(['target-down', 'broker-2']);
    expect(await eventKinds('broker-2')).toEqual(expect.arrayContaining(['target-up', 'alert-resolved']));
  });

  test('lag grows while the consumer group is stopped', async () => {
    await clusterCtl('stop', 'consumer-1');
    await clusterCtl('stop', 'consumer-2');
    try {
      await sidecar.collectOnce();
      const before = await totalLag(db.pool, 'doflamingo-demo');
      await sleep(6000);
      await sidecar.collectOnce();
      const after = await totalLag(db.pool, 'doflamingo-demo');
      expect(after).toBeGreaterThan(before);
    } finally {
      await clusterCtl('start', 'consumer-1');
      await clusterCtl('start', 'consumer-2');
    }
  });
});

describe('retention', () => {
  test('compaction of a day the sidecar is still writing into (as if two days later) keeps every row', async () => {
    const today = 'p' + new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const cutoff = Math.floor(Date.now() / 1000) - 5;
    const snapshot = async (): Promise<string> => {
      const [r] = await db.pool.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n, SUM(CRC32(CONCAT(series_id, ':', ts, ':', value))) AS h FROM FL_DOF_SAMPLE PARTITION (${today}) WHERE ts <= ?`,
        [cutoff],
      );
      return `${String(r[0]?.n)}/${String(r[0]?.h)}`;
    };
    const before = await snapshot();
    const [r] = await sidecar.compactClosedDays(Date.now() + 2 * 86_400_000).then((all) => all.filter((x) => x.partition === today));
    expect(['compacted', 'changed']).toContain(r?.outcome);
    expect(await snapshot()).toBe(before);
  });

  test('days older than retention.rawDays are dropped as whole partitions; days ahead are created', async () => {
    const today = 'p' + new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const [before] = await db.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE PARTITION (${today})`);
    expect(Number(before[0]?.n)).toBeGreaterThan(0);
    // as if the job ran 8 days from now with the default 7 days of raw data
    const r = await sidecar.applyRetention(Date.now() + 8 * 86_400_000);
    expect(r.dropped).toContain(today);
    expect(r.added.length).toBeGreaterThan(0);
    const [parts] = await db.pool.query<RowDataPacket[]>(
      "SELECT PARTITION_NAME AS p FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'FL_DOF_SAMPLE'",
    );
    expect(parts.map((x) => String(x.p))).not.toContain(today);
  });
});
