import type { Pool } from 'mysql2/promise';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { SweepSchedule } from '../../../sidecar/src/core/forget-unseen';
import type { Sample } from '../../../sidecar/src/core/model';
import { silentLogger } from '../../../sidecar/src/log/logger';
import { SeriesRegistry } from '../../../sidecar/src/store/registry';

const DAY = 86_400_000;

/** A pool answering the registry's queries (target t1 of c1, metric m), counting the series lookups. */
function fakePool(): { pool: Pool; lookups: number } {
  const state = { pool: undefined as unknown as Pool, lookups: 0 };
  const ids = new Map<string, number>();
  const query = async (sql: string, values?: unknown[]): Promise<unknown> => {
    if (sql.startsWith('INSERT IGNORE INTO FL_DOF_SERIES')) {
      state.lookups++;
      for (const [t, m, , h] of (values as unknown[][][])[0]!) if (!ids.has(`${t}/${m}/${h}`)) ids.set(`${t}/${m}/${h}`, ids.size + 1);
      return [{ affectedRows: 0 }, undefined];
    }
    if (sql.startsWith('SELECT series_id'))
      return [
        (values as unknown[][][])[0]!.map(([t, m, h]) => ({ series_id: ids.get(`${t}/${m}/${h}`), target_id: t, metric_id: m, labels_hash: h })),
        undefined,
      ];
    if (sql.startsWith('SELECT target_id')) return [[{ target_id: 1, cluster_id: 'c1', target_key: 't1' }], undefined];
    if (sql.startsWith('SELECT metric_id')) return [[{ metric_id: 1, metric_key: 'm' }], undefined];
    return [{ affectedRows: 0 }, undefined];
  };
  state.pool = { query } as unknown as Pool;
  return state;
}

const sample = (topic: string, ts: number): Sample => ({ clusterId: 'c1', target: 't1', metric: 'm', labels: { topic }, ts, value: 1 });

async function registry(clock: ManualClock, forgetAfterMs: number) {
  const f = fakePool();
  const r = new SeriesRegistry(f.pool, silentLogger);
  await r.upsertTargets([{ clusterId: 'c1', key: 't1', kind: 'kafka-broker', origin: 'config' }]);
  await r.upsertMetrics([{ id: 'm', description: { en: 'm', ko: '' } } as never]);
  r.forgetAfter(new SweepSchedule(forgetAfterMs, clock));
  return { f, r };
}

describe('SeriesRegistry forgets series not seen within retention', () => {
  test.each([
    { name: 'a topic deleted a week ago is forgotten, a live one kept', last: { old: 0, live: 8 * DAY }, now: 8 * DAY, kept: ['live'] },
    { name: 'seen within retention: both kept', last: { a: 2 * DAY, b: 6 * DAY }, now: 8 * DAY, kept: ['a', 'b'] },
    { name: 'nothing seen for longer than retention: all forgotten', last: { a: 0, b: DAY }, now: 9 * DAY, kept: [] },
  ])('$name', async ({ last, now, kept }) => {
    const clock = new ManualClock(0);
    const { f, r } = await registry(clock, 7 * DAY);
    for (const [topic, ts] of Object.entries(last)) await r.resolve([sample(topic, ts)]);
    expect(r.size).toBe(Object.keys(last).length);
    clock.set(now);
    const before = f.lookups;
    const ids = await r.resolve(kept.map((t) => sample(t, now))); // the sweep runs first; kept series need no lookup
    expect(r.size).toBe(kept.length);
    expect(f.lookups).toBe(before);
    expect(ids.every((id) => id !== undefined)).toBe(true);
  });

  test('a forgotten series that comes back gets its id again from MySQL', async () => {
    const clock = new ManualClock(0);
    const { f, r } = await registry(clock, 7 * DAY);
    const [first] = await r.resolve([sample('x', 0)]);
    clock.set(8 * DAY);
    const before = f.lookups;
    const [again] = await r.resolve([sample('x', 8 * DAY)]);
    expect(again).toBe(first);
    expect(f.lookups).toBe(before + 1);
  });

  test('memory: a churn of 10 000 short-lived series per day keeps about a retention window of them, not all ever seen', async () => {
    const clock = new ManualClock(0);
    const { r } = await registry(clock, 2 * DAY);
    for (let day = 0; day < 6; day++) {
      clock.set(day * DAY);
      await r.resolve(Array.from({ length: 10_000 }, (_, i) => sample(`d${day}-${i}`, day * DAY)));
    }
    expect(r.size).toBe(30_000); // days 3, 4 and 5 (day 3 was seen exactly at the cutoff); 60 000 without forgetting
  });
});
