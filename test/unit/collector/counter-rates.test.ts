import { RateTracker } from '../../../sidecar/src/collector/counter-rates';

describe('RateTracker: counters to per-second rates', () => {
  test.each<[string, [number, number][], (number | undefined)[]]>([
    ['steady growth', [[0, 100], [10_000, 200], [20_000, 400]], [undefined, 10, 20]],
    ['no change is a zero rate', [[0, 5], [10_000, 5]], [undefined, 0]],
    ['a restart (value drops) gives no rate, then resumes from the new baseline', [[0, 1000], [10_000, 1100], [20_000, 30], [30_000, 130]], [undefined, 10, undefined, 10]],
    ['time going backwards or standing still gives no rate', [[10_000, 1], [10_000, 2], [5_000, 3]], [undefined, undefined, undefined]],
    ['non-finite values are ignored', [[0, 1], [10_000, Number.NaN]], [undefined, undefined]],
  ])('%s', (_name, steps, expected) => {
    const r = new RateTracker();
    expect(steps.map(([ts, v]) => r.observe('s', ts, v))).toEqual(expected);
  });

  test('series are independent, bounded, and can be forgotten by prefix', () => {
    const r = new RateTracker(2);
    r.observe('c/a/x', 0, 1);
    r.observe('c/b/x', 0, 1);
    r.observe('c/c/x', 0, 1);
    expect(r.size).toBe(2);
    expect(r.observe('c/a/x', 1000, 2)).toBeUndefined(); // evicted as least recently seen
    r.forget('c/c/');
    expect(r.size).toBe(1);
  });
});
