import type { Sample } from '../../../sidecar/src/core/model';
import { backoffMs } from '../../../sidecar/src/core/backoff';
import { sampleRows } from '../../../sidecar/src/store/sample-rows';

describe('backoffMs', () => {
  test('doubles per failure, with the upper half random', () => {
    expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(1, 500, 30_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 500, 30_000, () => 0.5)).toBe(3000);
  });

  test('never exceeds the cap, even after very many failures', () => {
    for (const f of [6, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      const d = backoffMs(f, 500, 30_000, () => 0.999);
      expect(d).toBeLessThanOrEqual(30_000);
      expect(d).toBeGreaterThanOrEqual(15_000);
    }
  });

  test('negative failures count as none', () => {
    expect(backoffMs(-3, 100, 1000, () => 1)).toBe(100);
  });
});

describe('sampleRows', () => {
  const s = (ts: number, value: number): Sample => ({ clusterId: 'c', target: 't', metric: 'm', labels: {}, ts, value });

  test('ms become whole seconds (floor), rows sorted by (series_id, ts)', () => {
    const { rows, skipped } = sampleRows([s(2_999, 1), s(1_000, 2), s(5_500, 3)], [7, 7, 3]);
    expect(skipped).toBe(0);
    expect(rows).toEqual([
      [3, 5, 3],
      [7, 1, 2],
      [7, 2, 1],
    ]);
  });

  test('samples without a series, with NaN/Infinity, or a time outside INT UNSIGNED are skipped and counted', () => {
    const { rows, skipped } = sampleRows(
      [s(1000, 1), s(1000, Number.NaN), s(1000, Infinity), s(-5000, 1), s(2 ** 32 * 1000, 1), s(1000, 2)],
      [undefined, 1, 1, 1, 1, 2],
    );
    expect(rows).toEqual([[2, 1, 2]]);
    expect(skipped).toBe(5);
  });

  test('negative and fractional values are kept as they are', () => {
    expect(sampleRows([s(0, -1.25)], [1]).rows).toEqual([[1, 0, -1.25]]);
  });
});
