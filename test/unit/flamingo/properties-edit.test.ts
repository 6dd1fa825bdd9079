import { findProperty } from '../../../sidecar/src/flamingo/java-properties';
import { addToList, getProperty, listItems, removeFromList, removeProperty, setProperty } from '../../../sidecar/src/flamingo/properties-edit';

describe('setProperty', () => {
  test('replaces only the value of an existing key, keeping separator, comments and order', () => {
    const text = '# top\nterminal.server.ip = 10.0.0.1\n# after\nother=1\n';
    expect(setProperty(text, 'terminal.server.ip', '10.0.0.2')).toBe('# top\nterminal.server.ip = 10.0.0.2\n# after\nother=1\n');
  });

  test('replaces a value that spans continuation lines', () => {
    expect(setProperty('a=one,\\\n  two\nb=2\n', 'a', 'x')).toBe('a=x\nb=2\n');
  });

  test("appends a new key at the end, adding the missing final newline and using the file's line endings", () => {
    expect(setProperty('a=1', 'b', '2')).toBe('a=1\nb=2\n');
    expect(setProperty('a=1\r\n', 'b', '2')).toBe('a=1\r\nb=2\r\n');
    expect(setProperty('', 'b', '2')).toBe('b=2\n');
  });

  test('changes the definition Java uses (the last one) when a key is repeated', () => {
    expect(setProperty('a=1\na=2\n', 'a', '3')).toBe('a=1\na=3\n');
  });

  test('escapes what needs escaping', () => {
    const out = setProperty('', 'k', 'line1\nline2 é');
    expect(getProperty(out, 'k')).toBe('line1\nline2 é');
    expect(out.split('\n').length).toBe(2);
  });
});

describe('removeProperty', () => {
  test('removes whole logical lines (continuations too) and every definition', () => {
    expect(removeProperty('a=1\nk=x,\\\n  y\nb=2\nk=again\n', 'k')).toBe('a=1\nb=2\n');
  });

  test('leaves the text alone when the key is absent', () => {
    expect(removeProperty('a=1\n', 'k')).toBe('a=1\n');
  });
});

describe('addToList / removeFromList (web.expose.keys)', () => {
  const CONTINUED = 'web.expose.keys=terminal.server.ip,\\\n                terminal.server.port\nnext=1\n';

  test('appends after the last item of a continued value, keeping its lines', () => {
    const out = addToList(CONTINUED, 'web.expose.keys', ['doflamingo.sidecar.url']);
    expect(out).toBe('web.expose.keys=terminal.server.ip,\\\n                terminal.server.port,doflamingo.sidecar.url\nnext=1\n');
    expect(listItems(out, 'web.expose.keys')).toEqual(['terminal.server.ip', 'terminal.server.port', 'doflamingo.sidecar.url']);
  });

  test('adds only missing items, once, and is idempotent', () => {
    const once = addToList('k=a, b\n', 'k', ['b', 'c', 'c']);
    expect(once).toBe('k=a, b,c\n');
    expect(addToList(once, 'k', ['b', 'c'])).toBe(once);
  });

  test('creates the key when absent and fills an empty value', () => {
    expect(addToList('x=1\n', 'k', ['a', 'b'])).toBe('x=1\nk=a,b\n');
    expect(addToList('k=\n', 'k', ['a'])).toBe('k=a\n');
  });

  test('a trailing comma or dangling continuation is not turned into an empty item or an escape', () => {
    const out = addToList('k=a,\nz=1\n', 'k', ['b']);
    expect(out).toBe('k=a,b\nz=1\n');
    const dangling = addToList('k=a,\\\n\nz=1\n', 'k', ['b']);
    expect(listItems(dangling, 'k')).toEqual(['a', 'b']);
    expect(findProperty(dangling, 'z')?.value).toBe('1');
  });

  test('removeFromList undoes addToList byte for byte on a continued value', () => {
    const out = addToList(CONTINUED, 'web.expose.keys', ['doflamingo.sidecar.url', 'doflamingo.sidecar.token']);
    expect(removeFromList(out, 'web.expose.keys', ['doflamingo.sidecar.url', 'doflamingo.sidecar.token'])).toBe(CONTINUED);
  });

  test('removeFromList keeps the other items wherever the removed ones are', () => {
    expect(listItems(removeFromList('k=x,a,\\\n  b\n', 'k', ['x']), 'k')).toEqual(['a', 'b']);
    expect(listItems(removeFromList('k=a,\\\n  x,\\\n  b\n', 'k', ['x']), 'k')).toEqual(['a', 'b']);
    expect(removeFromList('k=a\n', 'k', ['zz'])).toBe('k=a\n');
    expect(removeFromList('k=x\n', 'k', ['x'])).toBe('k=\n');
  });
});
