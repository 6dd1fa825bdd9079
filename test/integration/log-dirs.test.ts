/**
 * Log management on the real local cluster (read-only): every ZooKeeper server answers the
 * AdminServer `dirs` command the dir-growth metric is derived from, and every broker reports
 * `kafka.broker.log_dir_bytes`, the sum of its partition logs.
 */
import { buildCatalog } from '../../sidecar/src/catalog/catalog';
import { ZOOKEEPER_MONITOR_ENTRIES } from '../../sidecar/src/catalog/builtin-zookeeper';
import { createJolokiaCollector } from '../../sidecar/src/collector/jolokia/collect-target';
import { RateTracker } from '../../sidecar/src/collector/rates';
import { fetchDirs } from '../../sidecar/src/collector/zookeeper/admin-client';
import { defaultMonitorReaders, type MonitorReaders } from '../../sidecar/src/collector/zookeeper/monitor-source';
import { createZookeeperCollector } from '../../sidecar/src/collector/zookeeper/zk-collector';
import type { Target } from '../../sidecar/src/core/model';
import { silentLogger } from '../../sidecar/src/log/logger';
import { endpoints } from '../support/cluster';

const ep = endpoints();
const zkNodes = ep.nodes.filter((n) => n.kind === 'zookeeper');
const brokers = ep.nodes.filter((n) => n.kind === 'kafka-broker');

describe('ZooKeeper dirs on every server', () => {
  test('the AdminServer dirs command answers both sizes on every server', async () => {
    expect(zkNodes).toHaveLength(3);
    for (const n of zkNodes) {
      const d = await fetchDirs(n.admin ?? '', 5000);
      expect(d.dataDirBytes).toBeGreaterThan(0);
      expect(d.logDirBytes).toBeGreaterThan(0);
    }
  });

  test('the collector reads dirs with the monitor, without a warning; no growth value before a day of watching', async () => {
    const dirsRead: string[] = [];
    const readers: MonitorReaders = {
      ...defaultMonitorReaders,
      dirs: (url, timeoutMs) => (dirsRead.push(url), fetchDirs(url, timeoutMs)),
    };
    const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 5000, log: silentLogger, readers });
    for (const n of zkNodes) {
      const target: Target = { clusterId: 'it', key: n.key, kind: 'zookeeper', origin: 'config', adminUrl: n.admin ?? '' };
      const r = await collect(target, { tickNo: 1, now: Date.now() });
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([]);
      expect(r.samples.find((s) => s.metric === 'zookeeper.dir_growth_unpurged')).toBeUndefined();
    }
    expect(dirsRead).toEqual(zkNodes.map((n) => n.admin));
  });
});

describe('Kafka log dir bytes on every broker', () => {
  test('one kafka.broker.log_dir_bytes per broker = the sum of its kafka.log.size series, > 0', async () => {
    expect(brokers).toHaveLength(3);
    const collect = createJolokiaCollector({ catalog: buildCatalog(), timeoutMs: 10_000, slowEvery: 1, rates: new RateTracker(), log: silentLogger });
    for (const b of brokers) {
      const target: Target = { clusterId: 'it', key: b.key, kind: 'kafka-broker', origin: 'config', jolokiaUrl: b.jolokia ?? '' };
      const r = await collect(target, { tickNo: 0, now: Date.now() });
      expect(r.ok).toBe(true);
      const total = r.samples.filter((s) => s.metric === 'kafka.broker.log_dir_bytes');
      const partitions = r.samples.filter((s) => s.metric === 'kafka.log.size');
      expect(total).toHaveLength(1);
      expect(partitions.length).toBeGreaterThan(0);
      expect(total[0]?.labels).toEqual({});
      expect(total[0]?.value).toBe(partitions.reduce((a, s) => a + s.value, 0));
      expect(total[0]?.value).toBeGreaterThan(0);
    }
  });
});
