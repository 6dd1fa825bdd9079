/** Rule input validation (patch, new rule), the rule book (defaults + stored changes) and overrides, table-driven. */
import { DEFAULT_RULES } from '../../../sidecar/src/alerts/default-rules';
import { buildRuleBook, builtinOverride, customInput } from '../../../sidecar/src/alerts/rule-book';
import type { StoredRule } from '../../../sidecar/src/store/rule-store';
import { applyPatch, checkNewRule, checkPatch, customRule } from '../../../sidecar/src/alerts/rule-input';

const byId = (id: string) => {
  const r = DEFAULT_RULES.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
};

describe('checkPatch', () => {
  test.each<[unknown, 'builtin' | 'custom', string | null]>([
    [{ threshold: 5 }, 'builtin', null],
    [{ forMs: 60000, severity: 'critical', enabled: false }, 'builtin', null],
    [{ threshold: -0.5 }, 'builtin', null],
    [{}, 'builtin', ''],
    [null, 'builtin', ''],
    [[1], 'builtin', ''],
    ['threshold=5', 'builtin', ''],
    [{ threshold: '5' }, 'builtin', 'threshold'],
    [{ threshold: Infinity }, 'builtin', 'threshold'],
    [{ forMs: -1 }, 'builtin', 'forMs'],
    [{ forMs: 1.5 }, 'builtin', 'forMs'],
    [{ forMs: 8 * 86_400_000 }, 'builtin', 'forMs'],
    [{ severity: 'fatal' }, 'builtin', 'severity'],
    [{ enabled: 'yes' }, 'builtin', 'enabled'],
    [{ treshold: 5 }, 'builtin', ''],
    [{ op: '<' }, 'builtin', 'op'],
    [{ target: 'broker-1' }, 'builtin', 'target'],
    [{ op: '<', target: 'broker-1' }, 'custom', null],
    [{ target: null }, 'custom', null],
    [{ target: '<img src=x>' }, 'custom', 'target'],
    [{ op: 'quorum-lost' }, 'custom', 'op'],
    [{ name: { en: 'x' } }, 'custom', 'name.ko'],
  ])('%j on a %s rule → problem at %p', (body, origin, problemAt) => {
    const r = checkPatch(body, origin);
    if (problemAt === null) expect(r.ok).toBe(true);
    else expect(!r.ok && r.problems[0]?.path).toBe(problemAt);
  });

  test('an unknown field is named in the message', () => {
    const r = checkPatch({ treshold: 5 }, 'builtin');
    expect(!r.ok && r.problems[0]?.message).toMatch(/unknown field\(s\): treshold/);
  });
});

describe('checkNewRule', () => {
  test.each<[unknown, string | null]>([
    [{ metric: 'kafka.broker.under_replicated_partitions', op: '>', threshold: 0 }, null],
    [{ metric: 'jvm.heap.used', target: 'broker-1', op: '>', threshold: 1e9, forMs: 60000, severity: 'critical' }, null],
    [{ metric: 'kafka.consumer_group.total_lag', labels: { group: 'orders' }, op: '>', threshold: 1000 }, null],
    [{ op: '>', threshold: 0 }, 'metric'],
    [{ metric: 'Kafka Broker', op: '>', threshold: 0 }, 'metric'],
    [{ metric: 'jvm.heap.used', op: '=>', threshold: 0 }, 'op'],
    [{ metric: 'jvm.heap.used', op: '>' }, 'threshold'],
    [{ metric: 'jvm.heap.used', op: '>', threshold: 0, scope: 'cluster', target: 'broker-1' }, 'target'],
    [{ metric: 'jvm.heap.used', op: '>', threshold: 0, id: 'mine' }, ''],
  ])('%j → problem at %p', (body, problemAt) => {
    const r = checkNewRule(body);
    if (problemAt === null) expect(r.ok).toBe(true);
    else expect(!r.ok && r.problems[0]?.path).toBe(problemAt);
  });

  test('defaults: series scope, for 0, warning, enabled; a name is made from the condition', () => {
    const r = checkNewRule({ metric: 'jvm.heap.used', target: 'broker-1', op: '>', threshold: 5 });
    if (!r.ok) throw new Error('expected ok');
    expect(customRule(r.value, 'custom-1')).toEqual({
      id: 'custom-1',
      name: { en: 'jvm.heap.used > 5 on broker-1', ko: 'jvm.heap.used > 5 on broker-1' },
      metric: 'jvm.heap.used',
      target: 'broker-1',
      scope: 'series',
      op: '>',
      threshold: 5,
      forMs: 0,
      severity: 'warning',
      enabled: true,
    });
  });
});

describe('buildRuleBook', () => {
  test('no stored rows: every built-in rule with its defaults, not modified', () => {
    const book = buildRuleBook(DEFAULT_RULES, []);
    expect(book.problems).toEqual([]);
    expect(book.rules.map((r) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id));
    expect(book.rules.every((r) => r.origin === 'builtin' && !r.modified && r.defaults?.threshold === r.threshold)).toBe(true);
  });

  test.each<[string, StoredRule[], { id: string; threshold?: number; enabled?: boolean; modified?: boolean; origin?: string } | null, RegExp | null]>([
    [
      'a built-in override applies',
      [{ ruleId: 'consumer-lag', origin: 'builtin', json: '{"threshold":500,"enabled":false}' }],
      { id: 'consumer-lag', threshold: 500, enabled: false, modified: true },
      null,
    ],
    [
      'bad JSON: ignored, default stays',
      [{ ruleId: 'consumer-lag', origin: 'builtin', json: '{oops' }],
      { id: 'consumer-lag', threshold: 50, modified: false },
      /consumer-lag: stored change ignored/,
    ],
    [
      'a stored field a built-in may not change: ignored',
      [{ ruleId: 'consumer-lag', origin: 'builtin', json: '{"op":"<"}' }],
      { id: 'consumer-lag', threshold: 50, modified: false },
      /only lets you change/,
    ],
    ['a built-in id stored as custom: ignored', [{ ruleId: 'swap', origin: 'custom', json: '{}' }], { id: 'swap', modified: false }, /stored as custom/],
    [
      'an override of a rule that no longer exists: reported',
      [{ ruleId: 'gone-rule', origin: 'builtin', json: '{"threshold":1}' }],
      null,
      /gone-rule: no such built-in rule/,
    ],
    [
      'a custom rule is added',
      [{ ruleId: 'custom-ab', origin: 'custom', json: '{"metric":"jvm.heap.used","target":"broker-1","op":">","threshold":7}' }],
      { id: 'custom-ab', threshold: 7, origin: 'custom' },
      null,
    ],
    [
      'a broken custom rule: ignored',
      [{ ruleId: 'custom-cd', origin: 'custom', json: '{"metric":"jvm.heap.used"}' }],
      null,
      /custom-cd: stored custom rule ignored/,
    ],
  ])('%s', (_name, stored, expected, problem) => {
    const book = buildRuleBook(DEFAULT_RULES, stored);
    if (expected) expect(book.rules.find((r) => r.id === expected.id)).toMatchObject(expected);
    if (problem) expect(book.problems.join('\n')).toMatch(problem);
    else expect(book.problems).toEqual([]);
    expect(book.rules.filter((r) => r.origin === 'builtin')).toHaveLength(DEFAULT_RULES.length);
  });
});

describe('builtinOverride', () => {
  const view = buildRuleBook(DEFAULT_RULES, [{ ruleId: 'consumer-lag', origin: 'builtin', json: '{"threshold":500}' }]).rules.find(
    (r) => r.id === 'consumer-lag',
  );
  if (!view) throw new Error('no consumer-lag');
  test('merges with the earlier change and keeps only what differs from the defaults', () => {
    expect(builtinOverride(view, { enabled: false })).toEqual({ threshold: 500, enabled: false });
    expect(builtinOverride(view, { threshold: byId('consumer-lag').threshold })).toBeNull();
    expect(builtinOverride(view, { severity: 'critical', threshold: 50 })).toEqual({ severity: 'critical' });
  });
  test('a custom rule round-trips through customInput and the rule book', () => {
    const r = customRule(
      { metric: 'jvm.heap.used', target: 'broker-2', scope: 'series', op: '>=', threshold: 3, forMs: 1000, severity: 'critical', enabled: false },
      'custom-x',
    );
    const back = buildRuleBook([], [{ ruleId: 'custom-x', origin: 'custom', json: JSON.stringify(customInput(applyPatch(r, { threshold: 4 }))) }]).rules[0];
    expect(back).toMatchObject({ ...r, threshold: 4, origin: 'custom' });
  });
});
