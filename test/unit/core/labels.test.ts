import { canonicalLabels, canonicalWithHash, labelsHash, seriesKey } from '../../../sidecar/src/core/labels';

describe('canonical labels', () => {
  test('keys are sorted, so key order never changes the series', () => {
    expect(canonicalLabels({ topic: 'orders', partition: '0' })).toBe('{"partition":"0","topic":"orders"}');
    expect(canonicalLabels({ partition: '0', topic: 'orders' })).toBe(canonicalLabels({ topic: 'orders', partition: '0' }));
  });

  test('no labels is {}', () => {
    expect(canonicalLabels({})).toBe('{}');
  });

  test('values become strings; quotes, unicode and control characters are escaped JSON', () => {
    const odd = { 'client-id': 'a"b\\c', group: '그룹', x: '\n' } as Record<string, string>;
    const c = canonicalLabels(odd);
    expect(JSON.parse(c)).toEqual(odd);
    expect(canonicalLabels({ n: 5 as unknown as string })).toBe('{"n":"5"}');
  });

  test('hash is the 40-char sha1 hex of the canonical string', () => {
    expect(labelsHash('{}')).toBe('bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f');
    expect(labelsHash('{"topic":"a"}')).toMatch(/^[0-9a-f]{40}$/);
    expect(labelsHash('{"topic":"a"}')).not.toBe(labelsHash('{"topic":"b"}'));
    expect(canonicalWithHash({ b: '1', a: '2' })).toEqual({ canonical: '{"a":"2","b":"1"}', hash: labelsHash('{"a":"2","b":"1"}') });
  });

  test('series keys cannot collide through separators inside names', () => {
    expect(seriesKey('c', 'a/b', 'm', '{}')).not.toBe(seriesKey('c/a', 'b', 'm', '{}'));
  });
});
