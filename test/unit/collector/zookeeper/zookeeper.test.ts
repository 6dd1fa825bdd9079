import { RateTracker } from '../../../../sidecar/src/collector/rates';
import { parseMntrDetailed, parseMonitorJsonDetailed } from '../../../../sidecar/src/collector/zookeeper/mntr-parser';
import { derivedValues, monitorSamples } from '../../../../sidecar/src/collector/zookeeper/zk-samples';
import type { CatalogEntry, Target } from '../../../../sidecar/src/core/model';

const LEADER_MNTR = [
  'zk_version\t3.8.4-9316c2a7, built on 2024-02-12 22:16 UTC',
  'zk_server_state\tleader',
  'zk_avg_latency\t2.6419',
  'zk_outstanding_requests\t0',
  'zk_znode_count\t91',
  'zk_packets_received\t689',
  'zk_synced_followers\t2',
  'zk_pending_syncs\t0',
  'zk_fsynctime{quantile="0.5"}\t1.5',
  'garbage line without tab',
  '',
].join('\n');

const FOLLOWER_JSON = {
  command: 'monitor',
  error: null,
  version: '3.8.4',
  server_state: 'follower',
  avg_latency: 1.1,
  outstanding_requests: 0,
  znode_count: '91',
  packets_received: 700,
};

const target: Target = { clusterId: 'c', key: 'zk-1', kind: 'zookeeper', origin: 'config' };
const zk = (id: string, key: string, type: 'gauge' | 'counter' = 'gauge', leaderOnly = false): CatalogEntry => ({
  id,
  appliesTo: 'zookeeper',
  source: { kind: 'zk-command', command: 'monitor', key, ...(leaderOnly ? { leaderOnly } : {}) },
  unit: 'x',
  type,
  description: { en: id, ko: id },
  origin: 'builtin',
});
const entries = [
  zk('zookeeper.up', 'up'),
  zk('zookeeper.is_leader', 'is_leader'),
  zk('zookeeper.server_state', 'server_state_code'),
  zk('zookeeper.avg_latency', 'avg_latency'),
  zk('zookeeper.znode_count', 'znode_count'),
  zk('zookeeper.packets_received', 'packets_received', 'counter'),
  zk('zookeeper.synced_followers', 'synced_followers', 'gauge', true),
];

describe('mntr and AdminServer monitor parsing', () => {
  test('mntr text: numbers, strings, Prometheus-style keys; garbage counted, never thrown', () => {
    const r = parseMntrDetailed(LEADER_MNTR);
    expect(r.values.get('server_state')).toBe('leader');
    expect(r.values.get('avg_latency')).toBe(2.6419);
    expect(r.values.get('synced_followers')).toBe(2);
    expect(r.values.get('fsynctime{quantile="0.5"}')).toBe(1.5);
    expect(r.garbage).toBe(1);
  });

  test('monitor JSON: numeric strings become numbers, command/error fields are skipped', () => {
    const r = parseMonitorJsonDetailed(FOLLOWER_JSON);
    expect(r.values.get('znode_count')).toBe(91);
    expect(r.values.has('command')).toBe(false);
    expect(r.error).toBeUndefined();
    expect(parseMonitorJsonDetailed({ error: 'This ZooKeeper instance is not currently serving requests' }).error).toMatch(/not currently serving/);
  });

  test.each([null, 'text', [1, 2]])('hostile monitor answers (%p) give no values', (bad) => {
    expect(parseMonitorJsonDetailed(bad).values.size).toBe(0);
  });
});

describe('ZooKeeper samples', () => {
  test('derived values: up, leader flag and role code', () => {
    expect(Object.fromEntries(derivedValues(parseMntrDetailed(LEADER_MNTR).values))).toEqual({ up: 1, is_leader: 1, server_state_code: 3 });
    expect(Object.fromEntries(derivedValues(parseMonitorJsonDetailed(FOLLOWER_JSON).values))).toEqual({ up: 1, is_leader: 0, server_state_code: 2 });
  });

  test('a follower lacks leader-only keys without a warning; counters need two observations', () => {
    const rates = new RateTracker();
    const first = monitorSamples(target, parseMonitorJsonDetailed(FOLLOWER_JSON).values, entries, 10_000, rates);
    expect(first.warnings).toEqual([]);
    expect(first.samples.map((s) => [s.metric, s.value])).toEqual([
      ['zookeeper.up', 1],
      ['zookeeper.is_leader', 0],
      ['zookeeper.server_state', 2],
      ['zookeeper.avg_latency', 1.1],
      ['zookeeper.znode_count', 91],
    ]);
    const second = monitorSamples(target, parseMonitorJsonDetailed({ ...FOLLOWER_JSON, packets_received: 720 }).values, entries, 20_000, rates);
    expect(second.samples.find((s) => s.metric === 'zookeeper.packets_received')?.value).toBe(2);
  });

  test('a missing non-leader key is a warning', () => {
    const r = monitorSamples(target, parseMonitorJsonDetailed({ server_state: 'follower' }).values, entries, 0, new RateTracker());
    expect(r.warnings).toEqual([
      'zookeeper.avg_latency: key avg_latency not in monitor output',
      'zookeeper.znode_count: key znode_count not in monitor output',
      'zookeeper.packets_received: key packets_received not in monitor output',
    ]);
  });
});
