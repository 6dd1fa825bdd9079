/**
 * Plausibility on real parts: the local cluster's brokers and ZooKeeper servers, MariaDB, and
 * beside them a Jolokia agent (test/support/fake-jolokia.ts, a real broker's snapshot) that
 * answers huge, infinite and out-of-range values next to good ones. Through the real collection
 * path: nothing implausible is stored, the good values of that agent are, the rejections are
 * counted per target in /status and /clusters/:cid/targets, and no real target has any.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import type { StatusDto, TargetDto } from '../../sidecar/src/api/dto';
import { silentLogger } from '../../sidecar/src/log/logger';
import { clusterConfig } from '../support/cluster';
import { type FakeJolokia, loadFixture, type Snapshot, startFakeJolokia } from '../support/fake-jolokia';
import { freshDatabase } from '../support/mysql';

const TICKS = 3;
const OS = 'java.lang:type=OperatingSystem';
const THREADING = 'java.lang:type=Threading';
const BYTES_IN = 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec';

/** A real broker's beans with implausible values put in: a negative count, a CPU load of 42.5, 1.7e308, "1e999", "Infinity", "NaN". */
function implausibleBroker(): Snapshot {
  const s = loadFixture('broker');
  const bean = (name: string): Record<string, unknown> => {
    const b = s.beans[name];
    if (!b) throw new Error(`fixture has no ${name}`);
    return b;
  };
  Object.assign(bean(OS), { OpenFileDescriptorCount: -1, ProcessCpuLoad: 42.5, SystemCpuLoad: '1e999', MaxFileDescriptorCount: 1.7e308 });
  Object.assign(bean(THREADING), { ThreadCount: 'Infinity' });
  Object.assign(bean(BYTES_IN), { Count: 'NaN' });
  return s;
}
const IMPLAUSIBLE = ['jvm.os.open_fds', 'jvm.os.process_cpu_load', 'jvm.os.system_cpu_load', 'jvm.os.max_fds', 'jvm.threads', 'kafka.broker.bytes_in'];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let agent: FakeJolokia;
let clusterId: string;

beforeAll(async () => {
  db = await freshDatabase('implausible');
  agent = await startFakeJolokia({ snapshot: implausibleBroker() });
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  const cluster = raw.clusters[0] as { id: string; brokers: { key: string; jolokia: string }[] };
  clusterId = cluster.id;
  cluster.brokers.push({ key: 'implausible', jolokia: agent.url });
  sidecar = buildSidecar(parseConfig(raw, 'test'), silentLogger, { schedule: false });
  await sidecar.start();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  await agent?.stop();
  await db?.drop();
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${sidecar.url}/api/v1${path}`, { signal: AbortSignal.timeout(10_000) });
  expect([path, res.status]).toEqual([path, 200]);
  return (await res.json()) as T;
}

/** Stored values of `target` per metric. */
async function stored(target: string): Promise<Map<string, number[]>> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT m.metric_key, x.value FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id
      JOIN FL_DOF_TARGET t ON t.target_id = s.target_id JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id WHERE t.target_key = ?`,
    [target],
  );
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(String(r.metric_key), [...(out.get(String(r.metric_key)) ?? []), Number(r.value)]);
  return out;
}

test('implausible values are rejected and counted, the good ones beside them stored; real targets reject nothing', async () => {
  // each collectOnce() flushes to MariaDB before it resolves
  for (let tick = 0; tick < TICKS; tick++) await sidecar.collectOnce();

  const status = await api<StatusDto>('/status');
  const jmx = (key: string) => status.targets.find((h) => h.job === 'jmx' && h.target === key);
  // the event store wrote every event (none waits, none refused)
  expect(status.events).toEqual({ pending: 0, dropped: 0, refused: 0 });
  // 6 rejected values per tick: 5 gauges and the bytes_in counter's "NaN"
  expect(jmx('implausible')).toMatchObject({ state: 'up', rejected: 6 * TICKS });
  expect(jmx('implausible')?.lastRejectReason).toEqual(expect.any(String));
  for (const h of status.targets.filter((x) => x.target !== 'implausible'))
    expect({ target: h.target, job: h.job, rejected: h.rejected, reason: h.lastRejectReason }).toEqual({
      target: h.target,
      job: h.job,
      rejected: 0,
      reason: undefined,
    });

  const targets = await api<TargetDto[]>(`/clusters/${clusterId}/targets`);
  expect(targets.find((t) => t.key === 'implausible')).toMatchObject({ rejected: 6 * TICKS, lastRejectReason: expect.any(String) });
  expect(targets.filter((t) => t.key !== 'implausible').every((t) => t.rejected === 0)).toBe(true);

  const mine = await stored('implausible');
  // ticks in the same second share one row per series (the key is series and second)
  expect(mine.get('jvm.heap.used')?.length).toBeGreaterThan(0);
  for (const metric of IMPLAUSIBLE) expect({ metric, values: mine.get(metric) }).toEqual({ metric, values: undefined });
  expect(mine.get('kafka.broker.under_replicated_partitions')?.length).toBeGreaterThan(0);
  for (const [, values] of mine) for (const v of values) expect(Math.abs(v)).toBeLessThan(2 ** 63);
  // the real brokers' values of the same metrics are stored
  expect((await stored('broker-1')).get('jvm.os.open_fds')?.length).toBeGreaterThan(0);
}, 180_000);
