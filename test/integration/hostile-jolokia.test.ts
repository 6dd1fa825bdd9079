/**
 * Caps on what a target may send, on real parts: the local cluster's brokers and ZooKeeper
 * servers, MariaDB, and beside them two hostile Jolokia agents (test/support/fake-jolokia.ts):
 * one answers a JSON body that never ends, one answers 100,000 per-partition beans. The real
 * targets are collected on every tick, the hostile ones show why they are cut, and the
 * process's memory stays bounded (measured as RSS, not timed).
 */
import type { RowDataPacket } from 'mysql2/promise';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { silentLogger } from '../../sidecar/src/log/logger';
import { clusterConfig, waitFor } from '../support/cluster';
import { type FakeJolokia, startFakeJolokia } from '../support/fake-jolokia';
import { type FloodAgent, startFloodAgent } from '../support/flood-jolokia';
import { freshDatabase } from '../support/mysql';

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_BEANS = 20_000;
const BEANS = 100_000;
const TICKS = 5;
/**
 * Bound on the peak RSS growth over the ticks. Measured on the local cluster (full GC between
 * ticks): real targets alone +23 MB; with the endless agent +54 MB (up to 16 MiB held before the
 * cut, and the HTTP client's buffers); with the 100k-bean agent +170 MB, of which ~50 MB is
 * parsing its 8 MB answer and ~110 MB creating the 20,000 series kept (the first tick; a
 * 4,000-partition broker costs a fifth of that); both +170..210 MB. Without the caps the same
 * answers grow without bound (the endless one until the timeout, ~930 MB of heap per 1M beans).
 */
const PEAK_GROWTH_MB = 300;
/** Bound on RSS growth from the second tick to the last (nothing may accumulate per tick). */
const STEADY_GROWTH_MB = 25;

/** V8's full collection, so RSS is compared on what the process holds, not on garbage not yet collected. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rssMb = (): number => process.memoryUsage().rss / 1048576;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let endless: FakeJolokia;
let flood: FloodAgent;
const realBrokers = ['broker-1', 'broker-2', 'broker-3'];

beforeAll(async () => {
  db = await freshDatabase('hostile');
  endless = await startFakeJolokia({ mode: 'endless' });
  flood = await startFloodAgent(BEANS);
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  const cluster = raw.clusters[0] as { brokers: { key: string; jolokia: string }[] };
  expect(cluster.brokers.map((b) => b.key)).toEqual(expect.arrayContaining(realBrokers));
  cluster.brokers.push({ key: 'hostile-endless', jolokia: endless.url }, { key: 'hostile-flood', jolokia: flood.url });
  sidecar = buildSidecar(parseConfig(raw, 'test'), silentLogger, { schedule: false, api: false });
  await sidecar.start();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  await endless?.stop();
  await flood?.stop();
  await db?.drop();
});

test('real targets collected on every tick beside an endless and a 100k-bean agent; the hostile ones say why; RSS bounded', async () => {
  gc();
  const rssBefore = rssMb();
  let rssPeak = rssBefore;
  const after: number[] = [];
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 10);
  try {
    for (let tick = 0; tick < TICKS; tick++) {
      const { health } = await sidecar.collectOnce();
      const jmx = (key: string) => health.find((h) => h.job === 'jmx' && h.target === key);
      // every real broker collected on this very tick
      for (const key of realBrokers)
        expect({ key, state: jmx(key)?.state, failures: jmx(key)?.consecutiveFailures, error: jmx(key)?.lastError }).toEqual({
          key,
          state: 'up',
          failures: 0,
          error: undefined,
        });
      expect(jmx('hostile-endless')).toMatchObject({
        lastErrorCode: 'TOO_LARGE',
        lastError: expect.stringContaining(`answer larger than ${MAX_RESPONSE_BYTES} bytes`),
      });
      expect(jmx('hostile-flood')).toMatchObject({ consecutiveFailures: 0 });
      expect(jmx('hostile-flood')?.warningsLastRun).toBeGreaterThan(0);
      gc();
      after.push(rssMb());
    }
  } finally {
    clearInterval(sampler);
  }
  const growth = { peak: Math.round(rssPeak - rssBefore), afterEachTick: after.map((x) => Math.round(x - rssBefore)) };
  console.log(`RSS ${Math.round(rssBefore)} MB before; growth in MB: ${JSON.stringify(growth)}`);
  expect(growth.peak).toBeLessThan(PEAK_GROWTH_MB);
  // nothing accumulates from tick to tick
  expect(after[after.length - 1]! - after[1]!).toBeLessThan(STEADY_GROWTH_MB);
  // the endless agent was cut near the cap, not read for the whole timeout
  expect(endless.posts).toBe(TICKS);

  // the flood is cut to the first MAX_BEANS beans by name: the same series every tick
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT COUNT(DISTINCT s.series_id) AS n FROM FL_DOF_SERIES s JOIN FL_DOF_TARGET t ON t.target_id = s.target_id
      JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id WHERE t.target_key = 'hostile-flood' AND m.metric_key = 'kafka.log.size'`,
  );
  expect(Number(rows[0]?.n)).toBe(MAX_BEANS);
  // said once, not once per tick
  const floodEvents = async (): Promise<string[]> => {
    const [ev] = await db.pool.query<RowDataPacket[]>(
      "SELECT severity, value FROM FL_DOF_EVENT WHERE kind = 'series-limit' AND subject = 'target=hostile-flood'",
    );
    return ev.map((e) => `${String(e.severity)} ${Number(e.value)}`);
  };
  await waitFor('the beans-cap event', async () => (await floodEvents()).length > 0, 15_000, 250);
  expect(await floodEvents()).toEqual([`warning ${BEANS}`]);
}, 180_000);
