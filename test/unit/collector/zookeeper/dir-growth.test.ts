import { readFileSync } from 'fs';
import path from 'path';
import { DEFAULT_RULES } from '../../../../sidecar/src/alerts/default-rules';
import { evaluate } from '../../../../sidecar/src/alerts/evaluate';
import { ZOOKEEPER_MONITOR_ENTRIES } from '../../../../sidecar/src/catalog/builtin-zookeeper';
import { DirGrowthTracker } from '../../../../sidecar/src/collector/zookeeper/dir-growth';
import { parseMonitorJson } from '../../../../sidecar/src/collector/zookeeper/mntr-parser';
import type { MonitorReaders } from '../../../../sidecar/src/collector/zookeeper/monitor-source';
import { createZookeeperCollector, DIRS_EVERY_MS } from '../../../../sidecar/src/collector/zookeeper/zk-collector';
import { CollectorError } from '../../../../sidecar/src/core/collection';
import type { AlertState } from '../../../../sidecar/src/core/alert';
import { ManualClock } from '../../../../sidecar/src/core/clock';
import type { Target } from '../../../../sidecar/src/core/model';
import { silentLogger } from '../../../../sidecar/src/log/logger';

const H = 3_600_000;
const MiB = 1024 * 1024;
const FOLLOWER = parseMonitorJson(JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'monitor-3.8-follower.json'), 'utf8')));
const target: Target = { clusterId: 'c1', key: 'zk-1', kind: 'zookeeper', origin: 'config', adminUrl: 'http://zk-1:8080', clientAddress: 'zk-1:2181' };

describe('DirGrowthTracker: growth since the last shrink, once a whole window was watched', () => {
  // [hours since the first observation, bytes] → expected answer
  const cases: Array<{ name: string; steps: Array<[number, number]>; expected: Array<number | undefined> }> = [
    {
      name: 'unknown before one window was watched',
      steps: [
        [0, 100],
        [12, 200],
        [23.9, 300],
      ],
      expected: [undefined, undefined, undefined],
    },
    {
      name: 'a day without a shrink: the growth since the start',
      steps: [
        [0, 100],
        [12, 200],
        [24, 300],
        [30, 350],
      ],
      expected: [undefined, undefined, 200, 250],
    },
    {
      name: 'a shrink (purge) within the window: 0',
      steps: [
        [0, 100],
        [10, 500],
        [11, 50],
        [24, 400],
        [34.9, 450],
      ],
      expected: [undefined, undefined, undefined, 0, 0],
    },
    {
      name: 'a day after the last shrink: growth since it',
      steps: [
        [0, 100],
        [11, 50],
        [35, 450],
      ],
      expected: [undefined, undefined, 400],
    },
    {
      name: 'a steady size is not growth',
      steps: [
        [0, 100],
        [24, 100],
        [48, 100],
      ],
      expected: [undefined, 0, 0],
    },
    {
      name: 'a negative or non-finite size is ignored',
      steps: [
        [0, 100],
        [24, -1],
        [25, Number.POSITIVE_INFINITY],
        [26, 150],
      ],
      expected: [undefined, undefined, undefined, 50],
    },
  ];
  test.each(cases)('$name', ({ steps, expected }) => {
    const clock = new ManualClock(1_700_000_000_000);
    const start = clock.now();
    const t = new DirGrowthTracker();
    const got = steps.map(([h, bytes]) => (clock.set(start + h * H), t.observe('zk-1/log', clock.now(), bytes)));
    expect(got).toEqual(expected);
  });

  test('directories are tracked apart, and forget starts over', () => {
    const t = new DirGrowthTracker(10);
    t.observe('a', 0, 1);
    t.observe('b', 0, 5);
    expect([t.observe('a', 10, 3), t.observe('b', 10, 4)]).toEqual([2, 0]);
    t.forget('a');
    expect(t.observe('a', 20, 9)).toBeUndefined();
  });
});

/** A ZooKeeper server whose dirs follow `sizeAt(hours)`; the collector and the built-in rule stepped hourly. */
async function stepped(sizeAt: (h: number) => { data: number; log: number } | Error, hours: number) {
  const clock = new ManualClock(1_700_000_000_000);
  const start = clock.now();
  const readers: MonitorReaders = {
    admin: async () => FOLLOWER,
    mntr: async () => FOLLOWER,
    dirs: async () => {
      const s = sizeAt((clock.now() - start) / H);
      if (s instanceof Error) throw new CollectorError('UNREACHABLE', s.message, true);
      return { dataDirBytes: s.data, logDirBytes: s.log };
    },
  };
  const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers });
  const rule = DEFAULT_RULES.find((r) => r.id === 'zk-purge-off-growing');
  if (!rule) throw new Error('rule zk-purge-off-growing missing');
  let prev = new Map<string, AlertState>();
  const out: Array<{ h: number; growth?: number; status?: string; warnings: string[] }> = [];
  for (let h = 0; h <= hours; h++) {
    clock.set(start + h * H);
    const r = await collect(target, { tickNo: h, now: clock.now() });
    const values = r.samples.map((s) => ({ ...s, kind: 'zookeeper' as const }));
    const { states } = evaluate(rule, values, prev, clock.now());
    prev = states;
    const growth = r.samples.find((s) => s.metric === 'zookeeper.dir_growth_unpurged')?.value;
    out.push({ h, ...(growth !== undefined ? { growth } : {}), ...(states.get('zk-1') ? { status: states.get('zk-1')?.status } : {}), warnings: r.warnings });
  }
  return out;
}

describe('zk-purge-off-growing over time (collector + rule, hourly steps)', () => {
  test('purge off, the log dir growing 16 MiB an hour: no value the first day, then firing once over 256 MiB', async () => {
    const out = await stepped((h) => ({ data: 10 * MiB, log: 64 * MiB + h * 16 * MiB }), 30);
    expect(out.slice(0, 24).every((s) => s.growth === undefined && s.status === undefined)).toBe(true);
    expect(out[24]).toMatchObject({ growth: 24 * 16 * MiB, status: 'firing' });
    expect(out.slice(24).every((s) => s.status === 'firing')).toBe(true);
  });

  test('purge on (hourly shrink back), same growth in between: 0, never fires', async () => {
    const out = await stepped((h) => ({ data: 10 * MiB, log: 64 * MiB + (h % 6) * 64 * MiB }), 48);
    expect(out.slice(24).map((s) => s.growth)).toEqual(new Array(25).fill(0));
    expect(out.every((s) => s.status === undefined)).toBe(true);
  });

  test('slow growth under the threshold (8 MiB a day) does not fire; the larger of data and log dir counts', async () => {
    const out = await stepped((h) => ({ data: 10 * MiB + h * MiB, log: 64 * MiB + Math.floor(h / 3) * MiB }), 26);
    expect(out[24]?.growth).toBe(24 * MiB);
    expect(out.every((s) => s.status === undefined)).toBe(true);
  });

  test('purge turned on after the alert: resolves at the first shrink', async () => {
    const out = await stepped((h) => ({ data: MiB, log: h < 30 ? h * 16 * MiB : 64 * MiB }), 31);
    expect(out[29]?.status).toBe('firing');
    expect(out[30]).toMatchObject({ growth: 0 });
    expect(out[30]?.status).toBeUndefined();
  });

  test('dirs failing: a warning, the monitor samples still collected, no growth value', async () => {
    const out = await stepped(() => new Error('dirs refused'), 25);
    expect(out.every((s) => s.growth === undefined)).toBe(true);
    expect(out[0]?.warnings.some((w) => w.includes('AdminServer dirs failed') && w.includes('dirs refused'))).toBe(true);
  });

  test('dirs is read at most once a minute per server', async () => {
    let calls = 0;
    const readers: MonitorReaders = {
      admin: async () => FOLLOWER,
      mntr: async () => FOLLOWER,
      dirs: async () => (calls++, { dataDirBytes: 1, logDirBytes: 1 }),
    };
    const collect = createZookeeperCollector({ entries: ZOOKEEPER_MONITOR_ENTRIES, timeoutMs: 100, log: silentLogger, readers });
    for (let s = 0; s < 120; s += 10) await collect(target, { tickNo: s, now: 1_000_000 + s * 1000 });
    expect(calls).toBe(Math.ceil(120_000 / DIRS_EVERY_MS));
  });
});
