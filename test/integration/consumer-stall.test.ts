/**
 * Burrow statuses STALL and STOP told apart on the real cluster with the real lag collector: a
 * kafkajs consumer (in this process) that stays in its group but stops consuming (paused) is
 * STALL — present, owning its partitions, offsets not moving while messages arrive; once it
 * leaves the group the same partitions are STOP; consuming again they are OK. Own topic and group
 * (random names), no node is stopped.
 */
import crypto from 'crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { CONSUMER_LAG_ENTRIES } from '../../sidecar/src/catalog/builtin-lag';
import { createLagCollector } from '../../sidecar/src/collector/lag/lag-collector';
import { PARTITION_STATUS_CODES, type PartitionStatus } from '../../sidecar/src/collector/lag/lag-status';
import { silentLogger } from '../../sidecar/src/log/logger';
import { endpoints, sleep, waitFor } from '../support/cluster';

jest.setTimeout(180_000);

const ep = endpoints();
const suffix = crypto.randomBytes(3).toString('hex');
const TOPIC = `doflamingo-stall-${suffix}`;
const GROUP = `doflamingo-stall-group-${suffix}`;
const kafka = new Kafka({ clientId: 'stall-test', brokers: ep.bootstrap.split(','), logLevel: logLevel.NOTHING });
const lag = createLagCollector({ entries: CONSUMER_LAG_ENTRIES, timeoutMs: 5000, log: silentLogger });
const cluster = { id: 'stall', bootstrap: ep.bootstrap.split(',') };

let producer: Producer;
let consumer: Consumer | undefined;
let consumed = 0;

const nameOf = (code: number | undefined): string | undefined =>
  (Object.entries(PARTITION_STATUS_CODES) as [PartitionStatus, number][]).find(([, c]) => c === code)?.[0];

/** One collection: the status of each of the group's partitions (by partition number). */
async function statuses(): Promise<Map<string, string | undefined>> {
  const r = await lag.collect(cluster, { tickNo: 1, now: Date.now() });
  const out = new Map<string, string | undefined>();
  for (const s of r.samples) {
    if (s.metric === 'kafka.consumer_group.partition_status' && s.labels.group === GROUP && s.labels.topic === TOPIC)
      out.set(s.labels.partition as string, nameOf(s.value));
  }
  return out;
}

const all = (m: Map<string, string | undefined>, status: string): boolean => m.size === 2 && [...m.values()].every((v) => v === status);

async function produce(n: number): Promise<void> {
  await producer.send({ topic: TOPIC, messages: Array.from({ length: n }, (_, i) => ({ key: String(i % 2), value: `m${i}` })) });
}

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  producer = kafka.producer();
  await producer.connect();
  consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 30_000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ autoCommitInterval: 200, eachMessage: async () => void consumed++ });
});

afterAll(async () => {
  await consumer?.disconnect().catch(() => undefined);
  await producer?.disconnect().catch(() => undefined);
  await lag.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await admin.deleteGroups([GROUP]).catch(() => undefined);
  await admin.disconnect();
});

test('paused but present → STALL; gone → STOP; consuming again → OK', async () => {
  // a few commits that move the offsets, one collection after each: windows of several entries
  for (let round = 1; round <= 3; round++) {
    const want = consumed + 20;
    await produce(20);
    await waitFor(`round ${round} consumed`, async () => consumed >= want, 60_000, 100);
    await sleep(600); // auto-commit
    const s = await statuses();
    expect(s.size).toBe(2);
    expect([...s.values()].every((v) => v === 'OK')).toBe(true);
  }
  consumer!.pause([{ topic: TOPIC }]);
  await produce(40);
  // still a member owning both partitions, offsets not moving while lag stays: STALL once that lasts longer than the window spans
  const stalled = await waitFor('both partitions STALL', async () => ((s) => (all(s, 'STALL') ? s : undefined))(await statuses()), 60_000, 1000);
  expect(stalled.size).toBe(2);

  // the consumer leaves: nobody owns the partitions any more, nothing commits → STOP
  await consumer!.disconnect();
  consumer = undefined;
  await waitFor('both partitions STOP', async () => all(await statuses(), 'STOP'), 60_000, 1000);

  // a consumer of the group again: it catches up, the partitions are OK
  consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 30_000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ autoCommitInterval: 200, eachMessage: async () => void consumed++ });
  await waitFor('both partitions OK again', async () => all(await statuses(), 'OK'), 90_000, 1000);
});
