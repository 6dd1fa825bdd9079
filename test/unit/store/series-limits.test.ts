import type { Pool } from 'mysql2/promise';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { SweepSchedule } from '../../../sidecar/src/core/forget-unseen';
import type { Sample } from '../../../sidecar/src/core/model';
import { silentLogger } from '../../../sidecar/src/log/logger';
import { SeriesRegistry } from '../../../sidecar/src/store/registry';
import { SeriesLimits, type SeriesLimitChange } from '../../../sidecar/src/store/series-limits';

/** One cycle: `news` new series of `target` in `cluster` at `ts`; returns how many were admitted. */
function cycle(l: SeriesLimits, cluster: string, target: string, ts: number, news: number): number {
  let admitted = 0;
  for (let i = 0; i < news; i++) if (l.admit(cluster, target, ts)) admitted++;
  return admitted;
}

describe('SeriesLimits', () => {
  test.each([
    // name, per target per cycle, per cluster, cycles [target, ts, new series], admitted per cycle, dropped in all
    [
      'under both limits',
      10,
      100,
      [
        ['b1', 1, 10],
        ['b1', 2, 10],
      ],
      [10, 10],
      0,
    ],
    [
      'per target per cycle: the rest waits for the next cycle',
      10,
      100,
      [
        ['b1', 1, 25],
        ['b1', 2, 15],
      ],
      [10, 10],
      20,
    ],
    [
      'per target: one target over does not hold another back',
      10,
      100,
      [
        ['b1', 1, 25],
        ['b2', 1, 5],
      ],
      [10, 5],
      15,
    ],
    [
      'per cluster: a total over the cluster limit is refused',
      50,
      30,
      [
        ['b1', 1, 20],
        ['b2', 1, 20],
        ['b3', 2, 5],
      ],
      [20, 10, 0],
      15,
    ],
  ] as const)('%s', (_name, perTarget, perCluster, cycles, admitted, dropped) => {
    const l = new SeriesLimits({ newPerTargetPerCycle: perTarget, perCluster });
    expect(cycles.map(([t, ts, n]) => cycle(l, 'c1', t, ts, n))).toEqual(admitted);
    expect(l.stats().dropped).toBe(dropped);
  });

  test('clusters are limited separately', () => {
    const l = new SeriesLimits({ newPerTargetPerCycle: 100, perCluster: 5 });
    expect(cycle(l, 'c1', 'b1', 1, 8)).toBe(5);
    expect(cycle(l, 'c2', 'b1', 1, 8)).toBe(5);
    expect(l.stats().droppedByTarget).toEqual({ 'c1/b1': 3, 'c2/b1': 3 });
  });

  test('a limit is hit once and cleared once, not per cycle', () => {
    const l = new SeriesLimits({ newPerTargetPerCycle: 2, perCluster: 1000 });
    const changes: SeriesLimitChange[][] = [];
    const run = (ts: number, news: number, known = 0): void => {
      cycle(l, 'c1', 'b1', ts, news);
      for (let i = 0; i < known; i++) l.seen('c1', 'b1', ts);
      changes.push(l.takeChanges());
    };
    run(1, 5); // hit
    run(2, 5); // still over: nothing new
    run(3, 1, 4); // under again
    run(4, 0, 5); // noticed as the cycle after begins: cleared
    run(5, 0, 5);
    expect(changes.map((c) => c.map((x) => `${x.state}:${x.scope}:${x.target ?? ''}:${x.dropped}`))).toEqual([
      ['hit:target:b1:1'],
      [],
      [],
      ['cleared:target:b1:6'],
      [],
    ]);
    expect(l.stats().limited).toEqual([]);
    expect(l.stats().dropped).toBe(6);
  });

  test('/status shows a limit while it holds', () => {
    const l = new SeriesLimits({ newPerTargetPerCycle: 1000, perCluster: 3 });
    cycle(l, 'c1', 'b1', 7, 5);
    expect(l.stats().limited).toEqual([{ scope: 'cluster', clusterId: 'c1', limit: 3, since: 7, dropped: 2 }]);
  });

  test('forgotten series make room under the cluster limit', () => {
    const l = new SeriesLimits({ newPerTargetPerCycle: 100, perCluster: 10 });
    expect(cycle(l, 'c1', 'b1', 1, 10)).toBe(10);
    expect(cycle(l, 'c1', 'b1', 2, 1)).toBe(0);
    l.forgotten('c1', 4);
    expect(cycle(l, 'c1', 'b1', 3, 6)).toBe(4);
  });

  test('a released place (series not created: MySQL failed) is given back to the cycle and the cluster', () => {
    const l = new SeriesLimits({ newPerTargetPerCycle: 2, perCluster: 2 });
    expect(cycle(l, 'c1', 'b1', 1, 2)).toBe(2);
    l.release('c1', 'b1', 1);
    l.release('c1', 'b1', 1);
    expect(cycle(l, 'c1', 'b1', 1, 2)).toBe(2);
    expect(l.stats().dropped).toBe(0);
  });
});

/** A pool answering the registry's queries: targets t1, t2 of cluster c1, metric m; series ids in order; can fail. */
function fakePool(): { pool: Pool; seriesRows: number; failNext: boolean } {
  const state = { pool: undefined as unknown as Pool, seriesRows: 0, failNext: false };
  const ids = new Map<string, number>();
  const query = async (sql: string, values?: unknown[]): Promise<unknown> => {
    if (sql.startsWith('INSERT IGNORE INTO FL_DOF_SERIES')) {
      if (state.failNext) {
        state.failNext = false;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }
      for (const [t, m, , h] of (values as unknown[][][])[0]!) if (!ids.has(`${t}/${m}/${h}`)) ids.set(`${t}/${m}/${h}`, ids.size + 1);
      state.seriesRows = ids.size;
      return [{ affectedRows: 0 }, undefined];
    }
    if (sql.startsWith('SELECT series_id'))
      return [
        (values as unknown[][][])[0]!.map(([t, m, h]) => ({ series_id: ids.get(`${t}/${m}/${h}`), target_id: t, metric_id: m, labels_hash: h })),
        undefined,
      ];
    if (sql.startsWith('SELECT target_id'))
      return [
        [
          { target_id: 1, cluster_id: 'c1', target_key: 't1' },
          { target_id: 2, cluster_id: 'c1', target_key: 't2' },
        ],
        undefined,
      ];
    if (sql.startsWith('SELECT metric_id')) return [[{ metric_id: 1, metric_key: 'm' }], undefined];
    return [{ affectedRows: 0 }, undefined];
  };
  state.pool = { query } as unknown as Pool;
  return state;
}

const DAY = 86_400_000;

const samples = (target: string, ts: number, from: number, n: number): Sample[] =>
  Array.from({ length: n }, (_, i) => ({ clusterId: 'c1', target, metric: 'm', labels: { topic: `t${from + i}` }, ts, value: 1 }));

async function registryWith(limits: SeriesLimits) {
  const f = fakePool();
  const r = new SeriesRegistry(f.pool, silentLogger);
  await r.upsertTargets([{ clusterId: 'c1', key: 't1', kind: 'kafka-broker', origin: 'config' }]);
  await r.upsertMetrics([{ id: 'm', description: { en: 'm', ko: '' } } as never]);
  const changes: SeriesLimitChange[] = [];
  r.useLimits(limits, (c) => changes.push(...c));
  return { f, r, changes };
}

describe('SeriesRegistry with limits', () => {
  test('a flood of new series: at most N rows per target per cycle, the rest dropped and counted; known series never dropped', async () => {
    const { f, r, changes } = await registryWith(new SeriesLimits({ newPerTargetPerCycle: 100, perCluster: 250 }));
    const first = await r.resolve(samples('t1', 1000, 0, 1000));
    expect(first.filter((id) => id !== undefined)).toHaveLength(100);
    expect(f.seriesRows).toBe(100);
    expect(changes).toMatchObject([{ state: 'hit', scope: 'target', clusterId: 'c1', target: 't1', limit: 100 }]);
    // the next cycles: the known series resolve, 100 more each, then the cluster limit holds
    for (const ts of [2000, 3000, 4000]) await r.resolve(samples('t1', ts, 0, 1000));
    expect(f.seriesRows).toBe(250);
    expect(r.size).toBe(250);
    const last = await r.resolve(samples('t1', 5000, 0, 1000));
    expect(last.filter((id) => id !== undefined)).toHaveLength(250);
    // from the 4th cycle on the cluster limit drops, not the target one: that one cleared
    expect(changes.map((c) => `${c.state}:${c.scope}`)).toEqual(['hit:target', 'hit:cluster', 'cleared:target']);
  });

  test('series forgotten for retention make room under the cluster limit', async () => {
    const clock = new ManualClock(0);
    const { r } = await registryWith(new SeriesLimits({ newPerTargetPerCycle: 100, perCluster: 10 }));
    r.forgetAfter(new SweepSchedule(DAY, clock));
    expect((await r.resolve(samples('t1', 0, 0, 10))).every((id) => id !== undefined)).toBe(true);
    expect((await r.resolve(samples('t1', 1000, 10, 5))).some((id) => id !== undefined)).toBe(false);
    clock.set(2 * DAY);
    expect((await r.resolve(samples('t1', 2 * DAY, 10, 5))).every((id) => id !== undefined)).toBe(true);
  });

  test('a MySQL failure gives the places back: the retried batch gets all of them', async () => {
    const { f, r } = await registryWith(new SeriesLimits({ newPerTargetPerCycle: 10, perCluster: 1000 }));
    f.failNext = true;
    await expect(r.resolve(samples('t1', 1000, 0, 10))).rejects.toThrow();
    expect((await r.resolve(samples('t1', 1000, 0, 10))).every((id) => id !== undefined)).toBe(true);
  });
});
