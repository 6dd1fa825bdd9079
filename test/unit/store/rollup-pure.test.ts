/** Rollups without MySQL: merging partial aggregates, reading pieces into points, which buckets are due, the recompute SQL. */
import { DirtyBuckets } from '../../../sidecar/src/store/rollup-dirty';
import { mergePartial, single } from '../../../sidecar/src/store/rollup-fold';
import { addPartial, finalValue, pieceSql, toPoints, type BucketAggs } from '../../../sidecar/src/store/rollup-read';
import { HOUR_FROM_MINUTE_SQL, MINUTE_FROM_RAW_SQL } from '../../../sidecar/src/store/rollup-store';

const T = 1_795_000_000 - (1_795_000_000 % 3600); // an hour boundary

describe('partial aggregates', () => {
  test('merge keeps extremes, adds sum and count, takes the newer last (the later one on a tie)', () => {
    expect(mergePartial(single(5, 100), single(2, 90))).toEqual({ min: 2, max: 5, sum: 7, cnt: 2, last: 5, lastTs: 100 });
    expect(mergePartial(single(5, 100), single(2, 100))).toMatchObject({ last: 2, lastTs: 100 });
  });

  test('merging in any grouping gives the same aggregate as one pass', () => {
    const xs = Array.from({ length: 50 }, (_, i) => single(Math.sin(i) * 100, 1000 + ((i * 7) % 50)));
    const once = xs.reduce(mergePartial);
    const halves = mergePartial(xs.slice(0, 17).reduce(mergePartial), xs.slice(17).reduce(mergePartial));
    expect({ ...halves, sum: halves.sum.toFixed(9) }).toEqual({ ...once, sum: once.sum.toFixed(9) });
    expect(once.cnt).toBe(50);
    expect(once.lastTs).toBe(1049);
  });

  test('partials of several pieces merge into one point per step bucket, for every aggregation', () => {
    const into: BucketAggs = new Map();
    addPartial(into, 1, 0, { min: 1, max: 9, sum: 20, cnt: 4, last: 9, lastTs: 50 });
    addPartial(into, 1, 0, { min: 0, max: 3, sum: 4, cnt: 4, last: 3, lastTs: 80 });
    addPartial(into, 1, 100, single(7, 120));
    expect(toPoints(into.get(1), 'avg')).toEqual([
      [0, 3],
      [100, 7],
    ]);
    expect(toPoints(into.get(1), 'min')).toEqual([
      [0, 0],
      [100, 7],
    ]);
    expect(toPoints(into.get(1), 'max')).toEqual([
      [0, 9],
      [100, 7],
    ]);
    expect(toPoints(into.get(1), 'sum')).toEqual([
      [0, 24],
      [100, 7],
    ]);
    expect(toPoints(into.get(1), 'last')).toEqual([
      [0, 3],
      [100, 7],
    ]);
    expect(toPoints(into.get(2), 'avg')).toEqual([]);
    expect(finalValue(single(4, 1), 'avg')).toBe(4);
  });
});

describe('DirtyBuckets', () => {
  test('only closed buckets (end + grace ≤ now) are due, in runs of consecutive buckets with the union of series', () => {
    const d = new DirtyBuckets(60);
    d.markRows([
      [1, T + 5, 0],
      [1, T + 50, 0],
      [2, T + 61, 0],
      [3, T + 300, 0],
      [1, T + 3599, 0],
    ]);
    expect(d.size).toBe(4);
    expect(d.due(T + 60 + 14, 15)).toEqual([]);
    expect(d.due(T + 60 + 15, 15)).toEqual([{ fromSec: T, toSec: T, ids: [1] }]);
    expect(d.due(T + 400, 15)).toEqual([
      { fromSec: T, toSec: T + 60, ids: [1, 2] },
      { fromSec: T + 300, toSec: T + 300, ids: [3] },
    ]);
  });

  test('done forgets what was computed; marking again (late data, replay) makes a bucket due again', () => {
    const d = new DirtyBuckets(60);
    d.mark(1, T + 5);
    d.mark(2, T + 6);
    const [run] = d.due(T + 100, 15);
    d.mark(3, T + 7); // arrived while computing: stays
    d.done(run as { fromSec: number; toSec: number; ids: number[] });
    expect(d.due(T + 100, 15)).toEqual([{ fromSec: T, toSec: T, ids: [3] }]);
    d.done({ fromSec: T, toSec: T, ids: [3] });
    expect(d.size).toBe(0);
    d.mark(1, T + 8);
    expect(d.due(T + 100, 15)).toEqual([{ fromSec: T, toSec: T, ids: [1] }]);
  });

  test('bounded: the oldest buckets are forgotten and counted', () => {
    const d = new DirtyBuckets(60, 3);
    for (let i = 0; i < 5; i++) d.mark(1, T + i * 60);
    expect(d.size).toBe(3);
    expect(d.dropped).toBe(2);
    expect(d.due(T + 10_000, 15)).toEqual([{ fromSec: T + 120, toSec: T + 240, ids: [1] }]);
  });
});

describe('SQL', () => {
  test('reads go by primary key range of the chosen table, with bound values', () => {
    expect(pieceSql('1h', 'avg')).toMatch(/FROM FL_DOF_SAMPLE_1H\s+WHERE series_id IN \(\?\) AND ts BETWEEN \? AND \?/);
    expect(pieceSql('1h', 'avg')).toContain('SUM(sum) AS sm, SUM(cnt) AS n');
    expect(pieceSql('raw', 'avg')).toContain('COUNT(*) AS n');
    expect(pieceSql('1m', 'last')).toMatch(/JOIN FL_DOF_SAMPLE_1M x ON x\.series_id = b\.series_id AND x\.ts = b\.bts/);
    expect(pieceSql('raw', 'last')).toContain('x.value AS last, x.ts AS last_ts');
  });

  test('recomputes overwrite (idempotent), reading the source by primary key range, last joined back', () => {
    for (const sql of [MINUTE_FROM_RAW_SQL, HOUR_FROM_MINUTE_SQL]) {
      expect(sql).toMatch(/WHERE series_id IN \(\?\) AND ts BETWEEN \? AND \?/);
      expect(sql).toMatch(
        /ON DUPLICATE KEY UPDATE min = VALUES\(min\), max = VALUES\(max\), sum = VALUES\(sum\), cnt = VALUES\(cnt\), last = VALUES\(last\), last_ts = VALUES\(last_ts\)$/,
      );
      expect(sql).not.toMatch(/sum \+|cnt \+/);
    }
    expect(MINUTE_FROM_RAW_SQL).toContain('JOIN FL_DOF_SAMPLE x ON x.series_id = a.series_id AND x.ts = a.lts');
    expect(HOUR_FROM_MINUTE_SQL).toContain('JOIN FL_DOF_SAMPLE_1M x ON x.series_id = a.series_id AND x.ts = a.mts');
  });
});
