import {
  backfillPlan,
  expiredPartitions,
  missingDays,
  missingPeriods,
  partitionBound,
  partitionName,
  periodEnd,
  periodStart,
} from '../../../sidecar/src/store/partitions';
import { retentionCutoffs } from '../../../sidecar/src/store/rollup-retention';

const DAY = 86400;
const d = (y: number, m: number, day: number, h = 0): number => Date.UTC(y, m - 1, day, h) / 1000;

describe('daily partitions (pure)', () => {
  test('names are the UTC day; the bound is the next midnight', () => {
    expect(partitionName(d(2026, 11, 25, 23))).toBe('p20261125');
    expect(partitionBound('p20261125')).toBe(d(2026, 11, 26));
    expect(partitionBound('p20261231')).toBe(d(2027, 1, 1));
    expect(partitionBound('pmax')).toBeNaN();
  });

  test('missing days from an empty table (only pmax)', () => {
    expect(missingDays(['pmax'], d(2026, 11, 24, 5), d(2026, 11, 26, 5))).toEqual([
      { name: 'p20261124', lessThan: d(2026, 11, 25) },
      { name: 'p20261125', lessThan: d(2026, 11, 26) },
      { name: 'p20261126', lessThan: d(2026, 11, 27) },
    ]);
  });

  test('only days after the highest existing bound are added (RANGE partitions grow at the end)', () => {
    const have = ['p20261120', 'p20261125', 'pmax'];
    expect(missingDays(have, d(2026, 11, 22), d(2026, 11, 27)).map((p) => p.name)).toEqual(['p20261126', 'p20261127']);
    expect(missingDays(have, d(2026, 11, 22), d(2026, 11, 25, 12))).toEqual([]);
  });

  test('bounds strictly increase (valid for REORGANIZE PARTITION pmax)', () => {
    const add = missingDays(['pmax'], d(2026, 12, 28), d(2026, 12, 28) + 7 * DAY);
    for (let i = 1; i < add.length; i++) expect((add[i]?.lessThan ?? 0) - (add[i - 1]?.lessThan ?? 0)).toBe(DAY);
    expect(add.map((p) => p.name)).toContain('p20270101');
  });
});

describe('monthly partitions and several tables (pure)', () => {
  test('month names hold ts < the first of the next month (December rolls over the year)', () => {
    expect(partitionName(d(2026, 11, 30, 23), 'month')).toBe('p202611');
    expect(partitionBound('p202611')).toBe(d(2026, 12, 1));
    expect(partitionBound('p202612')).toBe(d(2027, 1, 1));
    expect(periodStart(d(2026, 2, 14, 5), 'month')).toBe(d(2026, 2, 1));
    expect(periodEnd(d(2026, 2, 14, 5), 'month')).toBe(d(2026, 3, 1));
    expect(periodEnd(d(2026, 2, 14, 5), 'day')).toBe(d(2026, 2, 15));
  });

  test('missing months: the months touched by the window, after the highest bound only', () => {
    expect(missingPeriods(['pmax'], d(2026, 11, 22), d(2026, 12, 2), 'month')).toEqual([
      { name: 'p202611', lessThan: d(2026, 12, 1) },
      { name: 'p202612', lessThan: d(2027, 1, 1) },
    ]);
    expect(missingPeriods(['p202611', 'pmax'], d(2026, 11, 22), d(2026, 12, 2), 'month').map((p) => p.name)).toEqual(['p202612']);
    expect(missingPeriods(['p202611', 'pmax'], d(2026, 11, 1), d(2026, 11, 28), 'month')).toEqual([]);
  });

  test('backfill splits the oldest partition into the older periods, keeping its bound', () => {
    expect(backfillPlan(['p20261125', 'p20261126', 'pmax'], d(2026, 11, 22, 13), 'day')).toEqual({
      split: 'p20261125',
      into: [
        { name: 'p20261122', lessThan: d(2026, 11, 23) },
        { name: 'p20261123', lessThan: d(2026, 11, 24) },
        { name: 'p20261124', lessThan: d(2026, 11, 25) },
        { name: 'p20261125', lessThan: d(2026, 11, 26) },
      ],
    });
    expect(backfillPlan(['p202611', 'pmax'], d(2025, 11, 20), 'month')?.into.map((p) => p.name)).toEqual([
      'p202511',
      'p202512',
      'p202601',
      'p202602',
      'p202603',
      'p202604',
      'p202605',
      'p202606',
      'p202607',
      'p202608',
      'p202609',
      'p202610',
      'p202611',
    ]);
    expect(backfillPlan(['p20261125', 'pmax'], d(2026, 11, 25, 3), 'day')).toBeNull();
    expect(backfillPlan(['pmax'], d(2026, 11, 1), 'day')).toBeNull();
  });

  test('expired: only partitions whose whole period ends at or before the cut-off; never pmax', () => {
    const have = ['p202609', 'p202610', 'p202611', 'pmax'];
    expect(expiredPartitions(have, d(2026, 11, 1))).toEqual(['p202609', 'p202610']);
    expect(expiredPartitions(have, d(2026, 10, 31, 23))).toEqual(['p202609']);
    expect(expiredPartitions(['p20261124', 'p20261125', 'pmax'], d(2026, 11, 25, 12))).toEqual(['p20261124']);
  });

  test('retention cut-offs per table follow the configured days', () => {
    const now = d(2026, 11, 25, 12);
    expect(
      retentionCutoffs(now, { rawDays: 7, minuteDays: 30, hourDays: 365 }).map((c) => [c.table.name, c.table.granularity, (now - c.cutoffSec) / DAY]),
    ).toEqual([
      ['FL_DOF_SAMPLE', 'day', 7],
      ['FL_DOF_SAMPLE_1M', 'day', 30],
      ['FL_DOF_SAMPLE_1H', 'month', 365],
    ]);
  });
});
