import { RateTracker } from '../../../sidecar/src/collector/rates';

type Step = [tsMs: number, value: number];

function run(steps: Step[], r = new RateTracker()): (number | undefined)[] {
  return steps.map(([ts, v]) => r.observe('c/broker-1/kafka.broker.bytes_in/{}', ts, v));
}

describe('RateTracker: counters to per-second rates', () => {
  test.each<[string, Step[], (number | undefined)[]]>([
    ['first observation has no rate', [[0, 100]], [undefined]],
    [
      'steady growth',
      [
        [0, 100],
        [10_000, 200],
        [20_000, 400],
      ],
      [undefined, 10, 20],
    ],
    [
      'no change is a zero rate',
      [
        [0, 5],
        [10_000, 5],
      ],
      [undefined, 0],
    ],
    [
      'uneven intervals',
      [
        [0, 0],
        [2_500, 10],
        [12_500, 30],
      ],
      [undefined, 4, 2],
    ],
    [
      'a restart (value drops) gives no rate, then resumes from the new baseline',
      [
        [0, 1000],
        [10_000, 1100],
        [20_000, 30],
        [30_000, 130],
      ],
      [undefined, 10, undefined, 10],
    ],
    [
      'a reset to zero',
      [
        [0, 50],
        [10_000, 0],
        [20_000, 0],
      ],
      [undefined, undefined, 0],
    ],
    [
      'two restarts in a row',
      [
        [0, 500],
        [10_000, 100],
        [20_000, 50],
        [30_000, 150],
      ],
      [undefined, undefined, undefined, 10],
    ],
    [
      'time standing still or going backwards gives no rate and keeps the baseline',
      [
        [10_000, 1],
        [10_000, 2],
        [5_000, 3],
        [20_000, 11],
      ],
      [undefined, undefined, undefined, 1],
    ],
    [
      'non-finite values are ignored and keep the baseline',
      [
        [0, 1],
        [10_000, Number.NaN],
        [20_000, Infinity],
        [30_000, 31],
      ],
      [undefined, undefined, undefined, 1],
    ],
    [
      'large longs (beyond 2^53 precision) still give a rate',
      [
        [0, 2 ** 53],
        [1_000, 2 ** 53 + 1024],
      ],
      [undefined, 1024],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });

  test('never returns a negative rate, whatever the sequence', () => {
    const r = new RateTracker();
    let ts = 0;
    const values = [5, 3, 9, 9, 1, 100, 0, 2, 1, 50];
    for (const v of values) {
      ts += 1000;
      const rate = r.observe('s', ts, v);
      if (rate !== undefined) expect(rate).toBeGreaterThanOrEqual(0);
    }
  });

  test('series are independent', () => {
    const r = new RateTracker();
    r.observe('a', 0, 0);
    r.observe('b', 0, 1000);
    expect(r.observe('a', 1000, 10)).toBe(10);
    expect(r.observe('b', 1000, 500)).toBeUndefined();
  });

  test('bounded: beyond maxSeries the least recently seen series is forgotten', () => {
    const r = new RateTracker({ maxSeries: 2 });
    r.observe('c/a/x', 0, 1);
    r.observe('c/b/x', 0, 1);
    r.observe('c/a/x', 500, 2); // a is now more recent than b
    r.observe('c/c/x', 600, 1);
    expect(r.size).toBe(2);
    expect(r.observe('c/b/x', 1000, 2)).toBeUndefined(); // b was evicted
    expect(r.observe('c/c/x', 1600, 11)).toBe(10);
  });

  test('series unseen for longer than maxIdleMs are dropped', () => {
    const r = new RateTracker({ maxIdleMs: 60_000 });
    r.observe('gone', 0, 1);
    r.observe('kept', 0, 1);
    r.observe('kept', 50_000, 2);
    expect(r.size).toBe(2);
    r.observe('kept', 70_000, 3);
    expect(r.size).toBe(1);
    expect(r.observe('gone', 80_000, 5)).toBeUndefined(); // starts over
  });

  test("forget(prefix) drops one target's series", () => {
    const r = new RateTracker();
    r.observe('c1/broker-1/m/{}', 0, 1);
    r.observe('c1/broker-1/n/{}', 0, 1);
    r.observe('c1/broker-2/m/{}', 0, 1);
    r.forget('c1/broker-1/');
    expect(r.size).toBe(1);
    expect(r.observe('c1/broker-1/m/{}', 1000, 2)).toBeUndefined();
    expect(r.observe('c1/broker-2/m/{}', 1000, 2)).toBe(1);
  });

  test('recency survives re-observation and forget: eviction always takes the least recently seen', () => {
    const r = new RateTracker({ maxSeries: 3, maxIdleMs: 60_000 });
    r.observe('c/a/x', 0, 1);
    r.observe('c/b/x', 1_000, 1);
    r.observe('c/c/x', 2_000, 1);
    r.observe('c/a/x', 3_000, 2); // order now b, c, a
    r.forget('c/c/'); // b, a
    r.observe('c/d/x', 4_000, 1); // b, a, d
    r.observe('c/e/x', 5_000, 1); // over maxSeries: b goes → a, d, e
    expect(r.size).toBe(3);
    r.observe('c/d/x', 63_500, 2); // a, e, d: a (3 000) is idle for more than 60 000, e (5 000) is not
    expect(r.size).toBe(2);
    expect(r.observe('c/e/x', 64_000, 60)).toBe(1); // e kept its baseline: (60 - 1) / 59 s
    expect(r.observe('c/a/x', 64_500, 3)).toBeUndefined(); // a starts over
    expect(r.observe('c/b/x', 65_000, 5)).toBeUndefined(); // b starts over
  });

  test('many series observed cycle after cycle keep every rate (no series lost or mixed up)', () => {
    const r = new RateTracker();
    const keys = Array.from({ length: 5000 }, (_, i) => `c/t${i % 50}/m/{"i":"${i}"}`);
    for (let cycle = 0; cycle < 4; cycle++) {
      const rates = keys.map((k, i) => r.observe(k, cycle * 10_000, cycle * 10 * (i + 1)));
      if (cycle > 0) expect(rates.every((v, i) => v === i + 1)).toBe(true);
    }
    expect(r.size).toBe(5000);
  });
});
