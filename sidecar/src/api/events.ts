/** Client messages of the live socket `/api/v1/ws` (docs/api.md; the message shapes are in dto.d.ts), validated. */
import type { ClientMessage, View } from './dto';
import { CLUSTER_ID_RE, VIEWS } from './params';

/** Largest client message accepted, bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;

/** Parses and validates one client message; a string result is the error to send back. */
export function parseClientMessage(raw: string): ClientMessage | string {
  if (raw.length > MAX_CLIENT_MESSAGE_BYTES) return 'message too large';
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return 'message is not valid JSON';
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return 'message must be a JSON object';
  const m = msg as Record<string, unknown>;
  if (m['type'] !== 'subscribe' && m['type'] !== 'unsubscribe') return 'type must be "subscribe" or "unsubscribe"';
  const cluster = m['cluster'];
  if (typeof cluster !== 'string' || !CLUSTER_ID_RE.test(cluster)) return 'cluster must be a cluster id';
  const view = m['view'];
  if (typeof view !== 'string' || !(VIEWS as readonly string[]).includes(view)) return `view must be one of ${VIEWS.join(', ')}`;
  return { type: m['type'], cluster, view: view as View };
}
