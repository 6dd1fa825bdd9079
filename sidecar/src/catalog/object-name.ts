/** JMX ObjectName parsing: `domain:key=value,key2="quoted, value"` (values may be quoted with \-escapes). */

export interface ObjectName {
  domain: string;
  props: Record<string, string>;
}

/** Pure: splits a canonical or non-canonical ObjectName; quoted values are unquoted. Returns undefined when malformed. */
export function parseObjectName(name: string): ObjectName | undefined {
  const colon = name.indexOf(':');
  if (colon <= 0) return undefined;
  const domain = name.slice(0, colon);
  const props: Record<string, string> = {};
  let i = colon + 1;
  while (i < name.length) {
    const eq = name.indexOf('=', i);
    if (eq < 0) return name.slice(i) === '*' ? { domain, props } : undefined;
    const key = name.slice(i, eq);
    i = eq + 1;
    let value = '';
    if (name[i] === '"') {
      i++;
      while (i < name.length && name[i] !== '"') {
        if (name[i] === '\\' && i + 1 < name.length) {
          const n = name[i + 1] as string;
          value += n === 'n' ? '\n' : n;
          i += 2;
        } else value += name[i++];
      }
      if (name[i] !== '"') return undefined;
      i++;
    } else {
      const comma = name.indexOf(',', i);
      const end = comma < 0 ? name.length : comma;
      value = name.slice(i, end);
      i = end;
    }
    props[key] = value;
    if (i < name.length) {
      if (name[i] !== ',') return undefined;
      i++;
    }
  }
  return { domain, props };
}

export function isPattern(mbean: string): boolean {
  return /[*?]/.test(mbean.replace(/"(?:[^"\\]|\\.)*"/g, ''));
}

/**
 * Pure: why `name` is not a usable MBean name or pattern for a Jolokia read, or undefined when it
 * is. Accepts value wildcards (`topic=*`, `name0=StandaloneServer_port*`) and a trailing `,*`
 * property-list pattern; rejects a missing domain, empty keys or values, duplicate keys, spaces
 * around `=` and `,`.
 */
export function mbeanSyntaxProblem(name: string): string | undefined {
  const colon = name.indexOf(':');
  if (colon <= 0) return 'needs "domain:key=value"';
  if (/\s/.test(name.slice(0, colon))) return 'domain contains white space';
  const rest = name.slice(colon + 1);
  if (rest === '*') return undefined;
  const body = rest.endsWith(',*') ? rest.slice(0, -2) : rest;
  const parsed = parseObjectName(`${name.slice(0, colon)}:${body}`);
  if (!parsed) return 'malformed key=value list (unbalanced quotes or missing "=")';
  const keys = Object.keys(parsed.props);
  if (keys.length === 0) return 'has no key=value property';
  // Count raw keys: parseObjectName keeps the last of duplicate keys.
  const rawKeys = body
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .split(',')
    .map((kv) => kv.split('=')[0] ?? '');
  if (rawKeys.length !== keys.length) return 'has a duplicate key';
  for (const k of keys) {
    if (k === '' || k !== k.trim() || /[*?]/.test(k)) return `bad key "${k}"`;
    const v = parsed.props[k] ?? '';
    if (v === '') return `key "${k}" has an empty value`;
    if (v !== v.trim()) return `value of "${k}" has leading or trailing white space`;
  }
  return undefined;
}
