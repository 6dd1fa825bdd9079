/**
 * The panels' pure logic, run from their TypeScript sources in a VM (no browser, no cluster):
 * number formatting, series combining and live points, the live state, health rules and texts.
 */
import { COMMON, loadPanels, type PanelVm } from './support/panel-vm';

const NS = 'Flamingo2.view.monitoring';
const now = 1_700_000_000_000;

function withKafka(globals: Record<string, unknown> = {}): PanelVm {
  return loadPanels([...COMMON, 'kafka/KafkaHealth.ts', 'zookeeper/ZooKeeperHealth.ts'], globals);
}

function target(key: string, kind: string, state = 'up') {
  return { key, kind, state, since: now - 60_000 };
}

function sample(metric: string, t: string, value: number, labels: Record<string, string> = {}, ts = now) {
  return { metric, target: t, labels, ts, value };
}

describe('Format', () => {
  const F = withKafka().get(`${NS}.common.Format`);
  test('bytes use binary units, rates add /s', () => {
    expect(F.bytes(0)).toBe('0 B');
    expect(F.bytes(1536)).toBe('1.5 KiB');
    expect(F.bytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(F.bytesRate(2.5 * 1024 * 1024)).toBe('2.5 MiB/s');
  });
  test('counts, per-second values, durations and ratios', () => {
    expect(F.count(1234)).toBe('1.23k');
    expect(F.perSecond(12)).toBe('12/s');
    expect(F.ms(3.25)).toBe('3.25 ms');
    expect(F.ms(1500)).toBe('1.5 s');
    expect(F.ratio(0.934)).toBe('93%');
    expect(F.count(NaN)).toBe('–');
  });
  test('units map to their formatter', () => {
    expect(F.byUnit('bytes/s')(2048)).toBe('2 KiB/s');
    expect(F.byUnit('ms')(12)).toBe('12 ms');
    expect(F.byUnit('ratio')(0.5)).toBe('50%');
  });
});

describe('SeriesMath', () => {
  const M = withKafka().get(`${NS}.common.SeriesMath`);
  test('split keys: target, one label, several labels', () => {
    expect(M.splitKey({ metric: 'm', split: 'target' }, 'broker-1', {})).toBe('broker-1');
    expect(M.splitKey({ metric: 'm', split: 'request' }, 'b', { request: 'Produce' })).toBe('Produce');
    expect(M.splitKey({ metric: 'm', split: 'topic,partition' }, 'b', { topic: 'orders', partition: '2' })).toBe('orders-2');
    expect(M.splitKey({ metric: 'm' }, 'b', { topic: 'x' })).toBe('');
  });
  test('sums are asked of the API (by=), min/max/avg are combined here', () => {
    expect(M.byParam({ metric: 'm' })).toBe('');
    expect(M.byParam({ metric: 'm', split: 'target' })).toBe('target');
    expect(M.byParam({ metric: 'm', split: 'request', combine: 'avg' })).toBeNull();
  });
  test('mergeSeries combines series of one line bucket by bucket', () => {
    const spec = { metric: 'm', split: 'request', combine: 'avg' };
    const merged = M.mergeSeries(
      spec,
      [
        {
          target: 'b1',
          labels: { request: 'Produce' },
          points: [
            [10_000, 2],
            [20_000, 4],
          ],
        },
        {
          target: 'b2',
          labels: { request: 'Produce' },
          points: [
            [10_000, 4],
            [20_000, 8],
          ],
        },
        { target: 'b1', labels: { request: 'Fetch' }, points: [[10_000, 500]] },
      ],
      10_000,
    );
    expect(merged['Produce']).toEqual([
      { x: 10_000, y: 3 },
      { x: 20_000, y: 6 },
    ]);
    expect(merged['Fetch']).toEqual([{ x: 10_000, y: 500 }]);
  });
  test('mergeSeries keeps only allowed targets and applies the scale', () => {
    const merged = M.mergeSeries(
      { metric: 'm', combine: 'min', scale: 100 },
      [
        { target: 'c1', labels: {}, points: [[0, 0.5]] },
        { target: 'c2', labels: {}, points: [[0, 0.2]] },
        { target: 'other', labels: {}, points: [[0, 0.01]] },
      ],
      10_000,
      (t: string) => t !== 'other',
    );
    expect(merged['']).toEqual([{ x: 0, y: 20 }]);
  });
  test('live points: a new bucket appends, the same bucket replaces, old points leave the window', () => {
    const pts = [
      { x: 0, y: 1 },
      { x: 10_000, y: 2 },
    ];
    M.appendLive(pts, { x: 15_000, y: 3 }, 10_000, 0);
    expect(pts).toEqual([
      { x: 0, y: 1 },
      { x: 15_000, y: 3 },
    ]);
    M.appendLive(pts, { x: 25_000, y: 4 }, 10_000, 5_000);
    expect(pts).toEqual([
      { x: 15_000, y: 3 },
      { x: 25_000, y: 4 },
    ]);
    M.appendLive(pts, { x: 20_000, y: 9 }, 10_000, 5_000);
    expect(pts[pts.length - 1]).toEqual({ x: 25_000, y: 4 });
  });
  test('time ticks stay within the range and within the count', () => {
    const min = new Date(2024, 0, 1, 10, 7).getTime();
    const max = min + 3600_000;
    const ticks: number[] = M.timeTicks(min, max, 6);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThanOrEqual(6);
    ticks.forEach((t) => {
      expect(t).toBeGreaterThanOrEqual(min);
      expect(t).toBeLessThanOrEqual(max);
      expect(new Date(t).getMinutes() % 10).toBe(0);
      expect(new Date(t).getSeconds()).toBe(0);
    });
  });
  test('binary steps for byte axes', () => {
    expect(M.binaryStep(1024 ** 3 * 0.8, 4)).toBe(256 * 1024 ** 2);
    expect(M.binaryStep(1.5 * 1024 ** 2, 4)).toBe(512 * 1024);
    expect(M.binaryStep(3, 4)).toBe(1);
  });
  test('sparklines contain numbers only and refuse a colour that is not a hex colour', () => {
    const svg: string = M.sparkline([1, 5, 3], 100, 20, '"><script>alert(1)</script>');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('stroke="#3274d9"');
    expect(svg).toMatch(/points="[0-9., ]+"/);
  });
});

describe('LiveState', () => {
  const vmx = withKafka();
  const state = () => vmx.create(`${NS}.common.LiveState`, { cluster: '1' });
  test('snapshot then updates keep the latest value per series', () => {
    const s = state();
    s.applySnapshot({
      cluster: '1',
      view: 'kafka',
      ts: now,
      targets: [target('broker-1', 'kafka-broker')],
      samples: [sample('m', 'broker-1', 1, {}, now - 1000)],
    });
    s.applyUpdate([sample('m', 'broker-1', 2)], []);
    s.applyUpdate([sample('m', 'broker-1', 99, {}, now - 5000)], []);
    expect(s.value('m', 'broker-1')).toBe(2);
  });
  test('targets that are down and values far older than the newest are left out', () => {
    const s = state();
    s.applySnapshot({
      cluster: '1',
      view: 'kafka',
      ts: now,
      targets: [target('broker-1', 'kafka-broker'), target('broker-2', 'kafka-broker', 'down')],
      samples: [sample('m', 'broker-1', 1), sample('m', 'broker-2', 5), sample('m', 'lag', 7, {}, now - 3600_000)],
    });
    expect(s.combine({ metric: 'm' }, 'sum')).toBe(1);
    expect(s.combine({ metric: 'm', kind: 'kafka-broker' }, 'max')).toBe(1);
  });
  test('label filters and label values', () => {
    const s = state();
    s.applySnapshot({
      cluster: '1',
      view: 'kafka',
      ts: now,
      targets: [],
      samples: [sample('lag', 'lag', 3, { group: 'a', partition: '0' }), sample('lag', 'lag', 4, { group: 'b', partition: '0' })],
    });
    expect(s.combine({ metric: 'lag', labels: { group: 'b' } }, 'sum')).toBe(4);
    expect(s.labelValues('lag', 'group')).toEqual(['a', 'b']);
  });
});

describe('Kafka health lights', () => {
  const vmx = withKafka();
  const Met = vmx.get(`${NS}.common.Metrics`);
  const lights = (targets: any[], samples: any[]) => {
    const s = vmx.create(`${NS}.common.LiveState`, { cluster: '1' });
    s.applySnapshot({ cluster: '1', view: 'kafka', ts: now, targets, samples });
    const out: Record<string, { state: string; value: string }> = {};
    vmx
      .get(`${NS}.kafka.KafkaHealth`)
      .lights(s)
      .forEach((l: any) => (out[l.key] = l));
    return out;
  };
  const brokers = [target('broker-1', 'kafka-broker'), target('broker-2', 'kafka-broker'), target('broker-3', 'kafka-broker')];
  const healthy = [
    ...brokers.map((b, i) => sample(Met.ACTIVE_CONTROLLER, b.key, i === 0 ? 1 : 0)),
    ...brokers.map((b) => sample(Met.UNDER_REPLICATED, b.key, 0)),
    ...brokers.map((b) => sample(Met.NETWORK_IDLE, b.key, 0.9)),
    ...brokers.map((b) => sample(Met.ISR_SHRINKS, b.key, 0)),
  ];
  test('a healthy cluster is green, unknown metrics are grey', () => {
    const l = lights(brokers, healthy);
    expect(l['brokers']).toMatchObject({ state: 'ok', value: '3 / 3' });
    expect(l['controller']).toMatchObject({ state: 'ok', value: '1' });
    expect(l['urp']?.state).toBe('ok');
    expect(l['network']?.state).toBe('ok');
    expect(l['isr']?.state).toBe('ok');
    expect(l['swap']?.state).toBe('unknown');
    expect(l['offline']?.state).toBe('unknown');
  });
  test('two controllers, under-replicated partitions, a broker down', () => {
    const samples = healthy.map((s) => (s.metric === Met.ACTIVE_CONTROLLER ? { ...s, value: 1 } : s));
    samples.push(sample(Met.UNDER_REPLICATED, 'broker-2', 4));
    const l = lights([brokers[0], { ...brokers[1], state: 'down' }, brokers[2]], samples);
    expect(l['controller']).toMatchObject({ state: 'crit', value: '2' });
    expect(l['brokers']).toMatchObject({ state: 'warn', value: '2 / 3' });
    // broker-2 is down: its last values no longer count
    expect(l['urp']?.state).toBe('ok');
    const l2 = lights(brokers, [
      ...healthy.filter((s) => !(s.metric === Met.UNDER_REPLICATED && s.target === 'broker-3')),
      sample(Met.UNDER_REPLICATED, 'broker-3', 4),
    ]);
    expect(l2['urp']).toMatchObject({ state: 'crit', value: '4' });
  });
  test('ISR shrinks without expands are red, with expands amber; idle under 30% is red', () => {
    const base = healthy.filter((s) => s.metric !== Met.ISR_SHRINKS && s.metric !== Met.NETWORK_IDLE);
    expect(lights(brokers, [...base, sample(Met.ISR_SHRINKS, 'broker-1', 0.5)])['isr']?.state).toBe('crit');
    expect(lights(brokers, [...base, sample(Met.ISR_SHRINKS, 'broker-1', 0.5), sample(Met.ISR_EXPANDS, 'broker-1', 0.5)])['isr']?.state).toBe('warn');
    expect(lights(brokers, [...base, sample(Met.NETWORK_IDLE, 'broker-1', 0.2)])['network']?.state).toBe('crit');
    expect(lights(brokers, [...base, sample(Met.NETWORK_IDLE, 'broker-1', 0.4)])['network']?.state).toBe('warn');
  });
  test('group lag is summed per group and compared with the threshold', () => {
    const lag = (g: string, p: string, v: number) => sample(Met.GROUP_LAG, 'lag', v, { group: g, topic: 't', partition: p });
    expect(lights(brokers, [...healthy, lag('a', '0', 30), lag('a', '1', 30)])['lag']).toMatchObject({ state: 'warn', value: '60' });
    expect(lights(brokers, [...healthy, lag('a', '0', 10), lag('b', '0', 20)])['lag']).toMatchObject({ state: 'ok', value: '20' });
  });
});

describe('ZooKeeper quorum', () => {
  const vmx = withKafka();
  const Met = vmx.get(`${NS}.common.Metrics`);
  const H = vmx.get(`${NS}.zookeeper.ZooKeeperHealth`);
  const run = (states: string[], leaders: number[]) => {
    const s = vmx.create(`${NS}.common.LiveState`, { cluster: '1' });
    const keys = states.map((_, i) => `zk-${i + 1}`);
    s.applySnapshot({
      cluster: '1',
      view: 'zookeeper',
      ts: now,
      targets: keys.map((k, i) => target(k, 'zookeeper', states[i])),
      samples: keys.map((k, i) => sample(Met.ZK_IS_LEADER, k, leaders.includes(i) ? 1 : 0)),
    });
    return H.quorum(H.servers(s));
  };
  test('all up with one leader is green; one down is amber; below quorum or no leader is red', () => {
    expect(run(['up', 'up', 'up'], [1])).toMatchObject({ state: 'ok', value: '3 / 3' });
    expect(run(['up', 'down', 'up'], [0])).toMatchObject({ state: 'warn', value: '2 / 3' });
    expect(run(['up', 'down', 'down'], [0]).state).toBe('crit');
    expect(run(['up', 'up', 'up'], []).state).toBe('crit');
    expect(run(['up', 'up', 'up'], [0, 2]).state).toBe('crit');
  });
  test('roles: the leader is marked, a down server is never leader', () => {
    const s = vmx.create(`${NS}.common.LiveState`, { cluster: '1' });
    s.applySnapshot({
      cluster: '1',
      view: 'zookeeper',
      ts: now,
      targets: [target('zk-1', 'zookeeper', 'down'), target('zk-2', 'zookeeper')],
      samples: [sample(Met.ZK_IS_LEADER, 'zk-1', 1), sample(Met.ZK_IS_LEADER, 'zk-2', 1)],
    });
    const servers = H.servers(s);
    expect(servers.map((x: any) => [x.key, x.state, x.leader])).toEqual([
      ['zk-1', 'down', false],
      ['zk-2', 'up', true],
    ]);
  });
});

describe('Texts', () => {
  const T = (msg: ((k: string) => unknown) | undefined) => withKafka(msg ? { message: { msg } } : {}).get(`${NS}.common.Texts`);
  test('the host bundle wins when it has the key', () => {
    expect(T((k) => (k === 'monitoring.kafka.tab.overview' ? '개요' : undefined)).t('monitoring.kafka.tab.overview')).toBe('개요');
  });
  test('English fallback when the bundle returns undefined, the key itself, or throws, or is absent', () => {
    expect(T(() => undefined).t('monitoring.kafka.tab.overview')).toBe('Overview');
    expect(T((k) => k).t('monitoring.kafka.tab.overview')).toBe('Overview');
    expect(
      T(() => {
        throw new Error('no such key');
      }).t('monitoring.kafka.tab.overview'),
    ).toBe('Overview');
    expect(T(undefined).t('monitoring.kafka.tab.overview')).toBe('Overview');
  });
  test('arguments are substituted; an unknown key shows itself', () => {
    expect(T(undefined).t('monitoring.kafka.chart.max_lag.threshold', [50])).toBe('Threshold (50)');
    expect(T(undefined).t('monitoring.kafka.nope')).toBe('monitoring.kafka.nope');
  });
});
