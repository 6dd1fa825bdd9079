/** `doflamingo rebuild-rollups --from/--to`: the times it understands. */
import { cliTimeSec } from '../../../sidecar/src/cli/commands/rebuild-rollups';

const NOW = Date.parse('2026-11-25T10:00:00Z');

test.each<[string, number | undefined]>([
  ['-30m', NOW / 1000 - 1800],
  ['-3h', NOW / 1000 - 3 * 3600],
  ['-2d', NOW / 1000 - 2 * 86400],
  [String(NOW), NOW / 1000],
  ['2026-11-24T08:30:00Z', Date.parse('2026-11-24T08:30:00Z') / 1000],
  ['2026-11-24', Date.parse('2026-11-24') / 1000],
  ['yesterday', undefined],
  ['-3w', undefined],
  ['3h', undefined],
  ['', undefined],
])('%p → %p', (raw, sec) => {
  expect(cliTimeSec(raw, NOW)).toBe(sec);
});
