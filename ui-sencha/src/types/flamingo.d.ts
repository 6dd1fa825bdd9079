/**
 * Globals every Flamingo 2 page defines (see WEB-INF/pages/main.jsp of Flamingo 2) and that the
 * panels read. The demo host page (sidecar/src/api/demo-host.ts) defines the same ones.
 */

/** The cluster selected in the header combo; `id` is Doflamingo's cluster id. */
interface FlamingoEngine {
  id: string;
  name: string;
  [other: string]: unknown;
}

/** Flamingo's i18n bundle: `msg(key)` returns the text, or undefined (sometimes the key) when missing. */
interface FlamingoBundle {
  msg(key: string, args?: unknown[]): string | undefined;
}

declare var ENGINE: FlamingoEngine | undefined;
declare var message: FlamingoBundle | undefined;
/**
 * Server configuration exposed through `web.expose.keys`. Keys read by the panels:
 * `doflamingo.sidecar.url` (e.g. http://kafka-mon:8787), `doflamingo.sidecar.token` (the READ token),
 * `default.locale` (ko_KR | en_US | ...).
 */
declare var config: Record<string, string | undefined> | undefined;
declare var SESSION: { USERNAME?: string; USERGROUP?: string } | undefined;
