/** The plausibility stage: what becomes a sample, what is rejected (counted), what is merely not numeric. */
import { boundsOf, MAX_MAGNITUDE, unitBounds } from '../../../sidecar/src/catalog/bounds';
import { BUILTIN_ENTRIES, buildCatalog, CatalogError } from '../../../sidecar/src/catalog/catalog';
import { jmx } from '../../../sidecar/src/catalog/define';
import { addRejections, implausibility, judge, readNumber, rejectionsOf, screenSamples } from '../../../sidecar/src/collector/plausibility';
import type { Sample } from '../../../sidecar/src/core/model';

const COUNT = unitBounds('count');
const RATIO = unitBounds('ratio');

describe('judge: a raw value against bounds', () => {
  test.each<[string, unknown, ReturnType<typeof unitBounds>, 'kept' | 'rejected' | 'not numeric', number | string]>([
    ['a count', 12, COUNT, 'kept', 12],
    ['a numeric string', ' 42 ', COUNT, 'kept', 42],
    ['an exponent string', '1.5e3', COUNT, 'kept', 1500],
    ['true', true, COUNT, 'kept', 1],
    ['false', false, COUNT, 'kept', 0],
    ['a ratio inside 0..1', 0.97, RATIO, 'kept', 0.97],
    ['a ratio within the margin', 1.03, RATIO, 'kept', 1.03],
    ['1.7e308: finite, beyond any Java long', 1.7e308, COUNT, 'rejected', '1.7e+308 above 9223372036854776000'],
    ['"1e999" (Infinity once parsed)', '1e999', COUNT, 'rejected', 'not finite (1e999)'],
    ['"Infinity"', 'Infinity', COUNT, 'rejected', 'not finite (Infinity)'],
    ['"-Infinity"', '-Infinity', COUNT, 'rejected', 'not finite (-Infinity)'],
    ['"NaN"', 'NaN', COUNT, 'rejected', 'not finite (NaN)'],
    ['a number Infinity', Infinity, COUNT, 'rejected', 'not finite (Infinity)'],
    ['a number NaN', NaN, COUNT, 'rejected', 'not finite (NaN)'],
    ['-1 for a count (open file descriptors)', -1, COUNT, 'rejected', '-1 below 0'],
    ['42.5 for a ratio (CPU load)', 42.5, RATIO, 'rejected', '42.5 above 1.05'],
    ['-1 for a ratio (CPU load not available)', -1, RATIO, 'rejected', '-1 below 0'],
    ['a word', 'CONNECTED', COUNT, 'not numeric', 'not numeric'],
    ['null', null, COUNT, 'not numeric', 'not numeric'],
    ['undefined', undefined, COUNT, 'not numeric', 'not numeric'],
    ['a nested object', { used: { deep: 1 } }, COUNT, 'not numeric', 'not numeric'],
    ['an array', [1, 2], COUNT, 'not numeric', 'not numeric'],
  ])('%s', (_what, raw, bounds, outcome, expected) => {
    const r = judge(raw, bounds);
    if (outcome === 'kept') expect(r).toEqual({ ok: true, value: expected });
    else expect(r).toEqual({ ok: false, rejected: outcome === 'rejected', reason: expected });
  });

  test('readNumber alone does not apply bounds', () => {
    expect(readNumber(-1)).toEqual({ ok: true, value: -1 });
    expect(readNumber(1.7e308)).toEqual({ ok: true, value: 1.7e308 });
  });
});

describe('bounds', () => {
  test.each([
    ['count', 0, MAX_MAGNITUDE],
    ['bytes', 0, MAX_MAGNITUDE],
    ['ms', 0, MAX_MAGNITUDE],
    ['bytes/s', 0, MAX_MAGNITUDE],
    ['ratio', 0, 1.05],
    ['percent', 0, 105],
    ['bool', 0, 1],
    ['code', -MAX_MAGNITUDE, MAX_MAGNITUDE],
    ['widgets', -MAX_MAGNITUDE, MAX_MAGNITUDE],
  ])('unit %s: %d..%d', (unit, min, max) => {
    expect(unitBounds(unit)).toEqual({ min, max });
  });

  test("an entry's own bounds override its unit's per side", () => {
    expect(boundsOf({ unit: 'count', bounds: { max: 10 } })).toEqual({ min: 0, max: 10 });
    expect(boundsOf({ unit: 'code', bounds: { min: -1 } })).toEqual({ min: -1, max: MAX_MAGNITUDE });
  });

  test('every built-in entry has a range that holds 0 or 1 (nothing sensible is rejected by default)', () => {
    for (const e of BUILTIN_ENTRIES) {
      const b = boundsOf(e);
      expect(implausibility(0, b) === undefined || implausibility(1, b) === undefined).toBe(true);
    }
  });

  test('the CPU load and open file descriptor entries carry the ranges of their units', () => {
    const c = buildCatalog();
    expect(boundsOf(c.get('jvm.os.process_cpu_load', 'kafka-broker')!)).toEqual({ min: 0, max: 1.05 });
    expect(boundsOf(c.get('jvm.os.open_fds', 'kafka-broker')!).min).toBe(0);
  });

  test('config extras carry bounds into the catalogue; inverted bounds are refused', () => {
    const extra = {
      id: 'custom.broker.temp',
      appliesTo: 'kafka-broker' as const,
      source: { kind: 'jmx' as const, mbean: 'a:type=B', attribute: 'Value' },
      unit: 'celsius',
      type: 'gauge' as const,
      description: { en: 'Temperature' },
    };
    expect(boundsOf(buildCatalog([{ ...extra, bounds: { min: -40, max: 120 } }]).get('custom.broker.temp')!)).toEqual({ min: -40, max: 120 });
    expect(() => buildCatalog([{ ...extra, bounds: { min: 5, max: 1 } }])).toThrow(CatalogError);
  });
});

describe('screenSamples', () => {
  const s = (metric: string, value: number): Sample => ({ clusterId: 'c', target: 'broker-1', metric, labels: {}, ts: 1, value });
  const boundsFor = (metric: string) => (metric === 'r' ? RATIO : metric === 'n' ? COUNT : undefined);

  test('keeps plausible samples in order and counts the others with the last reason', () => {
    const out = screenSamples([s('r', 0.5), s('r', 42.5), s('n', 3), s('n', -1), s('unknown', -7), s('unknown', Infinity)], boundsFor);
    expect(out.kept).toEqual([s('r', 0.5), s('n', 3), s('unknown', -7)]);
    expect(out.rejected).toEqual({ count: 3, lastReason: 'unknown: not finite (Infinity)' });
  });

  test('nothing rejected: no rejections field', () => {
    expect(screenSamples([s('r', 1)], boundsFor)).toEqual({ kept: [s('r', 1)] });
  });

  test('rejections add up; empty ones vanish', () => {
    expect(rejectionsOf([])).toBeUndefined();
    expect(addRejections(undefined, rejectionsOf(['a']))).toEqual({ count: 1, lastReason: 'a' });
    expect(addRejections({ count: 2, lastReason: 'a' }, { count: 1, lastReason: 'b' })).toEqual({ count: 3, lastReason: 'b' });
    expect(addRejections({ count: 2, lastReason: 'a' }, { count: 0, lastReason: '' })).toEqual({ count: 2, lastReason: 'a' });
  });
});

test('a built-in entry may carry its own bounds (define.ts)', () => {
  const e = jmx('kafka-broker', 'x.y.z', 'a:type=B', 'Value', 'gauge', 'count', ['x', 'x'], { bounds: { min: -1 } });
  expect(boundsOf(e)).toEqual({ min: -1, max: MAX_MAGNITUDE });
});
