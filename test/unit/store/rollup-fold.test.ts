/** Folding raw rows into 1m/1h rollup rows, merging partial aggregates, first-value-wins dedupe. */
import { firstPerKey, foldRollups, mergePartial, single, type PartialAgg } from '../../../sidecar/src/store/rollup-fold';
import { addPartial, finalValue, pieceSql, toPoints, type BucketAggs } from '../../../sidecar/src/store/rollup-read';
import type { SampleRow } from '../../../sidecar/src/store/sample-rows';

const T = 1_795_000_000 - (1_795_000_000 % 3600); // an hour boundary

describe('foldRollups', () => {
  const rows: SampleRow[] = [
    [2, T + 5, 10],
    [1, T + 70, -3],
    [1, T + 10, 4],
    [1, T + 50, 6],
    [1, T + 3600, 100],
    [2, T + 65, 1],
  ];

  test('per minute: min/max/sum/cnt and the value of the newest sample, in primary key order', () => {
    expect(foldRollups(rows, 60)).toEqual([
      [1, T, 4, 6, 10, 2, 6, T + 50],
      [1, T + 60, -3, -3, -3, 1, -3, T + 70],
      [1, T + 3600, 100, 100, 100, 1, 100, T + 3600],
      [2, T, 10, 10, 10, 1, 10, T + 5],
      [2, T + 60, 1, 1, 1, 1, 1, T + 65],
    ]);
  });

  test('per hour: newest wins even when it arrives first', () => {
    expect(foldRollups(rows, 3600)).toEqual([
      [1, T, -3, 6, 7, 3, -3, T + 70],
      [1, T + 3600, 100, 100, 100, 1, 100, T + 3600],
      [2, T, 1, 10, 11, 2, 1, T + 65],
    ]);
  });

  test('folding in two batches then merging equals folding at once (what the upsert relies on)', () => {
    const all = Array.from({ length: 500 }, (_, i): SampleRow => [1 + (i % 7), T + ((i * 37) % 7200), Math.sin(i) * 1000]);
    const once = foldRollups(all, 60);
    const merged = new Map<string, PartialAgg>();
    for (const part of [all.slice(0, 213), all.slice(213)]) {
      for (const [s, b, min, max, sum, cnt, last, lastTs] of foldRollups(part, 60)) {
        const k = `${s}:${b}`;
        const p = { min, max, sum, cnt, last, lastTs };
        merged.set(k, merged.has(k) ? mergePartial(merged.get(k) as PartialAgg, p) : p);
      }
    }
    expect(merged.size).toBe(once.length);
    for (const [s, b, min, max, sum, cnt, last, lastTs] of once) {
      const m = merged.get(`${s}:${b}`) as PartialAgg;
      expect({ ...m, sum: Math.round(m.sum * 1e6) }).toEqual({ min, max, sum: Math.round(sum * 1e6), cnt, last, lastTs });
    }
  });

  test('empty input folds to nothing', () => {
    expect(foldRollups([], 60)).toEqual([]);
  });
});

describe('mergePartial and firstPerKey', () => {
  test('merge keeps extremes, adds sum and count, takes the newer last (the later one on a tie)', () => {
    expect(mergePartial(single(5, 100), single(2, 90))).toEqual({ min: 2, max: 5, sum: 7, cnt: 2, last: 5, lastTs: 100 });
    expect(mergePartial(single(5, 100), single(2, 100))).toMatchObject({ last: 2, lastTs: 100 });
  });

  test('first value per (series, ts) wins, as INSERT IGNORE keeps it', () => {
    expect(firstPerKey([[1, 10, 1], [1, 10, 2], [1, 11, 3], [2, 10, 4], [2, 10, 5]])).toEqual([[1, 10, 1], [1, 11, 3], [2, 10, 4]]);
  });
});

describe('reading pieces', () => {
  test('partials of several pieces merge into one point per step bucket', () => {
    const into: BucketAggs = new Map();
    addPartial(into, 1, 0, { min: 1, max: 9, sum: 20, cnt: 4, last: 9, lastTs: 50 });
    addPartial(into, 1, 0, { min: 0, max: 3, sum: 4, cnt: 4, last: 3, lastTs: 80 });
    addPartial(into, 1, 100, single(7, 120));
    expect(toPoints(into.get(1), 'avg')).toEqual([[0, 3], [100, 7]]);
    expect(toPoints(into.get(1), 'min')).toEqual([[0, 0], [100, 7]]);
    expect(toPoints(into.get(1), 'max')).toEqual([[0, 9], [100, 7]]);
    expect(toPoints(into.get(1), 'sum')).toEqual([[0, 24], [100, 7]]);
    expect(toPoints(into.get(1), 'last')).toEqual([[0, 3], [100, 7]]);
    expect(toPoints(into.get(2), 'avg')).toEqual([]);
    expect(finalValue(single(4, 1), 'avg')).toBe(4);
  });

  test('SQL reads the chosen table by primary key range only, with bound values', () => {
    expect(pieceSql('1h', 'avg')).toMatch(/FROM FL_DOF_SAMPLE_1H\s+WHERE series_id IN \(\?\) AND ts BETWEEN \? AND \?/);
    expect(pieceSql('1h', 'avg')).toContain('SUM(sum) AS sm, SUM(cnt) AS n');
    expect(pieceSql('raw', 'avg')).toContain('COUNT(*) AS n');
    expect(pieceSql('1m', 'last')).toMatch(/JOIN FL_DOF_SAMPLE_1M x ON x\.series_id = b\.series_id AND x\.ts = b\.bts/);
    expect(pieceSql('raw', 'last')).toContain('x.value AS last, x.ts AS last_ts');
  });
});
