/**
 * The series limits on real parts: the local cluster, MariaDB, and an agent answering 20,000
 * per-partition beans (test/support/flood-jolokia.ts) with `limits.newSeriesPerTargetPerCycle`
 * at 5,000. The flood's series are created 5,000 per cycle, the rest dropped and counted in
 * `GET /status`; one `series-limit` event when the limit starts dropping and one when it stops,
 * not one per cycle; the real targets are not held back.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { StatusDto } from '../../sidecar/src/api/dto';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { silentLogger } from '../../sidecar/src/log/logger';
import { clusterConfig, waitFor } from '../support/cluster';
import { type FloodAgent, startFloodAgent } from '../support/flood-jolokia';
import { freshDatabase } from '../support/mysql';

const BEANS = 20_000;
/** The flood's series: one per bean, and the broker's log dir size summed from the same beans (kafka.broker.log_dir_bytes). */
const SERIES = BEANS + 1;
const PER_CYCLE = 5_000;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let flood: FloodAgent;

beforeAll(async () => {
  db = await freshDatabase('serieslimit');
  flood = await startFloodAgent(BEANS);
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  raw.limits = { newSeriesPerTargetPerCycle: PER_CYCLE };
  (raw.clusters[0] as { brokers: { key: string; jolokia: string }[] }).brokers.push({ key: 'flood', jolokia: flood.url });
  sidecar = buildSidecar(parseConfig(raw, 'test'), silentLogger, { schedule: false });
  await sidecar.start();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  await flood?.stop();
  await db?.drop();
});

async function floodSeries(): Promise<number> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM FL_DOF_SERIES s JOIN FL_DOF_TARGET t ON t.target_id = s.target_id WHERE t.target_key = 'flood'`,
  );
  return Number(rows[0]?.n);
}

async function limitEvents(): Promise<string[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>("SELECT severity, subject FROM FL_DOF_EVENT WHERE kind = 'series-limit' ORDER BY event_id");
  return rows.map((r) => `${String(r.severity)} ${String(r.subject)}`);
}

test('new series of a flooding target: 5,000 per cycle, the rest dropped and counted, one event when the limit starts and one when it stops', async () => {
  const status = async (): Promise<StatusDto> =>
    (await fetch(`${sidecar.url}/api/v1/status`, { signal: AbortSignal.timeout(10_000) })).json() as Promise<StatusDto>;
  const realBrokersUp = (health: Awaited<ReturnType<Sidecar['collectOnce']>>['health']): boolean =>
    ['broker-1', 'broker-2', 'broker-3'].every((k) => health.find((h) => h.job === 'jmx' && h.target === k)?.state === 'up');

  const counts: number[] = [];
  for (let cycle = 1; cycle <= 4; cycle++) {
    const { health } = await sidecar.collectOnce();
    expect(realBrokersUp(health)).toBe(true);
    counts.push(await floodSeries());
    if (cycle === 1) {
      const s = await status();
      expect(s.seriesLimits.dropped).toBe(SERIES - PER_CYCLE);
      expect(s.seriesLimits.droppedByTarget[`${s.targets[0]?.clusterId ?? ''}/flood`]).toBe(SERIES - PER_CYCLE);
      expect(s.seriesLimits.limited).toMatchObject([{ scope: 'target', target: 'flood', limit: PER_CYCLE }]);
    }
  }
  // the limit was hit on every one of the 4 cycles: one event only
  expect(counts).toEqual([5_000, 10_000, 15_000, 20_000]);
  await waitFor('the series-limit event', async () => (await limitEvents()).length === 1, 15_000, 250);
  expect(await limitEvents()).toEqual(['warning target=flood']);

  // a cycle without drops, then the next one notices it: one info event
  await sidecar.collectOnce();
  await sidecar.collectOnce();
  expect(await floodSeries()).toBe(SERIES);
  await waitFor('the cleared event', async () => (await limitEvents()).length === 2, 15_000, 250);
  expect(await limitEvents()).toEqual(['warning target=flood', 'info target=flood']);
  expect((await status()).seriesLimits.limited).toEqual([]);
}, 180_000);
