import { RateTracker } from '../../../../sidecar/src/collector/rates';
import { readFileSync } from 'fs';
import path from 'path';
import { ZOOKEEPER_MONITOR_ENTRIES } from '../../../../sidecar/src/catalog/builtin-zookeeper';
import { parseMntr, parseMonitorJson } from '../../../../sidecar/src/collector/zookeeper/mntr-parser';
import type { MonitorReaders } from '../../../../sidecar/src/collector/zookeeper/monitor-source';
import { ADMIN_RETRY_AFTER_MS, createZookeeperCollector } from '../../../../sidecar/src/collector/zookeeper/zk-collector';
import { monitorSamples } from '../../../../sidecar/src/collector/zookeeper/zk-samples';
import { createLogger, silentLogger } from '../../../../sidecar/src/log/logger';
import { CollectorError, type CollectionResult } from '../../../../sidecar/src/core/collection';
import type { CatalogEntry, Target } from '../../../../sidecar/src/core/model';

const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const LEADER_38 = parseMntr(fixture('mntr-3.8-leader.txt'));
const FOLLOWER_38 = parseMonitorJson(JSON.parse(fixture('monitor-3.8-follower.json')));
const LEADER_34 = parseMntr(fixture('mntr-3.4-leader.txt'));
const STANDALONE_34 = parseMntr(fixture('mntr-3.4-standalone.txt'));

const target: Target = { clusterId: 'c1', key: 'zk-1', kind: 'zookeeper', origin: 'config', adminUrl: 'http://zk-1:8080', clientAddress: 'zk-1:2181' };
const tick = (now = 1_000_000) => ({ tickNo: 1, now });
const byMetric = (r: { samples: { metric: string; value: number }[] }) => Object.fromEntries(r.samples.map((s) => [s.metric, s.value]));
const LEADER_ONLY = ZOOKEEPER_MONITOR_ENTRIES.filter((e) => e.source.kind === 'zk-command' && e.source.leaderOnly).map((e) => e.id);

describe('catalogue keys against real monitor output (fixtures captured on the 3.8.4 ensemble)', () => {
  test('3.8 leader (mntr): every catalogue key found, no warnings, leader-only keys present', () => {
    const r = monitorSamples(target, LEADER_38, ZOOKEEPER_MONITOR_ENTRIES, 0);
    expect(r.warnings).toEqual([]);
    const v = byMetric(r);
    expect(v).toMatchObject({
      'zookeeper.up': 1,
      'zookeeper.is_leader': 1,
      'zookeeper.server_state': 3,
      'zookeeper.learners': 2,
      'zookeeper.synced_followers': 2,
      'zookeeper.pending_syncs': 0,
      'zookeeper.quorum_size': 3,
    });
    expect(typeof v['zookeeper.avg_latency']).toBe('number');
    // counters need a second observation: none without a rate tracker
    expect(v['zookeeper.packets_received']).toBeUndefined();
  });

  test('3.8 follower (AdminServer JSON): leader-only keys missing is not a warning', () => {
    const r = monitorSamples(target, FOLLOWER_38, ZOOKEEPER_MONITOR_ENTRIES, 0);
    expect(r.warnings).toEqual([]);
    const v = byMetric(r);
    expect(v).toMatchObject({ 'zookeeper.up': 1, 'zookeeper.is_leader': 0, 'zookeeper.server_state': 2 });
    for (const id of LEADER_ONLY) expect(v[id]).toBeUndefined();
  });

  test('3.4 leader (old names): followers is read as learners; keys 3.4 lacks are warnings, leader-only ones are not', () => {
    const r = monitorSamples(target, LEADER_34, ZOOKEEPER_MONITOR_ENTRIES, 0);
    expect(byMetric(r)).toMatchObject({ 'zookeeper.learners': 2, 'zookeeper.synced_followers': 2, 'zookeeper.is_leader': 1, 'zookeeper.znode_count': 34 });
    expect(r.warnings).toContain('zookeeper.global_sessions: key global_sessions not in monitor output');
    expect(r.warnings.filter((w) => LEADER_ONLY.some((id) => w.startsWith(`${id}:`)))).toEqual([]);
  });

  test('standalone: role code 0 and is_leader 1 (the one server deciding writes)', () => {
    expect(byMetric(monitorSamples(target, STANDALONE_34, ZOOKEEPER_MONITOR_ENTRIES, 0))).toMatchObject({
      'zookeeper.server_state': 0,
      'zookeeper.is_leader': 1,
    });
  });

  test('an observer: role code 1, not leader', () => {
    const v = byMetric(monitorSamples(target, new Map([['server_state', 'observer']]), ZOOKEEPER_MONITOR_ENTRIES, 0));
    expect(v).toMatchObject({ 'zookeeper.server_state': 1, 'zookeeper.is_leader': 0 });
  });

  test('no server_state: up only, and one warning that the role could not be derived', () => {
    const r = monitorSamples(
      target,
      new Map([['avg_latency', 1]]),
      ZOOKEEPER_MONITOR_ENTRIES.filter((e) => ['zookeeper.up', 'zookeeper.is_leader', 'zookeeper.avg_latency'].includes(e.id)),
      0,
    );
    expect(byMetric(r)).toEqual({ 'zookeeper.up': 1, 'zookeeper.avg_latency': 1 });
    expect(r.warnings).toEqual([expect.stringMatching(/server_state not in monitor output/)]);
  });

  test('Prometheus-form keys match by name and keep their labels; NaN quantiles are dropped', () => {
    const entry: CatalogEntry = {
      id: 'custom.zk.fsync',
      appliesTo: 'zookeeper',
      source: { kind: 'zk-command', command: 'monitor', key: 'fsynctime' },
      unit: 'ms',
      type: 'gauge',
      description: { en: 'x', ko: 'x' },
      origin: 'config',
    };
    const values = parseMntr('zk_server_state\tfollower\nzk_fsynctime{quantile="0.5"}\t1.5\nzk_fsynctime{quantile="0.99"}\tNaN\n');
    const r = monitorSamples(target, values, [entry], 5);
    expect(r.samples).toEqual([{ clusterId: 'c1', target: 'zk-1', metric: 'custom.zk.fsync', labels: { quantile: '0.5' }, ts: 5, value: 1.5 }]);
    expect(r.rejected).toEqual([]);
  });

  test('an infinite value is rejected (listed), never a sample, counters included', () => {
    const gauge: CatalogEntry = {
      id: 'custom.zk.znodes',
      appliesTo: 'zookeeper',
      source: { kind: 'zk-command', command: 'monitor', key: 'znode_count' },
      unit: 'count',
      type: 'gauge',
      description: { en: 'x', ko: 'x' },
      origin: 'config',
    };
    const counter: CatalogEntry = {
      ...gauge,
      id: 'custom.zk.packets',
      source: { kind: 'zk-command', command: 'monitor', key: 'packets_sent' },
      type: 'counter',
    };
    const values = parseMntr('zk_server_state\tfollower\nzk_znode_count\tInfinity\nzk_packets_sent\t-Infinity\n');
    const r = monitorSamples(target, values, [gauge, counter], 5, new RateTracker());
    expect(r.samples).toEqual([]);
    expect(r.rejected).toEqual(['custom.zk.znodes: not finite (Infinity)', 'custom.zk.packets: not finite (-Infinity)']);
  });
});

/** Readers that answer from canned values or fail, counting calls. */
function fakeReaders(admin: () => Promise<Map<string, number | string>>, mntr: () => Promise<Map<string, number | string>>) {
  const calls: string[] = [];
  const readers: MonitorReaders = {
    admin: (url) => (calls.push(`admin ${url}`), admin()),
    mntr: (addr) => (calls.push(`mntr ${addr}`), mntr()),
  };
  return { readers, calls };
}
const fail =
  (code: string, retriable = true) =>
  () =>
    Promise.reject(new CollectorError(code, `${code} happened`, retriable));
const answer = (v: Map<string, number | string>) => () => Promise.resolve(v);

describe('createZookeeperCollector', () => {
  test('AdminServer first; mntr is not asked when it answers', async () => {
    const f = fakeReaders(answer(FOLLOWER_38), fail('NEVER'));
    const r = await createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers })(target, tick());
    expect(f.calls).toEqual(['admin http://zk-1:8080']);
    expect(r).toMatchObject({ ok: true, clusterId: 'c1', target: 'zk-1', warnings: [] });
    expect(r.samples.every((s) => s.ts === 1_000_000 && s.target === 'zk-1')).toBe(true);
  });

  test('AdminServer down: falls back to mntr, with a warning naming why', async () => {
    const f = fakeReaders(fail('UNREACHABLE'), answer(LEADER_38));
    const r = await createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers })(target, tick());
    expect(f.calls).toEqual(['admin http://zk-1:8080', 'mntr zk-1:2181']);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(['AdminServer failed, used mntr: UNREACHABLE happened']);
    expect(byMetric(r)['zookeeper.is_leader']).toBe(1);
  });

  test('after an AdminServer failure mntr is asked first for ADMIN_RETRY_AFTER_MS, then the AdminServer again', async () => {
    let adminUp = false;
    const f = fakeReaders(() => (adminUp ? Promise.resolve(FOLLOWER_38) : Promise.reject(new CollectorError('TIMEOUT', 'slow', true))), answer(FOLLOWER_38));
    const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers });
    await collect(target, tick(0));
    expect(f.calls.splice(0)).toEqual(['admin http://zk-1:8080', 'mntr zk-1:2181']);
    const quiet = await collect(target, tick(10_000));
    expect(f.calls.splice(0)).toEqual(['mntr zk-1:2181']);
    expect(quiet.warnings).toEqual([]);
    adminUp = true;
    await collect(target, tick(ADMIN_RETRY_AFTER_MS));
    expect(f.calls.splice(0)).toEqual(['admin http://zk-1:8080']);
    await collect(target, tick(ADMIN_RETRY_AFTER_MS + 10_000));
    expect(f.calls.splice(0)).toEqual(['admin http://zk-1:8080']);
  });

  test('mntr asked first but failing: the AdminServer is still tried in the same collection', async () => {
    let mntrUp = true;
    const f = fakeReaders(fail('UNREACHABLE'), () => (mntrUp ? Promise.resolve(FOLLOWER_38) : Promise.reject(new CollectorError('UNREACHABLE', 'gone', true))));
    const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers });
    await collect(target, tick(0));
    f.calls.splice(0);
    mntrUp = false;
    const r = await collect(target, tick(1000));
    expect(f.calls).toEqual(['mntr zk-1:2181', 'admin http://zk-1:8080']);
    expect(r.ok).toBe(false);
  });

  test('a target with a client address only goes straight to mntr', async () => {
    const f = fakeReaders(fail('NEVER'), answer(FOLLOWER_38));
    const { adminUrl: _unused, ...mntrOnly } = target;
    const r = await createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers })(mntrOnly, tick());
    expect(f.calls).toEqual(['mntr zk-1:2181']);
    expect(r.ok).toBe(true);
  });

  test('no source answers: failed result that still carries up = 0, both failures named, logged once per transition', async () => {
    const lines: string[] = [];
    const f = fakeReaders(fail('TIMEOUT'), fail('NOT_WHITELISTED', false));
    const collect = createZookeeperCollector({
      entries: ZOOKEEPER_MONITOR_ENTRIES,
      timeoutMs: 100,
      log: createLogger('info', (l) => lines.push(l)),
      readers: f.readers,
    });
    const r = await collect(target, tick(42));
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'NOT_WHITELISTED', retriable: true, message: 'TIMEOUT happened; NOT_WHITELISTED happened' });
    expect(r.samples).toEqual([{ clusterId: 'c1', target: 'zk-1', metric: 'zookeeper.up', labels: {}, ts: 42, value: 0 }]);
    await collect(target, tick(43));
    expect(lines.filter((l) => l.includes('does not answer'))).toHaveLength(1);
  });

  test('a reader that throws something odd still gives a result (INTERNAL), never a rejection', async () => {
    const f = fakeReaders(
      () => Promise.reject(new TypeError('boom')),
      () => Promise.reject('a string'),
    );
    const r: CollectionResult = await createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers: f.readers })(
      target,
      tick(),
    );
    expect(r.error).toMatchObject({ name: 'CollectorError', code: 'INTERNAL', message: 'boom; a string' });
  });

  test('a target with neither AdminServer nor client address: CONFIG, not retriable, up = 0', async () => {
    const r = await createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger })(
      { clusterId: 'c1', key: 'zk-x', kind: 'zookeeper', origin: 'config' },
      tick(),
    );
    expect(r.error).toMatchObject({ code: 'CONFIG', retriable: false });
    expect(byMetric(r)).toEqual({ 'zookeeper.up': 0 });
  });

  test('counters become per-second rates from the second collection; non-zk entries are ignored', async () => {
    let received = 1000;
    const f = fakeReaders(
      () =>
        Promise.resolve(
          new Map<string, number | string>([
            ['server_state', 'follower'],
            ['packets_received', (received += 500)],
          ]),
        ),
      fail('NEVER'),
    );
    const jmx: CatalogEntry = {
      id: 'jvm.x',
      appliesTo: 'zookeeper',
      source: { kind: 'jmx', mbean: 'a:b=c', attribute: 'X' },
      unit: 'x',
      type: 'gauge',
      description: { en: 'x', ko: 'x' },
      origin: 'builtin',
    };
    const entries = [...ZOOKEEPER_MONITOR_ENTRIES.filter((e) => e.id === 'zookeeper.packets_received'), jmx];
    const collect = createZookeeperCollector({ entries, timeoutMs: 100, log: silentLogger, readers: f.readers });
    expect((await collect(target, tick(10_000))).samples).toEqual([]);
    expect(byMetric(await collect(target, tick(20_000)))).toEqual({ 'zookeeper.packets_received': 50 });
  });
});
