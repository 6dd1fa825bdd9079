/**
 * Secrets never leave the process: every text that does (log lines, error messages stored in
 * status rows and served by /status, events and what webhooks receive) passes through
 * redactSecrets. It removes the user info of any URL (`http://u:p@h` → `http://[redacted]@h`) and
 * every secret the process has resolved (passwords, tokens) and their Basic-auth encodings.
 * The config already refuses credentials in URLs: this is the second line of defence.
 */

export const REDACTED = '[redacted]';

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** Secrets resolved by this process; shorter than 4 characters are not kept (they would redact ordinary words). */
const known = new Set<string>();

/** Makes `secret` (and, with a user name, its Basic-auth header value) redacted from now on. */
export function registerSecret(secret: string | undefined, username?: string): void {
  if (!secret || secret.length < 4) return;
  known.add(secret);
  known.add(encodeURIComponent(secret));
  if (username !== undefined) known.add(Buffer.from(`${username}:${secret}`).toString('base64'));
}

/** Forgets every registered secret (tests). */
export function clearSecrets(): void {
  known.clear();
}

/** Pure apart from the registered secrets: `text` without URL user info and without any known secret. */
export function redactSecrets(text: string): string {
  let out = text.replace(URL_USERINFO, `$1${REDACTED}@`);
  for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** redactSecrets applied to every string inside a JSON-like value (objects and arrays are copied). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
