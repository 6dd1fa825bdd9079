import { missingDays, partitionBound, partitionName } from '../../../sidecar/src/store/partitions';

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
