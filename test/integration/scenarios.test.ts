/**
 * Scenario tests on the real local cluster: a sidecar with its real scheduler (short intervals)
 * writing into a fresh MariaDB database, while nodes are stopped and started through
 * scripts/cluster.sh. Checks the timeline events (FL_DOF_EVENT) and alerts each fault produces:
 *   (c) the consumer group stopped → lag grows, Burrow-style status ERR naming STOP/STALL;
 *   (a) broker-2 stopped → target-left (it stays a target, down: `target-down` fires), ISR shrink,
 *       `under-replicated` firing; started → both resolved, target-joined, ISR expand;
 *   (b) the ZooKeeper leader stopped → leader change naming the new leader, `zk-quorum` not firing.
 * (c) runs first: the group's commit windows are short then, so STOP comes sooner.
 * Every node stopped here is started again (also in afterAll) and the cluster is waited for.
 */
import { execFile } from 'child_process';
import { appendFileSync, mkdirSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import type { RowDataPacket } from 'mysql2/promise';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { sendFourLetterWord } from '../../sidecar/src/collector/zookeeper/four-letter';
import { pollClusterState } from '../../sidecar/src/events/partition-state';
import { createLogger } from '../../sidecar/src/log/logger';
import { clusterCtl, clusterConfig, endpoints, ROOT, sleep, waitFor } from '../support/cluster';
import { freshDatabase } from '../support/mysql';

jest.setTimeout(240_000);

/** Collection interval of every job here, seconds. */
const INTERVAL_S = 3;
const INTERVAL_MS = INTERVAL_S * 1000;
const GROUP = endpoints().consumerGroup;
const zkNodes = endpoints().nodes.filter((n) => n.kind === 'zookeeper');
const LOG_FILE = path.join(ROOT, '.sandbox', 'scenarios-sidecar.log');

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
/** Nodes stopped and not started again yet (afterAll starts them). */
const stopped = new Set<string>();
/** What a webhook receiver (a real local HTTP server) got from the sidecar's notifier. */
const webhookPosts: Array<{ event: { ts: number; kind: string; subject: string; ruleId: string | null; severity: string } }> = [];
let receiver: http.Server;
/** Every alert seen firing while the ZooKeeper leader was down. */
const firingDuringZkScenario = new Set<string>();

interface EventRow {
  ts: number;
  kind: string;
  severity: string;
  subject: string;
  rule_id: string | null;
  value: number | null;
  message: string;
}

async function events(sinceMs: number, kinds?: string[]): Promise<EventRow[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT ts, kind, severity, subject, rule_id, value, message FROM FL_DOF_EVENT WHERE ts >= ?${kinds ? ' AND kind IN (?)' : ''} ORDER BY ts, event_id`,
    kinds ? [sinceMs, kinds] : [sinceMs],
  );
  return rows.map((r) => ({
    ts: Number(r.ts),
    kind: String(r.kind),
    severity: String(r.severity),
    subject: String(r.subject),
    rule_id: r.rule_id === null ? null : String(r.rule_id),
    value: r.value === null ? null : Number(r.value),
    message: String(r.message),
  }));
}

const firing = (ruleId: string, subject?: string): boolean =>
  sidecar.alerting.active('1').some((a) => a.ruleId === ruleId && a.status === 'firing' && (subject === undefined || a.subject.includes(subject)));

async function stop(node: string): Promise<void> {
  stopped.add(node);
  await clusterCtl('stop', node);
}

async function start(node: string): Promise<void> {
  await clusterCtl('start', node);
  stopped.delete(node);
}

/** `Mode: leader|follower` of a ZooKeeper server through `srvr`; undefined when it does not answer. */
async function zkMode(client: string): Promise<string | undefined> {
  const text = await sendFourLetterWord(client, 'srvr', 3000).catch(() => undefined);
  return text ? /Mode: (\w+)/.exec(text)?.[1] : undefined;
}

async function zkLeader(): Promise<string | undefined> {
  const modes = await Promise.all(zkNodes.map((n) => zkMode(n.client as string)));
  const leaders = zkNodes.filter((_, i) => modes[i] === 'leader');
  return leaders.length === 1 && modes.every((m) => m === 'leader' || m === 'follower') ? leaders[0]?.key : undefined;
}

/** Under-replicated partitions summed over the brokers, read from their Jolokia agents. */
async function underReplicated(): Promise<number> {
  let sum = 0;
  for (const b of endpoints().nodes.filter((n) => n.kind === 'kafka-broker')) {
    const res = await fetch(b.jolokia as string, {
      method: 'POST',
      body: JSON.stringify({ type: 'read', mbean: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', attribute: 'Value' }),
      signal: AbortSignal.timeout(3000),
    });
    const body = (await res.json()) as { status: number; value?: number };
    if (body.status !== 200 || typeof body.value !== 'number') throw new Error(`${b.key}: no UnderReplicatedPartitions`);
    sum += body.value;
  }
  return sum;
}

/** Every node up, one ZooKeeper leader, no under-replicated partition. */
async function clusterHealthy(): Promise<boolean> {
  const status = await new Promise<number>((resolve) =>
    execFile('bash', [path.join(ROOT, 'scripts', 'cluster.sh'), 'status', '--quiet'], { cwd: ROOT }, (err) => resolve(err ? 1 : 0)),
  );
  return status === 0 && (await zkLeader()) !== undefined && (await underReplicated()) === 0;
}

const jobRuns = (name: string): number => sidecar.jobStats().find((j) => j.name === name)?.runs ?? 0;

beforeAll(async () => {
  await waitFor('the cluster to be healthy before the scenarios', clusterHealthy, 120_000, 2000);
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  appendFileSync(LOG_FILE, `==== ${new Date().toISOString()} scenarios.test.ts\n`);
  db = await freshDatabase('scenarios');
  const raw = clusterConfig();
  const every = `*/${INTERVAL_S} * * * * *`;
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { jmx: every, zookeeper: every, lag: every, discovery: every, clusterState: every, maxJitterMs: 0, slowEvery: 20 };
  raw.jolokia = { timeoutMs: 2500 };
  raw.api = { port: 0 };
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      webhookPosts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  raw.notify = {
    webhooks: [{ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, minSeverity: 'critical', kinds: ['alert-fired', 'alert-resolved'] }],
  };
  // brokers from ZooKeeper /brokers/ids only (a broker listed in the config never "leaves")
  delete raw.clusters[0]?.brokers;
  sidecar = buildSidecar(
    parseConfig(raw, 'test'),
    createLogger('info', (line) => appendFileSync(LOG_FILE, line + '\n')),
    { api: false },
  );
  await sidecar.start();
  // baselines: two cluster-state readings, two complete ZooKeeper collections, lag windows with commits
  await waitFor('baselines', async () => jobRuns('cluster-state') >= 2 && jobRuns('zookeeper') >= 3 && jobRuns('lag') >= 3, 60_000, 500);
});

afterAll(async () => {
  for (const node of [...stopped]) await start(node).catch((err) => console.error(`could not start ${node} again: ${String(err)}`));
  await sidecar?.stop();
  receiver?.close();
  await db?.drop();
  await waitFor('the cluster to be healthy again', clusterHealthy, 150_000, 2000);
}, 240_000);

describe('scenarios on the real cluster', () => {
  test('(c) consumer group stopped: lag grows and the Burrow status turns ERR (STOP/STALL) with a status event', async () => {
    const lagOf = async (): Promise<number> => {
      const [rows] = await db.pool.query<RowDataPacket[]>(
        `SELECT x.value FROM FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
          WHERE m.metric_key = 'kafka.consumer_group.total_lag' AND s.labels_json = ? ORDER BY x.ts DESC LIMIT 1`,
        [JSON.stringify({ group: GROUP })],
      );
      return Number(rows[0]?.value ?? NaN);
    };
    const mine = (es: EventRow[]): EventRow[] => es.filter((e) => e.subject === `group=${GROUP}`);
    const t0 = Date.now();
    let err: EventRow;
    try {
      await Promise.all([stop('consumer-1'), stop('consumer-2')]);
      const lagAtStop = await lagOf();
      err = await waitFor(
        'a group-status-changed event to ERR',
        async () => mine(await events(t0, ['group-status-changed'])).find((e) => e.value === 2),
        90_000,
        1000,
      );
      expect(err).toMatchObject({ severity: 'critical' });
      expect(err.message).toMatch(new RegExp(`^Consumer group ${GROUP} status (OK|WARN) → ERR: .*(STOP|STALL) on \\d+ partitions?`));
      expect(await lagOf()).toBeGreaterThan(lagAtStop);
      // the members left: the group went through a rebalance to Empty (state code 5)
      expect(mine(await events(t0, ['group-rebalance'])).map((e) => e.value)).toContain(5);
      console.log(`(c) consumers stopped → status ERR event after ${((err.ts - t0) / 1000).toFixed(1)} s: ${err.message}`);
    } finally {
      await Promise.all([...stopped].filter((n) => n.startsWith('consumer-')).map(start));
    }
    const back = await waitFor(
      'the group Stable and its status OK again',
      async () => {
        const es = mine(await events(err.ts + 1));
        return es.some((e) => e.kind === 'group-rebalance' && e.value === 3) ? es.find((e) => e.kind === 'group-status-changed' && e.value === 0) : undefined;
      },
      90_000,
      1000,
    );
    expect(back).toMatchObject({ severity: 'info', message: `Consumer group ${GROUP} status ERR → OK` });
  });

  test('(a) broker-2 stopped: target-left, ISR shrink, under-replicated fires; started: resolved, joined, ISR expand', async () => {
    // what broker-2 holds before it stops, read the way the sidecar reads it
    const before = await pollClusterState(endpoints().zookeeperConnect, 5000);
    const parts = [...before.topics.values()].flatMap((m) => [...m.values()]);
    const inIsr = parts.filter((p) => p.isr.includes(2)).length;
    const led = parts.filter((p) => p.leader === 2).length;
    const sum = (es: EventRow[], kind: string): number => es.filter((e) => e.kind === kind).reduce((a, e) => a + (e.value ?? 0), 0);
    const t0 = Date.now();
    let t1 = Date.now();
    try {
      await stop('broker-2');
      const stopReturned = Date.now();
      const seen = await waitFor(
        'under-replicated firing, broker-2 left, ISR shrink and leader events for all its partitions',
        async () => {
          const es = await events(t0);
          const fired = es.find((e) => e.kind === 'alert-fired' && e.rule_id === 'under-replicated');
          const left = es.find((e) => e.kind === 'target-left' && e.subject === 'broker-2');
          // gone from /brokers/ids but still watched: shown down, target-down fires
          const down = es.find((e) => e.kind === 'alert-fired' && e.rule_id === 'target-down' && e.subject.includes('broker-2'));
          const shrinks = es.filter((e) => e.kind === 'isr-shrink');
          const newController = before.controller !== 2 || es.some((e) => e.kind === 'controller-changed' && /^broker-[13]$/.test(e.subject));
          const complete = sum(es, 'isr-shrink') >= inIsr && sum(es, 'partition-leader-changed') >= led && newController;
          return fired && left && down && complete ? { fired, left, shrinks, es } : undefined;
        },
        60_000,
        500,
      ).catch(async (err) => {
        console.log('events so far', await events(t0));
        throw err;
      });
      expect(sidecar.allTargets().map((t) => t.key)).toContain('broker-2');
      // the same alerts reached the webhook (critical alert-fired only: the filter of this test's config)
      const hooked = await waitFor(
        'the webhook to receive both alerts',
        async () => {
          const got = webhookPosts.filter((p) => p.event.kind === 'alert-fired' && p.event.ts >= t0);
          return got.some((p) => p.event.ruleId === 'under-replicated') &&
            got.some((p) => p.event.ruleId === 'target-down' && p.event.subject.includes('broker-2'))
            ? got
            : undefined;
        },
        10_000,
        200,
      );
      expect(hooked.every((p) => p.event.severity === 'critical')).toBe(true);
      expect(sidecar.health().find((h) => h.job === 'jmx' && h.target === 'broker-2')?.state).toBe('down');
      // every partition broker-2 was in sync for shrank once, every one it led moved, none went offline
      expect([sum(seen.es, 'isr-shrink'), sum(seen.es, 'partition-leader-changed'), sum(seen.es, 'partition-offline')]).toEqual([inIsr, led, 0]);
      for (const e of seen.es.filter((x) => x.kind === 'partition-leader-changed')) expect(e.message).toMatch(/from broker 2 to broker [13]|\(2→[13]\)/);
      if (before.controller !== 2) expect(seen.es.filter((e) => e.kind === 'controller-changed')).toEqual([]);
      for (const e of seen.shrinks) expect(e.message).toMatch(/broker 2 fell out of sync/);
      expect(seen.shrinks.map((e) => e.subject.split('/')[0])).toEqual(expect.arrayContaining(['orders', 'payments', 'clicks']));
      const firstShrink = Math.min(...seen.shrinks.map((e) => e.ts));
      const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `(a) broker-2 (controller: ${before.controller === 2}, in ${inIsr} ISRs, leading ${led}) stop took ${s(stopReturned - t0)}; after the stop began: target-left ${s(seen.left.ts - t0)}, first ISR-shrink event ${s(firstShrink - t0)}, ` +
          `under-replicated FIRING ${s(seen.fired.ts - t0)} (${s(seen.fired.ts - stopReturned)} after the stop returned)`,
      );
      // SIGTERM = controlled shutdown: the controller shrinks the ISRs and the broker closes its ZooKeeper session while it
      // stops, so no session timeout (18 s) is waited for; the alert comes with the next jmx collections
      expect(seen.fired.ts - stopReturned).toBeLessThanOrEqual(2 * INTERVAL_MS + 1000);
    } finally {
      t1 = Date.now();
      if (stopped.has('broker-2')) await start('broker-2');
    }
    const back = await waitFor(
      'under-replicated resolved, broker-2 joined, ISR expanded',
      async () => {
        const es = await events(t1);
        const ok =
          es.some((e) => e.kind === 'alert-resolved' && e.rule_id === 'under-replicated') &&
          es.some((e) => e.kind === 'alert-resolved' && e.rule_id === 'target-down' && e.subject.includes('broker-2')) &&
          es.some((e) => e.kind === 'target-joined' && e.subject === 'broker-2') &&
          es.some((e) => e.kind === 'isr-expand');
        return ok && !firing('under-replicated') ? es : undefined;
      },
      90_000,
      1000,
    );
    for (const e of back.filter((x) => x.kind === 'isr-expand')) expect(e.message).toMatch(/broker 2 caught up/);
    console.log(`(a) broker-2 started: resolved/joined/expanded within ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  });

  test('(b) ZooKeeper leader stopped: a leader-change event names the new leader; zk-quorum does not fire', async () => {
    const leader = await waitFor('one ZooKeeper leader', zkLeader, 30_000, 1000);
    const node = zkNodes.find((n) => n.key === leader);
    const t0 = Date.now();
    await stop(leader);
    const watch = setInterval(() => {
      for (const a of sidecar.alerting.active('1')) if (a.status === 'firing') firingDuringZkScenario.add(a.ruleId);
    }, 250);
    try {
      const change = await waitFor(
        'a ZooKeeper leader change naming a new leader',
        async () => (await events(t0, ['zk-leader-changed'])).find((e) => e.subject !== leader && e.subject !== '' && e.value === 1),
        60_000,
        1000,
      );
      const now = await waitFor(
        'the new leader seen by srvr',
        async () => {
          const modes = await Promise.all(zkNodes.filter((n) => n !== node).map((n) => zkMode(n.client as string)));
          return modes.includes('leader') ? zkNodes.filter((n) => n !== node)[modes.indexOf('leader')]?.key : undefined;
        },
        30_000,
        500,
      );
      expect(change.subject).toBe(now);
      expect(change.message).toMatch(new RegExp(`${now}`));
      console.log(`(b) ${leader} stopped → leader event after ${((change.ts - t0) / 1000).toFixed(1)} s: ${change.message}`);
      // two more collections with the old leader down: the quorum (2 of 3) holds
      await sleep(2 * INTERVAL_MS);
      expect(firingDuringZkScenario.has('zk-quorum')).toBe(false);
      expect((await events(t0, ['alert-fired'])).filter((e) => e.rule_id === 'zk-quorum')).toEqual([]);
    } finally {
      clearInterval(watch);
      await start(leader);
    }
    await waitFor('the ensemble whole again', async () => (await zkMode(node?.client as string)) === 'follower', 60_000, 1000);
  });
});
