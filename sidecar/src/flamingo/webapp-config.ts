/**
 * Pure: what Doflamingo changes in Flamingo's WEB-INF/config.properties, and its exact undo.
 * The browser receives every key listed in `web.expose.keys` (as `config[key]`), so only the
 * sidecar's address and, when the sidecar has one, its READ token are set and exposed — the panels
 * read `config['doflamingo.sidecar.url']` / `config['doflamingo.sidecar.token']`. Never the admin token.
 */
import { addToList, getProperty, listItems, removeFromList, removeProperty, setProperty } from './properties-edit';

export const SIDECAR_URL_KEY = 'doflamingo.sidecar.url';
export const SIDECAR_TOKEN_KEY = 'doflamingo.sidecar.token';
export const EXPOSE_KEY = 'web.expose.keys';

export interface ConfigEntry {
  key: string;
  value: string;
}

/** What an install changed, enough to undo it on a file that was edited since. */
export interface ConfigChange {
  /** Keys set, with the value each had before (null = the key was absent). */
  set: Array<{ key: string; previous: string | null }>;
  /** Items this install added to `web.expose.keys` (those already listed are not recorded). */
  exposed: string[];
  /** `web.expose.keys` did not exist and was created. */
  exposeKeyCreated: boolean;
  /** The file did not end with a line break and one was added before the appended keys. */
  finalNewlineAdded?: boolean;
}

/** The entries Doflamingo writes: the sidecar URL, and the read token only when there is one. */
export function doflamingoEntries(sidecarUrl: string, readToken?: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [{ key: SIDECAR_URL_KEY, value: sidecarUrl }];
  if (readToken) entries.push({ key: SIDECAR_TOKEN_KEY, value: readToken });
  return entries;
}

/** Sets the entries and lists their keys in `web.expose.keys`, keeping every other byte of `text`. */
export function applyConfigInstall(text: string, entries: ConfigEntry[]): { text: string; change: ConfigChange } {
  const set = entries.map((e) => ({ key: e.key, previous: getProperty(text, e.key) ?? null }));
  const exposeKeyCreated = getProperty(text, EXPOSE_KEY) === undefined;
  const listed = listItems(text, EXPOSE_KEY);
  const exposed = entries.map((e) => e.key).filter((k) => !listed.includes(k));
  let out = text;
  for (const e of entries) out = setProperty(out, e.key, e.value);
  out = addToList(
    out,
    EXPOSE_KEY,
    entries.map((e) => e.key),
  );
  // Appending a key to a file without a final line break adds one first (setProperty); remember it.
  const appended = exposeKeyCreated || set.some((s) => s.previous === null);
  const finalNewlineAdded = appended && text !== '' && !/[\r\n]$/.test(text);
  return { text: out, change: { set, exposed, exposeKeyCreated, ...(finalNewlineAdded ? { finalNewlineAdded } : {}) } };
}

/** Undoes `change` on `text`: previous values back (or keys removed), added list items removed. */
export function undoConfigChange(text: string, change: ConfigChange): string {
  let out = removeFromList(text, EXPOSE_KEY, change.exposed);
  if (change.exposeKeyCreated && listItems(out, EXPOSE_KEY).length === 0) out = removeProperty(out, EXPOSE_KEY);
  for (const s of [...change.set].reverse()) out = s.previous === null ? removeProperty(out, s.key) : setProperty(out, s.key, s.previous);
  if (change.finalNewlineAdded) out = out.replace(/(\r\n|\r|\n)$/, '');
  return out;
}

export interface ConfigPlan {
  /** The file without Doflamingo (what uninstall restores). */
  original: string;
  /** The file with Doflamingo (what install writes). */
  installed: string;
  change: ConfigChange;
}

/**
 * The config an install writes, given the current file and the previous install (if any):
 * installing again starts from the file as it was before the first install, so the result is
 * the same bytes; a file edited since the previous install gets that install undone first.
 */
export function planConfig(current: string, entries: ConfigEntry[], previous?: { original: string; installed: string; change: ConfigChange }): ConfigPlan {
  const original = !previous ? current : current === previous.installed ? previous.original : undoConfigChange(current, previous.change);
  const { text, change } = applyConfigInstall(original, entries);
  return { original, installed: text, change };
}

/** The config uninstall writes: the exact original when the file is as installed, else a surgical undo. */
export function configAfterUninstall(
  current: string,
  installed: { original: string; installed: string; change: ConfigChange },
): { text: string; exact: boolean } {
  if (current === installed.installed) return { text: installed.original, exact: true };
  return { text: undoConfigChange(current, installed.change), exact: false };
}
