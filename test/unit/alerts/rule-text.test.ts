/** Texts of rules: the condition as it stands (thresholds are edited; names never carry them) and an alert event's detail. */
import { alertDetail } from '../../../sidecar/src/app/alerting';
import { DEFAULT_RULES } from '../../../sidecar/src/alerts/default-rules';
import { describeCondition, formatDuration } from '../../../sidecar/src/alerts/rule';
import type { AlertRule } from '../../../sidecar/src/core/alert';

const base: AlertRule = {
  id: 'r',
  name: { en: 'R', ko: 'R' },
  metric: 'm',
  scope: 'series',
  op: '>',
  threshold: 50,
  forMs: 120_000,
  severity: 'warning',
  enabled: true,
};

test.each([
  [0, '0 s'],
  [30_000, '30 s'],
  [60_000, '1 min'],
  [90_000, '1 min 30 s'],
  [3_600_000, '1 h'],
  [5_400_000, '1 h 30 min'],
])('formatDuration(%p) = %p', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([
  ['series, held for a while', base, '> 50 for 2 min'],
  ['immediate', { ...base, forMs: 0 }, '> 50'],
  ['cluster aggregate', { ...base, scope: 'cluster' as const, agg: 'sum' as const, op: '!=' as const, threshold: 1, forMs: 30_000 }, 'sum != 1 for 30 s'],
  ['fractional threshold', { ...base, op: '<' as const, threshold: 0.3, forMs: 300_000 }, '< 0.3 for 5 min'],
  ['quorum', { ...base, scope: 'cluster' as const, op: 'quorum-lost' as const, threshold: 0, forMs: 0 }, 'quorum lost'],
])('describeCondition: %s', (_name, rule, text) => {
  expect(describeCondition(rule)).toBe(text);
});

test('an alert event names the value and the condition as edited', () => {
  expect(alertDetail(112, { ...base, threshold: 80 })).toBe(' (value 112; rule: > 80 for 2 min)');
  expect(alertDetail(undefined, base)).toBe(' (rule: > 50 for 2 min)');
  expect(alertDetail(3, undefined)).toBe(' (value 3)');
  expect(alertDetail(undefined, undefined)).toBe('');
});

test('no built-in rule name carries a number (the threshold lives in the rule, where it is edited)', () => {
  for (const r of DEFAULT_RULES) {
    // "≠ 1" (exactly one controller / leader) and "followers + 1" (the quorum formula) are facts, not editable thresholds
    const plain = (name: string): string => name.replace('≠ 1', '').replace('+ 1', '');
    expect([r.id, plain(r.name.en), plain(r.name.ko)]).toEqual([r.id, expect.not.stringMatching(/\d/), expect.not.stringMatching(/\d/)]);
  }
});
