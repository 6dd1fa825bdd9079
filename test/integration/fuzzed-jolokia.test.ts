/**
 * A fuzzed Jolokia target beside the real cluster: the local cluster's brokers and ZooKeeper
 * servers, MariaDB, and FUZZ_TARGETS broker targets on an agent (test/support/jolokia-fuzz.ts)
 * that answers every bulk read with a new generated answer (huge and non-finite numbers,
 * "Infinity" strings, wrong types, many beans with odd names, bodies cut short or not JSON).
 * Rounds of the real collection path for about a minute: no crash, every real target up in every
 * round, nothing non-finite or outside its catalogue bounds in FL_DOF_SAMPLE, an event written
 * at the end lands, RSS bounded. The seed is fixed (FUZZ_SEED overrides it) and printed.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { boundsOf } from '../../sidecar/src/catalog/bounds';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { silentLogger } from '../../sidecar/src/log/logger';
import { clusterConfig } from '../support/cluster';
import { type FuzzAgent, startFuzzAgent } from '../support/jolokia-fuzz';
import { freshDatabase } from '../support/mysql';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const FUZZ_TARGETS = 4;
const MAX_ROUNDS = 300;
const MIN_ROUNDS = 40;
const TIME_BOX_MS = 60_000;
/** Most beans one generated wildcard answer has (one answer in ~50 per pattern goes past 20). */
const MAX_BEANS = 2000;
/** Generated bean names are new series: the cluster's series are capped so the registry stops growing once the cap is reached. */
const SERIES_PER_CLUSTER = 50_000;
/**
 * Bounds on memory over the rounds. Measured on the local cluster (seed 20261202, 300 rounds):
 * peak RSS growth 237..266 MB; heap retained after a full GC +55..64 MB, growing ~0.15 MB a round with
 * a step of ~20 MB at the round whose answer has thousands of very long bean names (the caches
 * keyed by bean name and series are bounded by entry count, see the report). A leak of the
 * generated answers themselves (1,200 of up to several MB) would pass both bounds many times over.
 */
const PEAK_RSS_GROWTH_MB = 350;
const RETAINED_HEAP_GROWTH_MB = 120;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rssMb = (): number => process.memoryUsage().rss / 1048576;
const heapMb = (): number => process.memoryUsage().heapUsed / 1048576;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let agent: FuzzAgent;
let clusterId: string;
const fuzzKeys = Array.from({ length: FUZZ_TARGETS }, (_, i) => `fuzz-${i + 1}`);

beforeAll(async () => {
  db = await freshDatabase('fuzz');
  agent = await startFuzzAgent(SEED, { maxBeans: MAX_BEANS });
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.limits = { seriesPerCluster: SERIES_PER_CLUSTER };
  const cluster = raw.clusters[0] as { id: string; brokers: { key: string; jolokia: string }[] };
  clusterId = cluster.id;
  for (const key of fuzzKeys) cluster.brokers.push({ key, jolokia: agent.urlFor(key) });
  sidecar = buildSidecar(parseConfig(raw, 'test'), silentLogger, { schedule: false, api: false });
  await sidecar.start();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  await agent?.stop();
  await db?.drop();
});

/** Stored samples outside their catalogue entry's bounds (or of no entry), by SQL against a table of the bounds. */
async function implausibleStored(): Promise<RowDataPacket[]> {
  await db.pool.query(
    'CREATE TABLE fuzz_bounds (metric_key VARCHAR(128) NOT NULL, kind VARCHAR(16) NOT NULL, lo DOUBLE NOT NULL, hi DOUBLE NOT NULL, PRIMARY KEY (metric_key, kind))',
  );
  const rows = new Map<string, unknown[]>();
  for (const e of sidecar.catalog.all()) {
    const own = sidecar.catalog.get(e.id, e.appliesTo) ?? e;
    const b = boundsOf(own);
    rows.set(`${e.id}/${e.appliesTo}`, [e.id, e.appliesTo, b.min, b.max]);
    const any = boundsOf(sidecar.catalog.get(e.id) ?? e);
    rows.set(`${e.id}/*`, [e.id, '*', any.min, any.max]);
  }
  await db.pool.query('INSERT INTO fuzz_bounds (metric_key, kind, lo, hi) VALUES ?', [[...rows.values()]]);
  // the bounds of the target's kind, else the metric's (as the collection engine screens)
  const [bad] = await db.pool.query<RowDataPacket[]>(
    `SELECT t.target_key, t.kind, m.metric_key, x.value, COALESCE(own.lo, anyk.lo) AS lo, COALESCE(own.hi, anyk.hi) AS hi
       FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id
       JOIN FL_DOF_TARGET t ON t.target_id = s.target_id JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
       LEFT JOIN fuzz_bounds own ON own.metric_key = m.metric_key AND own.kind = t.kind
       LEFT JOIN fuzz_bounds anyk ON anyk.metric_key = m.metric_key AND anyk.kind = '*'
      WHERE COALESCE(own.lo, anyk.lo) IS NULL OR x.value < COALESCE(own.lo, anyk.lo) OR x.value > COALESCE(own.hi, anyk.hi)
      LIMIT 20`,
  );
  return bad;
}

test('a fuzzed agent beside the real cluster: real targets up every round, nothing implausible stored, events not blocked, RSS bounded', async () => {
  gc();
  const rssBefore = rssMb();
  const heapBefore = heapMb();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 20);
  const startedAt = Date.now();
  let rounds = 0;
  let written = 0;
  const fuzzStates = new Map<string, number>();
  const afterGc: number[] = [];
  try {
    while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || Date.now() - startedAt < TIME_BOX_MS)) {
      const round = await sidecar.collectOnce();
      rounds++;
      written = round.written;
      for (const h of round.health) {
        if (fuzzKeys.includes(h.target)) {
          const k = `${h.state}${h.lastErrorCode ? ` ${h.lastErrorCode}` : ''}`;
          fuzzStates.set(k, (fuzzStates.get(k) ?? 0) + 1);
          continue;
        }
        // every real target collected in this very round
        if (h.state !== 'up' || h.consecutiveFailures !== 0)
          throw new Error(`round ${rounds} (FUZZ_SEED=${SEED}): real target ${h.job}/${h.target} ${h.state}: ${h.lastError ?? ''}`);
      }
      if (rounds % 25 === 0) {
        gc();
        afterGc.push(Math.round(rssMb() - rssBefore));
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  gc();
  const growth = { peak: Math.round(rssPeak - rssBefore), every25Rounds: afterGc, retainedHeap: Math.round(heapMb() - heapBefore) };
  console.log(
    `fuzz seed ${SEED}: ${rounds} rounds in ${seconds} s, ${agent.answers} generated answers, ${written} samples written; ` +
      `fuzzed targets' states per round ${JSON.stringify(Object.fromEntries(fuzzStates))}; RSS ${Math.round(rssBefore)} MB before, growth in MB (RSS peak, RSS after a full GC every 25 rounds, heap kept after a full GC) ${JSON.stringify(growth)}`,
  );
  expect(rounds).toBeGreaterThanOrEqual(MIN_ROUNDS);
  expect(agent.answers).toBe(rounds * FUZZ_TARGETS);
  // a fuzzed target fails only for a reason of its answer, never an unexpected error of ours
  expect([...fuzzStates.keys()].filter((k) => k.includes('INTERNAL'))).toEqual([]);
  // the agent was sent the real bulk read of a broker
  expect(agent.lastRequests.map((r) => r.mbean)).toEqual(expect.arrayContaining(['java.lang:type=Memory']));
  expect(growth.peak).toBeLessThan(PEAK_RSS_GROWTH_MB);
  expect(growth.retainedHeap).toBeLessThan(RETAINED_HEAP_GROWTH_MB);

  expect(await implausibleStored()).toEqual([]);
  const [fuzzRows] = await db.pool.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id
      JOIN FL_DOF_TARGET t ON t.target_id = s.target_id WHERE t.target_key LIKE 'fuzz-%'`,
  );
  // the fuzzed answers' plausible values were stored, not all dropped
  expect(Number(fuzzRows[0]?.n)).toBeGreaterThan(0);

  // the event queue is not blocked by anything the rounds queued: an event written now lands
  const marker = `fuzz-end-${SEED}-${Date.now()}`;
  await sidecar.alerting.emit([{ clusterId, ts: Date.now(), kind: 'target-up', severity: 'info', subject: 'target=fuzz-1', message: marker }]);
  const [ev] = await db.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_DOF_EVENT WHERE message = ?', [marker]);
  expect(Number(ev[0]?.n)).toBe(1);
}, 240_000);
