/**
 * Thresholds that follow the cluster's alert rules (pure parts, run from their TypeScript sources in a VM):
 * the limit from a rule / Flamingo config / built-in default, the chart's threshold value, label and badge
 * (ChartBoxLines), the lights that share those thresholds, and RuleThresholds' loading (fake fetch):
 * a failed load keeps the last rules, a load answered after a save is dropped, watchers hear of changes only.
 */
import { COMMON, loadPanels, type PanelVm } from '../../browser/support/panel-vm';

const NS = 'Flamingo2.view.monitoring';
const CLUSTER = '7';
const now = 1_700_000_000_000;
const AMBER = '#e8a317';
const RED = '#e03e3e';

type FetchAnswer = { status: number; body: unknown } | Error;

interface Panels {
  vm: PanelVm;
  /** Answers of the fake fetch, taken in order (the last one repeats). */
  answers: FetchAnswer[];
  urls: string[];
  timers: Array<{ fn: () => void; ms: number; cleared: boolean }>;
}

function panels(config: Record<string, string> = {}): Panels {
  const answers: FetchAnswer[] = [];
  const urls: string[] = [];
  const timers: Panels['timers'] = [];
  const fetch = (url: string) => {
    urls.push(url);
    const a = answers.length > 1 ? answers.shift() : answers[0];
    if (!a) return Promise.reject(new Error('no answer'));
    if (a instanceof Error) return Promise.reject(a);
    return Promise.resolve({ ok: a.status < 400, status: a.status, text: () => Promise.resolve(JSON.stringify(a.body)) });
  };
  const window = {
    location: { protocol: 'http:', host: 'localhost' },
    setInterval: (fn: () => void, ms: number) => timers.push({ fn, ms, cleared: false }) - 1,
    clearInterval: (id: number) => {
      const t = timers[id];
      if (t) t.cleared = true;
    },
  };
  const vm = loadPanels(
    [
      ...COMMON,
      'common/Sidecar.ts',
      'common/RuleThresholds.ts',
      'common/ChartBoxLines.ts',
      'kafka/KafkaCharts.ts',
      'kafka/KafkaHealth.ts',
      'zookeeper/ZooKeeperHealth.ts',
    ],
    { config, fetch, window },
  );
  return { vm, answers, urls, timers };
}

function rule(id: string, threshold: number, extra: Record<string, unknown> = {}) {
  const ops: Record<string, string> = {
    'consumer-lag': '>',
    'consumer-stalled': '<',
    'network-idle': '<',
    'handler-idle': '<',
    'zk-latency': '>',
    'zk-outstanding': '>',
    'zk-pending-syncs': '>',
  };
  return {
    id,
    name: { en: id, ko: id },
    metric: 'm',
    scope: 'series',
    op: ops[id] || '>',
    threshold,
    forMs: 0,
    severity: 'warning',
    enabled: true,
    origin: 'builtin',
    modified: false,
    ...extra,
  };
}

function liveState(
  p: Panels,
  samples: Array<{ metric: string; target: string; value: number; labels?: Record<string, string> }> = [],
  targets: Array<{ key: string; kind: string }> = [],
) {
  const s = p.vm.create(`${NS}.common.LiveState`, { cluster: CLUSTER });
  s.applySnapshot({
    cluster: CLUSTER,
    view: 'kafka',
    ts: now,
    targets: targets.map((t) => ({ ...t, state: 'up', since: now - 60_000 })),
    samples: samples.map((x) => ({ labels: {}, ts: now, ...x })),
  });
  return s;
}

/** A chart's lines whose last points are `lasts` (fresh). */
function lines(...lasts: number[]) {
  const out: Record<string, { label: string; data: Array<{ x: number; y: number }> }> = {};
  lasts.forEach(
    (y, i) =>
      (out[`0|g${i}`] = {
        label: `g${i}`,
        data: [
          { x: now - 20_000, y: 0 },
          { x: now, y },
        ],
      }),
  );
  return out;
}

const flush = () => new Promise((r) => setImmediate(r));

describe('Thresholds.limit / judge: the rule, else the fallback', () => {
  const th = panels().vm.get(`${NS}.common.Thresholds`);
  const entry = (threshold: number, op = '>', severity = 'warning', enabled = true) => ({ threshold, op, severity, enabled });

  test('no rule: the fallback value and state', () => {
    expect(th.limit(undefined, 50, 'above', 'crit')).toEqual({ value: 50, bad: 'above', inclusive: false, crossed: 'crit', source: 'fallback' });
  });
  test('an enabled rule gives its value; warning → warn, critical → crit; >= and <= count equal as crossed', () => {
    expect(th.limit(entry(80), 50, 'above', 'crit')).toEqual({ value: 80, bad: 'above', inclusive: false, crossed: 'warn', source: 'rule' });
    expect(th.limit(entry(80, '>=', 'critical'), 50, 'above', 'warn')).toMatchObject({ value: 80, inclusive: true, crossed: 'crit', source: 'rule' });
    expect(th.judge(th.limit(entry(80), 50, 'above', 'crit'), 80)).toBe('ok');
    expect(th.judge(th.limit(entry(80, '>='), 50, 'above', 'crit'), 80)).toBe('warn');
    expect(th.judge(th.limit(entry(0.3, '<'), 0.3, 'below', 'crit'), 0.29)).toBe('warn');
    expect(th.judge(th.limit(entry(0.3, '<=', 'critical'), 0.3, 'below', 'warn'), 0.3)).toBe('crit');
  });
  test('a disabled rule: no value (no line, no colour), but its severity is known', () => {
    const off = th.limit(entry(80, '>', 'critical', false), 50, 'above', 'warn');
    expect(off).toEqual({ value: undefined, bad: 'above', inclusive: false, crossed: 'crit', source: 'off' });
    expect(th.judge(off, 1e9)).toBe('unknown');
  });
  test('a rule looking the other way (or without a number) does not describe the picture: fallback', () => {
    expect(th.limit(entry(80, '<'), 50, 'above', 'crit').source).toBe('fallback');
    expect(th.limit(entry(80, '!='), 50, 'above', 'crit').source).toBe('fallback');
    expect(th.limit({ ...entry(80), threshold: 'x' }, 50, 'above', 'crit')).toMatchObject({ value: 50, source: 'fallback' });
  });
  test('judge: unknown without a value, ok on the good side', () => {
    const l = th.limit(undefined, 50, 'above', 'warn');
    expect(th.judge(l, undefined)).toBe('unknown');
    expect(th.judge(l, 50)).toBe('ok');
    expect(th.judge(l, 51)).toBe('warn');
  });
});

describe('precedence: the cluster rule > Flamingo config key > built-in default', () => {
  test('built-in default, then the config key, then the loaded rule of that cluster only', () => {
    const plain = panels();
    const T = plain.vm.get(`${NS}.common.Thresholds`);
    expect(T.limitFor(CLUSTER, 'consumer-lag', T.maxLag, 'above', 'warn').value).toBe(50);

    const configured = panels({ 'doflamingo.threshold.maxLag': '500' });
    const C = configured.vm.get(`${NS}.common.Thresholds`);
    expect(C.maxLag).toBe(500);
    expect(C.limitFor(CLUSTER, 'consumer-lag', C.maxLag, 'above', 'warn')).toMatchObject({ value: 500, source: 'fallback' });
    configured.vm.get(`${NS}.common.RuleThresholds`).set(CLUSTER, [rule('consumer-lag', 80)]);
    expect(C.limitFor(CLUSTER, 'consumer-lag', C.maxLag, 'above', 'warn')).toMatchObject({ value: 80, source: 'rule', crossed: 'warn' });
    // another cluster's rules are not this one's; an unknown id falls back
    expect(C.limitFor('8', 'consumer-lag', C.maxLag, 'above', 'warn').value).toBe(500);
    expect(C.limitFor(CLUSTER, 'no-such-rule', C.maxLag, 'above', 'warn').value).toBe(500);
  });
});

describe('chart threshold (ChartBoxLines): value, label and badge at render time', () => {
  const setup = (config: Record<string, string> = {}) => {
    const p = panels(config);
    return {
      p,
      L: p.vm.get(`${NS}.common.ChartBoxLines`),
      R: p.vm.get(`${NS}.common.RuleThresholds`),
      charts: p.vm.get(`${NS}.kafka.KafkaCharts`),
      state: liveState(p),
    };
  };

  test('Max lag without rules: "Threshold (50)", red line, red badge above (today)', () => {
    const { L, charts, state } = setup();
    const spec = charts.maxLag().threshold;
    expect(spec.rule).toBe('consumer-lag');
    const r = L.resolve(spec, state, null);
    expect(r.label).toBe('Threshold (50)');
    const line = L.threshold(r, now - 1000, now);
    expect(line).toMatchObject({ label: 'Threshold (50)', borderColor: RED, dfThreshold: true });
    expect(line.data.map((d: { y: number }) => d.y)).toEqual([50, 50]);
    expect(L.badge(r, lines(10, 60), now - 60_000)).toEqual({ state: 'crit', text: 'Above threshold' });
    expect(L.badge(r, lines(10, 40), now - 60_000)).toEqual({ state: 'ok', text: 'OK' });
  });

  test('a Flamingo config key moves it while no rule is loaded', () => {
    const { L, charts, state } = setup({ 'doflamingo.threshold.maxLag': '500' });
    expect(L.resolve(charts.maxLag().threshold, state, null).label).toBe('Threshold (500)');
  });

  test('the consumer-lag rule at 80 (warning): "Threshold (80)", amber line, amber badge above 80 only', () => {
    const { L, R, charts, state } = setup({ 'doflamingo.threshold.maxLag': '500' });
    R.set(CLUSTER, [rule('consumer-lag', 80)]);
    for (const spec of [charts.maxLag().threshold, charts.groupLag().threshold]) {
      const r = L.resolve(spec, state, null);
      expect(r.label).toBe('Threshold (80)');
      expect(L.threshold(r, now - 1000, now)).toMatchObject({
        borderColor: AMBER,
        data: [
          { x: now - 1000, y: 80 },
          { x: now, y: 80 },
        ],
      });
      expect(L.badge(r, lines(60, 70), now - 60_000).state).toBe('ok');
      expect(L.badge(r, lines(60, 81), now - 60_000)).toEqual({ state: 'warn', text: 'Above threshold' });
      // points older than freshFrom say nothing
      expect(L.badge(r, lines(81), now + 1).state).toBe('unknown');
    }
  });

  test('a critical rule turns the badge red; a disabled rule draws no line and says Off in grey', () => {
    const { L, R, charts, state } = setup();
    R.set(CLUSTER, [rule('consumer-lag', 80, { severity: 'critical' })]);
    const crit = L.resolve(charts.maxLag().threshold, state, null);
    expect(L.badge(crit, lines(100), now - 60_000).state).toBe('crit');
    R.put(CLUSTER, rule('consumer-lag', 80, { enabled: false }));
    const off = L.resolve(charts.maxLag().threshold, state, crit);
    expect(off.limit.value).toBeUndefined();
    expect(off.label).toBe('');
    expect(L.badge(off, lines(1e6), now - 60_000)).toEqual({ state: 'unknown', text: 'Off' });
  });

  test('Minimum fetch rate follows consumer-stalled (same metric kafka.consumer.fetch_rate, bad below)', () => {
    const { L, R, charts, state } = setup();
    const spec = charts.minFetchRate().threshold;
    expect(L.resolve(spec, state, null).limit).toMatchObject({ value: 0.5, bad: 'below', source: 'fallback' });
    R.set(CLUSTER, [rule('consumer-stalled', 0.01)]);
    const r = L.resolve(spec, state, null);
    expect(r.limit).toMatchObject({ value: 0.01, bad: 'below', source: 'rule' });
    expect(r.label).toBe('Stalled below');
    expect(L.badge(r, lines(0.2), now - 60_000).state).toBe('ok');
    expect(L.badge(r, lines(0.2, 0), now - 60_000)).toEqual({ state: 'warn', text: 'Below threshold' });
  });

  test('a threshold from the latest values (heap) keeps its last value while they are missing; without a state too', () => {
    const { p, L, charts } = setup();
    const spec = charts.heap().threshold;
    const withMax = liveState(p, [{ metric: 'jvm.heap.max', target: 'broker-1', value: 1000 }], [{ key: 'broker-1', kind: 'kafka-broker' }]);
    const first = L.resolve(spec, withMax, null);
    expect(first.limit.value).toBe(800);
    expect(first.label).toBe('Threshold (80% of max)');
    expect(L.resolve(spec, liveState(p), first)).toBe(first);
    expect(L.resolve(spec, null, first)).toBe(first);
  });

  test('time machine: a snapshot state of the cluster is judged by the current rule', () => {
    const { p, L, R, charts } = setup();
    R.set(CLUSTER, [rule('consumer-lag', 80)]);
    const snapshot = p.vm.create(`${NS}.common.LiveState`, { cluster: CLUSTER });
    expect(L.resolve(charts.maxLag().threshold, snapshot, null).label).toBe('Threshold (80)');
  });
});

describe('lights that share the thresholds', () => {
  const p = panels();
  const Met = p.vm.get(`${NS}.common.Metrics`);
  const R = p.vm.get(`${NS}.common.RuleThresholds`);
  const kafka = (samples: Array<{ metric: string; target: string; value: number; labels?: Record<string, string> }>) => {
    const out: Record<string, { state: string; value: string; hint: string }> = {};
    p.vm
      .get(`${NS}.kafka.KafkaHealth`)
      .lights(liveState(p, samples, [{ key: 'broker-1', kind: 'kafka-broker' }]))
      .forEach((l: { key: string }) => (out[l.key] = l as never));
    return out;
  };
  const lag = (v: number) => ({ metric: Met.GROUP_LAG, target: 'lag', value: v, labels: { group: 'g', topic: 't', partition: '0' } });

  afterEach(() => R.set(CLUSTER, []));

  test('consumer lag light: amber above the rule (80), red for a critical rule, grey when off; the hint names the value', () => {
    expect(kafka([lag(60)])['lag']?.state).toBe('warn'); // no rule: above 50
    R.set(CLUSTER, [rule('consumer-lag', 80)]);
    expect(kafka([lag(60)])['lag']).toMatchObject({ state: 'ok', value: '60' });
    expect(kafka([lag(90)])['lag']?.state).toBe('warn');
    expect(kafka([lag(90)])['lag']?.hint).toContain('Alert rule threshold (above): 80');
    R.put(CLUSTER, rule('consumer-lag', 80, { severity: 'critical' }));
    expect(kafka([lag(90)])['lag']?.state).toBe('crit');
    R.put(CLUSTER, rule('consumer-lag', 80, { enabled: false }));
    expect(kafka([lag(9000)])['lag']).toMatchObject({ state: 'unknown', value: '9k' });
    expect(kafka([lag(9000)])['lag']?.hint).toContain('Off');
  });

  test('idle lights: the network-idle rule sets where it turns (amber for a warning rule), amber band under idleWarn kept', () => {
    const idle = (v: number) => kafka([{ metric: Met.NETWORK_IDLE, target: 'broker-1', value: v }])['network']?.state;
    expect(idle(0.2)).toBe('crit'); // no rule: red under 30%
    expect(idle(0.4)).toBe('warn');
    R.set(CLUSTER, [rule('network-idle', 0.25)]);
    expect(idle(0.2)).toBe('warn');
    expect(idle(0.28)).toBe('warn'); // early band under idleWarn (50%)
    expect(idle(0.9)).toBe('ok');
    R.put(CLUSTER, rule('network-idle', 0.25, { severity: 'critical' }));
    expect(idle(0.2)).toBe('crit');
    // the handler light has its own rule
    expect(kafka([{ metric: Met.REQUEST_HANDLER_IDLE, target: 'broker-1', value: 0.28 }])['handler']?.state).toBe('crit');
  });

  test('ZooKeeper latency / outstanding / pending syncs follow zk-latency / zk-outstanding / zk-pending-syncs', () => {
    const zk = (samples: Array<{ metric: string; value: number }>) => {
      const s = p.vm.create(`${NS}.common.LiveState`, { cluster: CLUSTER });
      s.applySnapshot({
        cluster: CLUSTER,
        view: 'zookeeper',
        ts: now,
        targets: [{ key: 'zk-1', kind: 'zookeeper', state: 'up', since: now }],
        samples: [{ metric: Met.ZK_IS_LEADER, value: 1 }, ...samples].map((x) => ({ target: 'zk-1', labels: {}, ts: now, ...x })),
      });
      const out: Record<string, { state: string }> = {};
      p.vm
        .get(`${NS}.zookeeper.ZooKeeperHealth`)
        .lights(s)
        .forEach((l: { key: string; state: string }) => (out[l.key] = l));
      return out;
    };
    const samples = [
      { metric: Met.ZK_AVG_LATENCY, value: 150 },
      { metric: Met.ZK_OUTSTANDING, value: 5 },
      { metric: Met.ZK_PENDING_SYNCS, value: 3 },
    ];
    let l = zk(samples);
    expect([l['latency']?.state, l['outstanding']?.state, l['pending']?.state]).toEqual(['warn', 'ok', 'ok']);
    R.set(CLUSTER, [rule('zk-latency', 200), rule('zk-outstanding', 4, { severity: 'critical' }), rule('zk-pending-syncs', 0)]);
    l = zk(samples);
    expect([l['latency']?.state, l['outstanding']?.state, l['pending']?.state]).toEqual(['ok', 'crit', 'warn']);
  });
  test('ZooKeeper dirs growing without purge: the server carries the growth, judged by zk-purge-off-growing (256 MiB when missing)', () => {
    const MiB = 1024 * 1024;
    const s = p.vm.create(`${NS}.common.LiveState`, { cluster: CLUSTER });
    s.applySnapshot({
      cluster: CLUSTER,
      view: 'zookeeper',
      ts: now,
      targets: [{ key: 'zk-1', kind: 'zookeeper', state: 'up', since: now }],
      samples: [{ metric: Met.ZK_DIR_GROWTH_UNPURGED, value: 300 * MiB }].map((x) => ({ target: 'zk-1', labels: {}, ts: now, ...x })),
    });
    const H = p.vm.get(`${NS}.zookeeper.ZooKeeperHealth`);
    const T = p.vm.get(`${NS}.common.Thresholds`);
    const growth = H.servers(s)[0]?.dirGrowthUnpurged;
    expect(growth).toBe(300 * MiB);
    R.set(CLUSTER, []);
    expect(T.judge(H.limits(CLUSTER).unpurged, growth)).toBe('warn');
    expect(T.judge(H.limits(CLUSTER).unpurged, 0)).toBe('ok');
    R.set(CLUSTER, [rule('zk-purge-off-growing', 512 * MiB)]);
    expect(T.judge(H.limits(CLUSTER).unpurged, growth)).toBe('ok');
    R.put(CLUSTER, rule('zk-purge-off-growing', 512 * MiB, { enabled: false }));
    expect(T.judge(H.limits(CLUSTER).unpurged, 10_000 * MiB)).toBe('unknown');
  });
});

describe('RuleThresholds: loading, reloading, watching', () => {
  test('watch loads at once and every 60 s; a failed load keeps the last rules; watchers hear of changes only', async () => {
    const p = panels({ 'doflamingo.sidecar.url': 'http://sidecar:8787/', 'doflamingo.sidecar.token': 'read' });
    const R = p.vm.get(`${NS}.common.RuleThresholds`);
    const T = p.vm.get(`${NS}.common.Thresholds`);
    const heard: number[] = [];
    p.answers.push({ status: 200, body: [rule('consumer-lag', 80)] });
    const unwatch = R.watch(CLUSTER, () => heard.push(T.lookup(CLUSTER, 'consumer-lag')?.threshold));
    await flush();
    expect(p.urls).toEqual([`http://sidecar:8787/api/v1/clusters/${CLUSTER}/rules`]);
    expect(heard).toEqual([80]);
    expect(p.timers).toHaveLength(1);
    expect(p.timers[0]?.ms).toBe(60_000);

    // the same answer again: nothing to tell
    p.timers[0]?.fn();
    await flush();
    expect(heard).toEqual([80]);

    // sidecar down, then an HTTP error: the last known rules stay
    p.answers.splice(
      0,
      p.answers.length,
      new Error('connection refused'),
      { status: 503, body: { error: { message: 'MySQL down' } } },
      { status: 200, body: [rule('consumer-lag', 120)] },
    );
    p.timers[0]?.fn();
    await flush();
    p.timers[0]?.fn();
    await flush();
    expect(T.lookup(CLUSTER, 'consumer-lag')?.threshold).toBe(80);
    expect(heard).toEqual([80]);
    // another admin changed it: seen on the next reload
    p.timers[0]?.fn();
    await flush();
    expect(heard).toEqual([80, 120]);

    // a second watcher of the cluster shares the timer; the timer stops with the last one
    const unwatch2 = R.watch(CLUSTER, () => undefined);
    expect(p.timers).toHaveLength(1);
    unwatch();
    expect(p.timers[0]?.cleared).toBe(false);
    unwatch2();
    expect(p.timers[0]?.cleared).toBe(true);
  });

  test('never loaded and failing: the fallbacks; a load answered after a save is dropped', async () => {
    const p = panels();
    const R = p.vm.get(`${NS}.common.RuleThresholds`);
    const T = p.vm.get(`${NS}.common.Thresholds`);
    p.answers.push(new Error('down'));
    await R.load(CLUSTER);
    expect(T.rulesOf(CLUSTER)).toBeUndefined();
    expect(T.limitFor(CLUSTER, 'consumer-lag', T.maxLag, 'above', 'warn')).toMatchObject({ value: 50, source: 'fallback' });

    // a reload in flight while the Configuration tab saves 80: the older answer (50) must not undo the save
    let release: (v: unknown) => void = () => undefined;
    p.vm.global['fetch'] = () => new Promise((resolve) => (release = resolve));
    const loading = R.load(CLUSTER);
    await flush();
    R.put(CLUSTER, rule('consumer-lag', 80));
    release({ ok: true, status: 200, text: () => Promise.resolve(JSON.stringify([rule('consumer-lag', 50)])) });
    await loading;
    expect(T.lookup(CLUSTER, 'consumer-lag')?.threshold).toBe(80);
  });

  test('a watcher that throws does not stop the others', () => {
    const p = panels();
    const R = p.vm.get(`${NS}.common.RuleThresholds`);
    p.answers.push(new Error('down'));
    const heard: string[] = [];
    R.watch(CLUSTER, () => {
      throw new Error('broken panel');
    });
    R.watch(CLUSTER, () => heard.push('second'));
    R.set(CLUSTER, [rule('consumer-lag', 70)]);
    expect(heard).toEqual(['second']);
  });
});
