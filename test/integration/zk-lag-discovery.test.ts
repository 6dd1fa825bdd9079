/**
 * The ZooKeeper collector, broker discovery and the lag collector against the real local
 * cluster (scripts/cluster.sh): read-only, no node is stopped here.
 */
import { CONSUMER_LAG_ENTRIES } from '../../sidecar/src/catalog/builtin-lag';
import { ZOOKEEPER_MONITOR_ENTRIES } from '../../sidecar/src/catalog/builtin-zookeeper';
import { sendFourLetterWord } from '../../sidecar/src/collector/zookeeper/four-letter';
import { fetchMonitor } from '../../sidecar/src/collector/zookeeper/admin-client';
import { createZookeeperCollector } from '../../sidecar/src/collector/zookeeper/zk-collector';
import { kafkajsAdminFactory } from '../../sidecar/src/collector/lag/admin-pool';
import { createLagCollector } from '../../sidecar/src/collector/lag/lag-collector';
import { discoverBrokers, readControllerId } from '../../sidecar/src/discovery/broker-discovery';
import { silentLogger } from '../../sidecar/src/log/logger';
import type { CollectionResult } from '../../sidecar/src/core/collection';
import type { Target } from '../../sidecar/src/core/model';
import { endpoints } from '../support/cluster';

const ep = endpoints();
const zkNodes = ep.nodes.filter((n) => n.kind === 'zookeeper');
const tick = () => ({ tickNo: 1, now: Date.now() });
const value = (r: CollectionResult, metric: string) => r.samples.find((s) => s.metric === metric)?.value;

describe('ZooKeeper collector on the live ensemble', () => {
  const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 5000, log: silentLogger });
  const target = (n: (typeof zkNodes)[number], via: 'admin' | 'mntr'): Target => ({
    clusterId: 'it',
    key: n.key,
    kind: 'zookeeper',
    origin: 'config',
    ...(via === 'admin' ? { adminUrl: n.admin } : { clientAddress: n.client }),
  });

  test.each(['admin', 'mntr'] as const)('every server answers through %s; exactly one leader; leader-only keys only on it', async (via) => {
    expect(zkNodes).toHaveLength(3);
    const results = await Promise.all(zkNodes.map((n) => collect(target(n, via), tick())));
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([]);
      expect(value(r, 'zookeeper.up')).toBe(1);
      for (const m of [
        'zookeeper.avg_latency',
        'zookeeper.outstanding_requests',
        'zookeeper.num_alive_connections',
        'zookeeper.znode_count',
        'zookeeper.watch_count',
        'zookeeper.open_file_descriptor_count',
        'zookeeper.max_file_descriptor_count',
        'zookeeper.approximate_data_size',
      ]) {
        expect([m, typeof value(r, m)]).toEqual([m, 'number']);
      }
      expect(value(r, 'zookeeper.znode_count')).toBeGreaterThan(10); // Kafka's znodes are there
      expect(value(r, 'zookeeper.quorum_size')).toBe(3);
    }
    const leaders = results.filter((r) => value(r, 'zookeeper.is_leader') === 1);
    expect(leaders).toHaveLength(1);
    const leader = leaders[0] as CollectionResult;
    expect(value(leader, 'zookeeper.server_state')).toBe(3);
    expect(value(leader, 'zookeeper.synced_followers')).toBe(2);
    expect(value(leader, 'zookeeper.learners')).toBe(2);
    expect(value(leader, 'zookeeper.pending_syncs')).toBe(0);
    for (const f of results.filter((r) => r !== leader)) {
      expect(value(f, 'zookeeper.server_state')).toBe(2);
      expect(value(f, 'zookeeper.synced_followers')).toBeUndefined();
    }
  });

  test('AdminServer and mntr give the same keys (3.6+ names, no zk_ prefix)', async () => {
    const n = zkNodes[0] as (typeof zkNodes)[number];
    const json = await fetchMonitor(n.admin as string, 5000);
    const text = await sendFourLetterWord(n.client as string, 'mntr', 5000);
    const mntrKeys = text
      .split('\n')
      .filter((l) => l.startsWith('zk_'))
      .map((l) => l.slice(3, l.indexOf('\t')));
    expect(typeof json.server_state).toBe('string');
    expect(typeof json.avg_latency).toBe('number');
    for (const k of ['avg_latency', 'znode_count', 'watch_count', 'server_state']) {
      expect(Object.keys(json)).toContain(k);
      expect(mntrKeys).toContain(k);
    }
  });

  test('ruok answers imok; a word outside the whitelist is a clear, non-retriable error', async () => {
    const client = (zkNodes[0] as (typeof zkNodes)[number]).client as string;
    await expect(sendFourLetterWord(client, 'ruok', 5000)).resolves.toBe('imok');
    await expect(sendFourLetterWord(client, 'wchp', 5000)).rejects.toMatchObject({
      code: 'NOT_WHITELISTED',
      retriable: false,
      message: expect.stringMatching(/not in the whitelist/),
    });
  });

  test('a server that does not answer: failed result with up = 0, after trying both sources', async () => {
    const r = await collect(
      { clusterId: 'it', key: 'zk-dead', kind: 'zookeeper', origin: 'config', adminUrl: 'http://127.0.0.1:1', clientAddress: '127.0.0.1:1' },
      tick(),
    );
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'UNREACHABLE', retriable: true });
    expect(r.samples.map((s) => [s.metric, s.value])).toEqual([['zookeeper.up', 0]]);
  });
});

describe('lag collector on the live cluster', () => {
  let adminsCreated = 0;
  const lag = createLagCollector({
    entries: CONSUMER_LAG_ENTRIES,
    timeoutMs: 5000,
    log: silentLogger,
    adminFactory: (...args) => (adminsCreated++, kafkajsAdminFactory(...args)),
  });
  const cluster = { id: 'it', bootstrap: ep.bootstrap.split(',') };
  afterAll(() => lag.stop());

  test(`group ${ep.consumerGroup}: per-partition lag/committed/log-end with group/topic/partition labels, group totals, state and members`, async () => {
    const r = await lag.collect(cluster, tick());
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ ok: true, clusterId: 'it', target: 'cluster', warnings: [] });
    const mine = r.samples.filter((s) => s.labels.group === ep.consumerGroup);
    const perPartition = mine.filter((s) => s.metric === 'kafka.consumer_group.lag');
    expect(perPartition.length).toBeGreaterThan(0);
    for (const s of perPartition) {
      expect(Object.keys(s.labels).sort()).toEqual(['group', 'partition', 'topic']);
      expect(s.labels.partition).toMatch(/^\d+$/);
      expect(s.value).toBeGreaterThanOrEqual(0);
      const same = (metric: string) =>
        mine.find((x) => x.metric === metric && x.labels.topic === s.labels.topic && x.labels.partition === s.labels.partition)?.value;
      const committed = same('kafka.consumer_group.committed_offset') as number;
      const logEnd = same('kafka.consumer_group.log_end_offset') as number;
      expect(s.value).toBe(Math.max(0, logEnd - committed));
    }
    // the demo consumers read the demo topics (every partition of each topic they subscribe to)
    const topics = new Set(perPartition.map((s) => s.labels.topic));
    for (const tp of ep.topics.filter((x) => topics.has(x.name))) {
      expect(perPartition.filter((s) => s.labels.topic === tp.name)).toHaveLength(tp.partitions);
    }
    const groupValue = (metric: string) => mine.find((s) => s.metric === metric && Object.keys(s.labels).length === 1)?.value;
    expect(groupValue('kafka.consumer_group.total_lag')).toBe(perPartition.reduce((a, s) => a + s.value, 0));
    expect(groupValue('kafka.consumer_group.members')).toBe(2);
    expect(groupValue('kafka.consumer_group.state')).toBe(3); // Stable
    expect([0, 1, 2]).toContain(groupValue('kafka.consumer_group.status')); // Burrow-style OK / WARN / ERR
    // topic metadata from the same admin client
    for (const tp of ep.topics) {
      expect(r.samples.find((s) => s.metric === 'kafka.topic.partitions' && s.labels.topic === tp.name)?.value).toBe(tp.partitions);
    }
    expect(r.samples.some((s) => s.labels.topic?.startsWith('__'))).toBe(false);
  });

  test('the admin client is kept between collections, and a dead bootstrap fails fast with a retriable error', async () => {
    const again = await lag.collect(cluster, tick());
    expect(again.ok).toBe(true);
    expect(adminsCreated).toBe(1);
    const dead = createLagCollector({ entries: CONSUMER_LAG_ENTRIES, timeoutMs: 1000, log: silentLogger });
    try {
      const r = await dead.collect({ id: 'nowhere', bootstrap: ['127.0.0.1:1'] }, tick());
      expect(r.ok).toBe(false);
      expect(r.samples).toEqual([]);
      expect(r.error?.retriable).toBe(true);
      expect(r.durationMs).toBeLessThan(6000);
    } finally {
      await dead.stop();
    }
  });
});

describe('broker discovery from the live ensemble', () => {
  test(`finds brokers 1..3 under the chroot of ${ep.zookeeperConnect}`, async () => {
    const found = await discoverBrokers({
      clusterId: 'it',
      zookeeper: ep.zookeeperConnect,
      jolokiaUrlTemplate: 'http://{host}:{port}/jolokia',
      jolokiaPortBase: 8780,
      timeoutMs: 5000,
    });
    const brokers = ep.nodes.filter((n) => n.kind === 'kafka-broker');
    expect(found).toEqual(
      [1, 2, 3].map((id) => ({
        clusterId: 'it',
        key: `broker-${id}`,
        kind: 'kafka-broker',
        origin: 'discovered',
        jolokiaUrl: `http://127.0.0.1:${8780 + id}/jolokia`,
        attributes: { brokerId: String(id), host: '127.0.0.1', port: String(9091 + id) },
      })),
    );
    expect(found.map((t) => t.jolokiaUrl)).toEqual(brokers.map((b) => b.jolokia));
  });

  test('the active controller is one of the brokers', async () => {
    expect([1, 2, 3]).toContain(await readControllerId({ zookeeper: ep.zookeeperConnect, timeoutMs: 5000 }));
  });

  test('a wrong chroot is NOT_FOUND (not an empty cluster); an unreachable ensemble is a retriable TIMEOUT', async () => {
    const opts = { clusterId: 'it', jolokiaUrlTemplate: 'http://{host}:{port}/jolokia', jolokiaPortBase: 8780 };
    await expect(discoverBrokers({ ...opts, zookeeper: '127.0.0.1:2181/no-such-chroot', timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      retriable: false,
    });
    const started = Date.now();
    await expect(discoverBrokers({ ...opts, zookeeper: '127.0.0.1:1', timeoutMs: 800 })).rejects.toMatchObject({ code: 'TIMEOUT', retriable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
