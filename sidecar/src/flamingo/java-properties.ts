/**
 * Java `.properties` syntax (java.util.Properties#load), read without losing a byte:
 * the parser reports where every logical line, key and value sits in the original text so that
 * editors can change one spot and leave the rest of the file untouched.
 *
 * Rules implemented: line terminators \n, \r, \r\n; blank lines and lines whose first non-blank
 * character is `#` or `!` are comments (never continued); a line ending in an odd number of
 * backslashes continues on the next one, whose leading blanks are dropped; the key ends at the
 * first unescaped `=`, `:` or blank; blanks, then one `=` or `:`, then blanks separate key and value;
 * escapes \t \n \r \f \uXXXX, any other `\x` is `x`.
 */

export interface PropertyEntry {
  /** Unescaped key. */
  key: string;
  /** Unescaped value (continuations joined). */
  value: string;
  /** Offset of the first character of the logical line's first physical line. */
  lineStart: number;
  /** Offset where the raw value starts. */
  valueStart: number;
  /** Offset just after the last content character of the logical line (before its terminator). */
  valueEnd: number;
  /** Offset just after the logical line's terminator (= valueEnd at end of file without one). */
  lineEnd: number;
}

const BLANK = new Set([' ', '\t', '\f']);

interface PhysicalLine {
  start: number;
  end: number; // before terminator
  next: number; // after terminator
}

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const next = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next;
    } else {
      i++;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/** True when the text before `end` finishes with an odd number of backslashes. */
function endsWithOddBackslashes(text: string, from: number, end: number): boolean {
  let n = 0;
  for (let i = end - 1; i >= from && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && BLANK.has(text[i] as string)) i++;
  return i;
}

/** Unescapes a raw key or value, dropping `\`+terminator+leading blanks continuations. */
export function unescapeProperty(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[i + 1];
    if (n === undefined) break;
    if (n === '\n' || n === '\r') {
      i += n === '\r' && raw[i + 2] === '\n' ? 2 : 1;
      while (i + 1 < raw.length && BLANK.has(raw[i + 1] as string)) i++;
      continue;
    }
    i++;
    if (n === 't') out += '\t';
    else if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else if (n === 'f') out += '\f';
    else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += n;
  }
  return out;
}

/** Every key/value entry of the text, in file order (comments and blank lines skipped). */
export function parseProperties(text: string): PropertyEntry[] {
  const lines = physicalLines(text);
  const entries: PropertyEntry[] = [];
  for (let li = 0; li < lines.length; li++) {
    const first = lines[li] as PhysicalLine;
    const contentStart = skipBlanks(text, first.start, first.end);
    if (contentStart === first.end) continue; // blank
    const lead = text[contentStart];
    if (lead === '#' || lead === '!') continue; // comment
    // Gather continuation lines.
    let last = first;
    while (endsWithOddBackslashes(text, last.start, last.end) && li + 1 < lines.length) {
      li++;
      last = lines[li] as PhysicalLine;
    }
    const logicalEnd = last.end;
    // Key: up to the first unescaped separator or blank.
    let i = contentStart;
    while (i < logicalEnd) {
      const c = text[i] as string;
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '=' || c === ':' || BLANK.has(c)) break;
      i++;
    }
    const keyEnd = Math.min(i, logicalEnd);
    let v = skipBlanks(text, keyEnd, logicalEnd);
    if (v < logicalEnd && (text[v] === '=' || text[v] === ':')) v = skipBlanks(text, v + 1, logicalEnd);
    entries.push({
      key: unescapeProperty(text.slice(contentStart, keyEnd)),
      value: unescapeProperty(text.slice(v, logicalEnd)),
      lineStart: first.start,
      valueStart: v,
      valueEnd: logicalEnd,
      lineEnd: last.next,
    });
  }
  return entries;
}

/** The entry Java would use for `key` (the last definition wins), or undefined. */
export function findProperty(text: string, key: string): PropertyEntry | undefined {
  let found: PropertyEntry | undefined;
  for (const e of parseProperties(text)) if (e.key === key) found = e;
  return found;
}

/** Escapes a value for writing after `key=`: the result is pure ASCII on one line. */
export function escapePropertyValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (c === ' ' && i === 0) out += '\\ ';
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += c;
  }
  return out;
}

/** Escapes a key (separators and blanks too). */
export function escapePropertyKey(key: string): string {
  let out = '';
  for (const c of key) out += /[=: #!]/.test(c) ? '\\' + c : escapePropertyValue(c);
  return out;
}
