import { escapePropertyKey, escapePropertyValue, findProperty, parseProperties, unescapeProperty } from '../../../sidecar/src/flamingo/java-properties';

const kv = (text: string): Array<[string, string]> => parseProperties(text).map((e) => [e.key, e.value]);

describe('parseProperties (java.util.Properties#load rules)', () => {
  test('comments (# and !), blank lines and the three separators', () => {
    const text = ['# comment = not a key', '  ! also a comment', '', 'a=1', 'b : 2', 'c 3', '\td\t=\t4', 'e', 'f='].join('\n');
    expect(kv(text)).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', ''],
      ['f', ''],
    ]);
  });

  test('continuation lines join, their leading blanks dropped; an even number of backslashes does not continue', () => {
    const text = 'web.expose.keys=a,\\\n    b,\\\n\tc\nx=ends with backslash\\\\\ny=2\n';
    expect(kv(text)).toEqual([
      ['web.expose.keys', 'a,b,c'],
      ['x', 'ends with backslash\\'],
      ['y', '2'],
    ]);
  });

  test('a comment line is never continued, even when it ends in a backslash', () => {
    expect(kv('# note \\\na=1\n')).toEqual([['a', '1']]);
  });

  test('CRLF and CR line endings', () => {
    expect(kv('a=1\r\nb=2\rc=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  test('escapes in keys and values', () => {
    expect(kv('my\\ key\\=x=tab\\there \\u00e9\\n')).toEqual([['my key=x', 'tab\there é\n']]);
  });

  test('offsets locate the raw value so edits can keep every other byte', () => {
    const text = 'k = v1\nlong=a,\\\n  b\n';
    const [k, long] = parseProperties(text);
    expect(text.slice(k!.valueStart, k!.valueEnd)).toBe('v1');
    expect(text.slice(long!.valueStart, long!.valueEnd)).toBe('a,\\\n  b');
    expect(text.slice(long!.lineStart, long!.lineEnd)).toBe('long=a,\\\n  b\n');
  });

  test('findProperty returns the last definition, as Java does', () => {
    expect(findProperty('a=1\na=2\n', 'a')?.value).toBe('2');
    expect(findProperty('a=1\n', 'b')).toBeUndefined();
  });
});

describe('escaping', () => {
  test('values round-trip through escape and unescape, on one ASCII line', () => {
    for (const v of ['http://kafka-mon:8787', ' leading blank', 'tab\tnew\nline', 'back\\slash', '카프카', 'a=b:c#d!e']) {
      const raw = escapePropertyValue(v);
      expect(raw).toMatch(/^[\x20-\x7e]*$/);
      expect(unescapeProperty(raw)).toBe(v);
      expect(findProperty(`k=${raw}\n`, 'k')?.value).toBe(v);
    }
  });

  test('keys with separators and blanks round-trip', () => {
    const key = 'odd key=with:separators#!';
    expect(findProperty(`${escapePropertyKey(key)}=v\n`, key)?.value).toBe('v');
  });
});
