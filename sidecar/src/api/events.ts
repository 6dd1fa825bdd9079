/**
 * Messages of the live socket `/api/v1/ws` (docs/api.md), shared with the panels
 * (mirrored in ui-sencha/src/types/api.d.ts). One socket per page; channel = cluster + view.
 */
import type { EventDto, SampleDto, SnapshotDto, TargetDto, View } from './dto';
import { VIEWS } from './dto';
import { CLUSTER_ID_RE } from './params';

/** Client → server. */
export interface SubscribeMessage {
  type: 'subscribe';
  cluster: string;
  view: View;
}
export interface UnsubscribeMessage {
  type: 'unsubscribe';
  cluster: string;
  view: View;
}
export type ClientMessage = SubscribeMessage | UnsubscribeMessage;

/** Server → client: the whole state of a channel, right after subscribe and after a slow client caught up. */
export interface SnapshotMessage {
  type: 'snapshot';
  cluster: string;
  view: View;
  ts: number;
  data: SnapshotDto;
}
/** Server → client: what one collection brought (samples of the view, targets of the view it touched). */
export interface UpdateMessage {
  type: 'update';
  cluster: string;
  view: View;
  ts: number;
  samples: SampleDto[];
  targets: TargetDto[];
}
/** Server → client: a message was not understood (the socket stays open). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}
/** Server → client: an event of the timeline, to every socket subscribed to any view of its cluster. */
export interface EventMessage {
  type: 'event';
  cluster: string;
  event: EventDto;
}
export type ServerMessage = SnapshotMessage | UpdateMessage | EventMessage | ErrorMessage;

/** Event map by `type`, for typed handlers. */
export interface ServerEventMap {
  snapshot: SnapshotMessage;
  update: UpdateMessage;
  event: EventMessage;
  error: ErrorMessage;
}
export interface ClientEventMap {
  subscribe: SubscribeMessage;
  unsubscribe: UnsubscribeMessage;
}

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
