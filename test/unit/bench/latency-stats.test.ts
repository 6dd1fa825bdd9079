import { distribution, eventIs, nextAtPhase, percentile, phaseOf, secondsCells, stratifiedPhases, updateCarries } from '../../../bench/latency-stats';

/** A deterministic random source (LCG) in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('percentile (nearest rank)', () => {
  const xs = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
  it('p95 of 20 values is the 19th, p100 the largest, p0 the smallest', () => {
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile(xs, 100)).toBe(20);
    expect(percentile(xs, 0)).toBe(1);
  });
  it('p95 of fewer than 20 values is the largest', () => {
    expect(percentile([1, 2, 3, 4, 5], 95)).toBe(5);
  });
  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('distribution', () => {
  it('sorts, and takes the mean of the middle two as the median of an even count', () => {
    expect(distribution([4, 1, 3, 2])).toEqual({ n: 4, min: 1, median: 2.5, p95: 4, max: 4 });
  });
  it('takes the middle value of an odd count', () => {
    expect(distribution([9, 1, 5])).toMatchObject({ n: 3, min: 1, median: 5, max: 9 });
  });
  it('is all NaN with n 0 for no values, shown as n/a', () => {
    const d = distribution([]);
    expect(d.n).toBe(0);
    expect(d.max).toBeNaN();
    expect(secondsCells(d)).toBe('n/a | n/a | n/a | n/a');
  });
  it('is shown in seconds with 2 decimals', () => {
    expect(secondsCells(distribution([1234, 10_499]))).toBe('1.23 | 5.87 | 10.50 | 10.50');
  });
});

describe('stratifiedPhases', () => {
  it('puts exactly one phase in each of n equal slices of the interval, in shuffled order', () => {
    const n = 24;
    const phases = stratifiedPhases(n, 10_000, seeded(7));
    expect(phases).toHaveLength(n);
    const slices = phases.map((p) => Math.floor(p / (10_000 / n))).sort((a, b) => a - b);
    expect(slices).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(phases.every((p) => p >= 0 && p < 10_000)).toBe(true);
    expect([...phases].sort((a, b) => a - b)).not.toEqual(phases);
  });
  it('gives nothing for n = 0', () => {
    expect(stratifiedPhases(0, 10_000)).toEqual([]);
  });
});

describe('nextAtPhase / phaseOf', () => {
  it('is later in the same interval when the phase is still ahead', () => {
    expect(nextAtPhase(1_000_003_000, 7_500, 10_000)).toBe(1_000_007_500);
  });
  it('is in the next interval when the phase has passed', () => {
    expect(nextAtPhase(1_000_008_000, 7_500, 10_000)).toBe(1_000_017_500);
  });
  it('is the moment itself when it is exactly on the phase', () => {
    expect(nextAtPhase(1_000_007_500, 7_500, 10_000)).toBe(1_000_007_500);
  });
  it('phaseOf inverts it (ticks at multiples of the interval)', () => {
    expect(phaseOf(nextAtPhase(1_234_567_891, 4_321, 5_000), 5_000)).toBe(4_321);
    expect(phaseOf(-2_000, 10_000)).toBe(8_000);
  });
});

describe('message matching', () => {
  const update = {
    type: 'update',
    samples: [
      { metric: 'jvm.heap.used', target: 'b-1', value: 100 },
      { metric: 'jvm.heap.used', target: 'b-2', value: 200 },
      { metric: 'jvm.heap.max', target: 'b-1', value: 300 },
    ],
  };
  it('an update carries a value only for that target and metric', () => {
    expect(updateCarries(update, 'b-1', 'jvm.heap.used', 100)).toBe(true);
    expect(updateCarries(update, 'b-1', 'jvm.heap.used', 200)).toBe(false);
    expect(updateCarries(update, 'b-2', 'jvm.heap.max', 300)).toBe(false);
    expect(updateCarries({ ...update, type: 'snapshot' }, 'b-1', 'jvm.heap.used', 100)).toBe(false);
  });
  it('an event matches on kind, subject and (when given) rule', () => {
    const fired = { type: 'event', event: { kind: 'alert-fired', ruleId: 'target-down', subject: 'b-1' } };
    expect(eventIs(fired, 'alert-fired', 'b-1', 'target-down')).toBe(true);
    expect(eventIs(fired, 'alert-fired', 'b-1')).toBe(true);
    expect(eventIs(fired, 'alert-fired', 'b-2', 'target-down')).toBe(false);
    expect(eventIs(fired, 'alert-fired', 'b-1', 'under-replicated')).toBe(false);
    expect(eventIs(fired, 'alert-resolved', 'b-1', 'target-down')).toBe(false);
    expect(eventIs({ type: 'update', event: fired.event }, 'alert-fired', 'b-1')).toBe(false);
  });
});
