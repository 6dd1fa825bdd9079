/**
 * The consumer status survives a sidecar restart, on the real cluster with a real sidecar writing
 * into a fresh MariaDB database. Three groups read one topic while messages keep arriving: one
 * keeps consuming (OK), one pauses but stays in its group (STALL), one leaves (STOP). Once the
 * sidecar says ERR for the last two, it is stopped and a new one is started on the same database:
 * its first lag collection already says ERR · STOP and ERR · STALL (and OK for the live group),
 * and no `group-status-changed` event follows the restart. A lag collector without the stored
 * history (the control) would call the stopped group OK at first.
 */
import crypto from 'crypto';
import { appendFileSync, mkdirSync } from 'fs';
import path from 'path';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { RowDataPacket } from 'mysql2/promise';
import type { LiveBatch } from '../../sidecar/src/api/ports';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { CONSUMER_LAG_ENTRIES } from '../../sidecar/src/catalog/builtin-lag';
import { createLagCollector } from '../../sidecar/src/collector/lag/lag-collector';
import { parseConfig } from '../../sidecar/src/config/load';
import { createLogger, silentLogger } from '../../sidecar/src/log/logger';
import { clusterConfig, endpoints, ROOT, sleep, waitFor } from '../support/cluster';
import { freshDatabase } from '../support/mysql';

jest.setTimeout(240_000);

const ep = endpoints();
const suffix = crypto.randomBytes(3).toString('hex');
const TOPIC = `doflamingo-restart-${suffix}`;
const GROUPS = { live: `doflamingo-restart-live-${suffix}`, stalled: `doflamingo-restart-stall-${suffix}`, stopped: `doflamingo-restart-stop-${suffix}` };
const LOG_FILE = path.join(ROOT, '.sandbox', 'consumer-status-restart.log');
const kafka = new Kafka({ clientId: 'restart-test', brokers: ep.bootstrap.split(','), logLevel: logLevel.NOTHING });
const GROUP_STATUS = ['OK', 'WARN', 'ERR'];
const PARTITION_STATUS = ['OK', 'WARN', 'REWIND', 'STALL', 'STOP'];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let producer: Producer;
const consumers = new Map<string, Consumer>();
let producing: NodeJS.Timeout | undefined;
let sidecar: Sidecar | undefined;
let clusterId = '';

/** `ERR STOP` per group in a lag batch (`-` for a value not given). */
function statusOf(samples: LiveBatch['samples'], group: string): string | undefined {
  const v = (metric: string) => samples.find((s) => s.metric === metric && s.labels.group === group && s.labels.topic === undefined)?.value;
  const status = v('kafka.consumer_group.status');
  const worst = v('kafka.consumer_group.worst_partition_status');
  if (status === undefined && worst === undefined) return undefined;
  return `${status === undefined ? '-' : GROUP_STATUS[status]} ${worst === undefined ? '-' : PARTITION_STATUS[worst]}`;
}

function makeSidecar(): Sidecar {
  const raw = clusterConfig();
  const every = '* * * * * *';
  const rare = '*/30 * * * * *';
  const c = raw.clusters[0] as Record<string, unknown>;
  raw.clusters = [{ id: c.id, name: c.name, bootstrap: c.bootstrap }]; // consumer groups only
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { jmx: rare, zookeeper: rare, lag: every, discovery: rare, clusterState: rare, maxJitterMs: 0, slowEvery: 20 };
  raw.jolokia = { timeoutMs: 5000 };
  return buildSidecar(
    parseConfig(raw, 'test'),
    createLogger('info', (line) => appendFileSync(LOG_FILE, line + '\n')),
    { api: false },
  );
}

/** Starts a sidecar and returns it with the lag batches it publishes (the first one is the first evaluation). */
async function startSidecar(): Promise<{ batches: LiveBatch[] }> {
  sidecar = makeSidecar();
  const batches: LiveBatch[] = [];
  sidecar.live.onBatch((b) => {
    if (b.samples.some((s) => s.metric === 'kafka.consumer_group.lag')) batches.push(b);
  });
  await sidecar.start();
  return { batches };
}

async function consume(group: string): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 30_000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ autoCommitInterval: 200, eachMessage: async () => undefined });
  consumers.set(group, consumer);
  return consumer;
}

async function statusEvents(sinceMs: number): Promise<string[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT subject, message FROM FL_DOF_EVENT WHERE kind = 'group-status-changed' AND ts >= ? AND subject IN (?) ORDER BY ts, event_id`,
    [sinceMs, Object.values(GROUPS).map((g) => `group=${g}`)],
  );
  return rows.map((r) => String(r.message));
}

beforeAll(async () => {
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  appendFileSync(LOG_FILE, `==== ${new Date().toISOString()} consumer-status-restart.test.ts\n`);
  db = await freshDatabase('restart');
  clusterId = String(clusterConfig().clusters[0]?.id);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  producer = kafka.producer();
  await producer.connect();
  let n = 0;
  producing = setInterval(() => {
    void producer.send({ topic: TOPIC, messages: [0, 1].map((k) => ({ key: String(k), value: `m${n++}` })) }).catch(() => undefined);
  }, 300);
  for (const g of Object.values(GROUPS)) await consume(g);
});

afterAll(async () => {
  clearInterval(producing);
  await sidecar?.stop();
  for (const c of consumers.values()) await c.disconnect().catch(() => undefined);
  await producer?.disconnect().catch(() => undefined);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await admin.deleteGroups(Object.values(GROUPS)).catch(() => undefined);
  await admin.disconnect();
  await db?.drop();
});

test('ERR · STOP and ERR · STALL stay so across a restart, the live group stays OK, and the restart writes no status event', async () => {
  const first = await startSidecar();
  const latest = (group: string): string | undefined => {
    const b = first.batches[first.batches.length - 1];
    return b ? statusOf(b.samples, group) : undefined;
  };
  // every group consuming: OK, over windows of several commits
  await waitFor('every group OK', async () => first.batches.length >= 8 && Object.values(GROUPS).every((g) => latest(g) === 'OK OK'), 90_000, 500);

  consumers.get(GROUPS.stalled)?.pause([{ topic: TOPIC }]);
  await consumers.get(GROUPS.stopped)?.disconnect();
  consumers.delete(GROUPS.stopped);
  await waitFor(
    'STALL and STOP before the restart',
    async () => latest(GROUPS.stalled) === 'ERR STALL' && latest(GROUPS.stopped) === 'ERR STOP' && latest(GROUPS.live) === 'OK OK',
    90_000,
    500,
  );
  const before = await waitFor(
    'the status events before the restart (stored)',
    async () => ((e) => (e.length >= 2 ? e : undefined))(await statusEvents(0)),
    30_000,
    500,
  );
  // the group turns ERR with its first partition that stops or stalls; the second may follow a collection later
  expect(before).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^Consumer group ${GROUPS.stopped} status OK → ERR: STOP on [12] partitions? `)),
      expect.stringMatching(new RegExp(`^Consumer group ${GROUPS.stalled} status OK → ERR: STALL on [12] partitions? `)),
    ]),
  );
  await sleep(2000); // a few more collections stored as ERR

  await sidecar?.stop();
  const restartedAt = Date.now();
  const t0 = Date.now();
  const second = await startSidecar();
  const firstAfter = await waitFor('the first lag collection after the restart', async () => second.batches[0], 30_000, 100);
  console.log(`restart: sidecar started and collected again in ${Date.now() - t0} ms`);
  expect({
    stopped: statusOf(firstAfter.samples, GROUPS.stopped),
    stalled: statusOf(firstAfter.samples, GROUPS.stalled),
    live: statusOf(firstAfter.samples, GROUPS.live),
  }).toEqual({ stopped: 'ERR STOP', stalled: 'ERR STALL', live: 'OK OK' });
  const partitions = firstAfter.samples
    .filter((s) => s.metric === 'kafka.consumer_group.partition_status' && s.labels.group === GROUPS.stopped)
    .map((s) => PARTITION_STATUS[s.value]);
  expect(partitions).toEqual(['STOP', 'STOP']);

  // the control: the same first collection without the stored history calls the stopped group OK
  const bare = createLagCollector({ entries: CONSUMER_LAG_ENTRIES, timeoutMs: 5000, log: silentLogger });
  try {
    const r = await bare.collect({ id: clusterId, bootstrap: ep.bootstrap.split(',') }, { tickNo: 1, now: Date.now() });
    expect(statusOf(r.samples, GROUPS.stopped)).toBe('OK OK');
  } finally {
    await bare.stop();
  }

  // several collections later: the statuses held and no status event was written since the restart
  await waitFor('five collections after the restart', async () => second.batches.length >= 5, 30_000, 200);
  for (const b of second.batches)
    expect([statusOf(b.samples, GROUPS.stopped), statusOf(b.samples, GROUPS.stalled), statusOf(b.samples, GROUPS.live)]).toEqual([
      'ERR STOP',
      'ERR STALL',
      'OK OK',
    ]);
  await sleep(1000); // the events of the last collection are written
  expect(await statusEvents(restartedAt)).toEqual([]);
});
