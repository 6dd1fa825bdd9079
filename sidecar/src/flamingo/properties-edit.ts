/**
 * Pure edits of a Java .properties text that change one spot and keep every other byte:
 * set a key's value, add items to a comma-separated list value (`web.expose.keys`).
 */
import { escapePropertyKey, escapePropertyValue, findProperty } from './java-properties';

function newline(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Sets `key` to `value`: replaces the value Java would read, or appends `key=value` at the end. */
export function setProperty(text: string, key: string, value: string): string {
  const e = findProperty(text, key);
  if (e) return text.slice(0, e.valueStart) + escapePropertyValue(value) + text.slice(e.valueEnd);
  const nl = newline(text);
  const sep = text === '' || text.endsWith('\n') ? '' : nl;
  return `${text}${sep}${escapePropertyKey(key)}=${escapePropertyValue(value)}${nl}`;
}

/** The items of a comma-separated list value (blank items dropped). */
export function listItems(text: string, key: string): string[] {
  const e = findProperty(text, key);
  return e ? e.value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Adds the missing `items` to the comma-separated list in `key` (creating the key when absent). */
export function addToList(text: string, key: string, items: string[]): string {
  const have = listItems(text, key);
  const add = items.filter((i) => !have.includes(i));
  if (add.length === 0) return text;
  const e = findProperty(text, key);
  if (!e) return setProperty(text, key, add.join(','));
  const raw = text.slice(e.valueStart, e.valueEnd).replace(/[\s,]+$/, '');
  const joined = raw === '' ? add.join(',') : `${raw},${add.join(',')}`;
  return text.slice(0, e.valueStart) + joined + text.slice(e.valueEnd);
}
