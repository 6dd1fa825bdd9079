/** Which closed days of FL_DOF_SAMPLE are due for compaction (pure). */
import { compactionCandidates } from '../../../sidecar/src/store/partition-compaction';

const at = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h) / 1000;
const existing = ['p20261127', 'p20261128', 'p20261129', 'p20261130', 'p20261201', 'p20261202', 'pmax'];

test.each([
  ['every closed day not done yet, oldest first', at(2026, 12, 1, 5), new Set<string>(), 3600, ['p20261127', 'p20261128', 'p20261129', 'p20261130']],
  ['days already compacted are skipped', at(2026, 12, 1, 5), new Set(['p20261127', 'p20261129']), 3600, ['p20261128', 'p20261130']],
  ['yesterday waits until it has been over for minAgeSec', at(2026, 12, 1, 0) + 1800, new Set<string>(), 3600, ['p20261127', 'p20261128', 'p20261129']],
  ['exactly minAgeSec after the end is due', at(2026, 12, 1, 1), new Set<string>(), 3600, ['p20261127', 'p20261128', 'p20261129', 'p20261130']],
  ['today, future days and pmax never', at(2026, 12, 1, 23), new Set(['p20261127', 'p20261128', 'p20261129', 'p20261130']), 0, []],
])('%s', (_name, now, done, minAge, expected) => {
  expect(compactionCandidates(existing, done, now, minAge)).toEqual(expected);
});

test('monthly and odd names are ignored', () => {
  expect(compactionCandidates(['p202610', 'p2026113', 'x20261101', 'p20261101', 'pmax'], new Set(), at(2026, 12, 1), 0)).toEqual(['p20261101']);
});
