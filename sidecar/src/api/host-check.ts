/**
 * Host-header check, the defence against DNS rebinding: a page on another site whose name was
 * made to resolve to this machine sends its own name as Host, so only names the API is known by
 * are answered. Loopback names always; the listening address; `api.allowedHosts` (`*` = any).
 */
import { isLoopbackHost } from '../core/loopback';

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]', '']);

/** Pure: the Host header's name, without the port, lower case (`[::1]:80` → `[::1]`); undefined when unusable. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::\d{1,5})?$/.exec(h);
  return m?.[1];
}

/** Pure: the check for a listener on `listenHost` with the extra names `allowedHosts`. */
export function hostCheck(listenHost: string, allowedHosts: readonly string[]): (header: string | undefined) => boolean {
  if (allowedHosts.includes('*')) return () => true;
  const names = new Set(allowedHosts.map((h) => h.trim().toLowerCase()));
  const listen = listenHost.trim().toLowerCase();
  if (!WILDCARD_ADDRESSES.has(listen)) {
    names.add(listen);
    if (listen.includes(':') && !listen.startsWith('[')) names.add(`[${listen}]`);
  }
  return (header) => {
    const name = hostNameOf(header);
    return name !== undefined && (isLoopbackHost(name) || names.has(name));
  };
}
