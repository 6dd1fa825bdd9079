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
