/**
 * Pure edits of a Java .properties text that change one spot and keep every other byte:
 * set or remove a key, add items to / remove items from a comma-separated list value
 * (`web.expose.keys`). Continuation lines, comments, order and line endings are preserved.
 */
import { escapePropertyKey, escapePropertyValue, findProperty, unescapeProperty } from './java-properties';

/** The file's own line terminator (CRLF when it has any), for lines we append. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Sets `key` to `value`: replaces the value Java would read, or appends `key=value` at the end. */
export function setProperty(text: string, key: string, value: string): string {
  const e = findProperty(text, key);
  if (e) return text.slice(0, e.valueStart) + escapePropertyValue(value) + text.slice(e.valueEnd);
  const nl = newlineOf(text);
  const sep = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : nl;
  return `${text}${sep}${escapePropertyKey(key)}=${escapePropertyValue(value)}${nl}`;
}

/** Removes every definition of `key` (whole logical lines, continuations included). */
export function removeProperty(text: string, key: string): string {
  let e = findProperty(text, key);
  while (e) {
    text = text.slice(0, e.lineStart) + text.slice(e.lineEnd);
    e = findProperty(text, key);
  }
  return text;
}

/** The value Java reads for `key`, or undefined. */
export function getProperty(text: string, key: string): string | undefined {
  return findProperty(text, key)?.value;
}

/** The items of a comma-separated list value (blank items dropped). */
export function listItems(text: string, key: string): string[] {
  const e = findProperty(text, key);
  return e
    ? e.value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Raw value without what trails its last item: blanks, line breaks, commas, dangling continuation backslashes. */
function trimListTail(raw: string): string {
  let s = raw;
  for (;;) {
    const t = s.replace(/[\s,]+$/, '');
    const bs = /\\+$/.exec(t)?.[0].length ?? 0;
    const next = bs % 2 === 1 ? t.slice(0, -1) : t;
    if (next === s) return s;
    s = next;
  }
}

/** Adds the missing `items` to the comma-separated list in `key` (creating the key when absent). */
export function addToList(text: string, key: string, items: string[]): string {
  const have = listItems(text, key);
  const add = [...new Set(items)].filter((i) => !have.includes(i));
  if (add.length === 0) return text;
  const e = findProperty(text, key);
  if (!e) return setProperty(text, key, add.join(','));
  const raw = trimListTail(text.slice(e.valueStart, e.valueEnd));
  const joined = raw === '' ? add.join(',') : `${raw},${add.join(',')}`;
  return text.slice(0, e.valueStart) + joined + text.slice(e.valueEnd);
}

/**
 * Removes `items` from the comma-separated list in `key`, keeping the other items' raw text
 * (and its continuation lines) as it is. The key itself stays, even when the list becomes empty.
 */
export function removeFromList(text: string, key: string, items: string[]): string {
  const e = findProperty(text, key);
  if (!e) return text;
  const drop = new Set(items);
  const segments = text.slice(e.valueStart, e.valueEnd).split(',');
  const kept = segments.filter((s) => !drop.has(unescapeProperty(s).trim()));
  if (kept.length === segments.length) return text;
  let raw = kept.join(',');
  // A first item removed from `a,\⏎    b` leaves a leading continuation: drop it.
  raw = raw.replace(/^\\(?:\r\n|\r|\n)[ \t\f]*/, '');
  return text.slice(0, e.valueStart) + trimListTail(raw) + text.slice(e.valueEnd);
}
