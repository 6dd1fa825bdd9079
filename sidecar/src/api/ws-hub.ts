/**
 * The live socket `/api/v1/ws`: one socket per page, channels = cluster + view. Each landed
 * collection is filtered and serialized ONCE per channel, then the same string goes to every
 * subscriber. A slow client (send buffer above `maxBufferedBytes`) has updates dropped and
 * gets a fresh snapshot when it has caught up; it never slows the others.
 */
import type { IncomingMessage } from 'http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log/logger';
import type { CatalogEntry, TargetKind } from '../model';
import type { TargetDto, View } from './dto';
import { VIEWS } from './dto';
import { parseClientMessage, type ServerMessage } from './events';
import type { LiveBatch, LiveFeed, ReadModel } from './ports';
import { mergeHealth, toTargetDto } from './target-view';
import { kindInView, seriesInView } from './view-filter';

export interface WsHubOptions {
  maxBufferedBytes?: number;
  heartbeatMs?: number;
}

interface Client {
  socket: WebSocket;
  channels: Set<string>;
  /** Channels whose updates were dropped while the client was slow: they get a snapshot next. */
  stale: Set<string>;
  alive: boolean;
  dropped: number;
}

const channelOf = (cluster: string, view: View): string => `${cluster}\u0000${view}`;

export class WsHub {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBuffered: number;

  constructor(
    private readonly readModel: ReadModel,
    feed: LiveFeed,
    private readonly kinds: { metric: () => Map<string, TargetKind>; target: (cluster: string, key: string) => TargetKind | undefined },
    private readonly log: Logger,
    opts: WsHubOptions = {},
  ) {
    this.maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.unsubscribe = feed.onBatch((b) => this.broadcast(b));
    this.heartbeat = setInterval(() => this.ping(), opts.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** Takes over an upgraded HTTP connection (auth already checked by the server). */
  handleUpgrade(req: IncomingMessage, socket: import('stream').Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  stats(): { clients: number; dropped: number } {
    return { clients: this.clients.size, dropped: [...this.clients].reduce((a, c) => a + c.dropped, 0) };
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.socket.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, channels: new Set(), stale: new Set(), alive: true, dropped: 0 };
    this.clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', (data, isBinary) => {
      const msg = isBinary ? 'binary messages are not accepted' : parseClientMessage(data.toString());
      if (typeof msg === 'string') return this.send(client, JSON.stringify({ type: 'error', message: msg } satisfies ServerMessage));
      const channel = channelOf(msg.cluster, msg.view);
      if (msg.type === 'unsubscribe') {
        client.channels.delete(channel);
        return;
      }
      client.channels.add(channel);
      void this.sendSnapshot(client, msg.cluster, msg.view);
    });
  }

  private async sendSnapshot(client: Client, cluster: string, view: View): Promise<void> {
    try {
      const data = await this.readModel.snapshot({ cluster, view, partitions: false });
      client.stale.delete(channelOf(cluster, view));
      this.send(client, JSON.stringify({ type: 'snapshot', cluster, view, ts: data.ts, data } satisfies ServerMessage));
    } catch (err) {
      const message = err instanceof Error && 'status' in err ? err.message : 'snapshot failed';
      this.send(client, JSON.stringify({ type: 'error', message } satisfies ServerMessage));
    }
  }

  private broadcast(b: LiveBatch): void {
    if (this.clients.size === 0) return;
    const metricKinds = this.kinds.metric();
    for (const view of VIEWS) {
      const channel = channelOf(b.clusterId, view);
      const subscribers = [...this.clients].filter((c) => c.channels.has(channel));
      if (subscribers.length === 0) continue;
      const samples = b.samples
        .filter((s) => seriesInView(view, { metric: s.metric, labels: s.labels, appliesTo: metricKinds.get(s.metric), targetKind: this.kinds.target(s.clusterId, s.target) }, false))
        .map((s) => ({ metric: s.metric, target: s.target, labels: s.labels, ts: s.ts, value: s.value }));
      const targets: TargetDto[] = b.targets
        .map((h) => ({ h, kind: h.kind ?? this.kinds.target(h.clusterId, h.target) }))
        .filter((x): x is { h: typeof x.h; kind: TargetKind } => !!x.kind && kindInView(x.kind, view))
        .map(({ h, kind }) => toTargetDto(h.target, kind, h.origin ?? 'config', mergeHealth([h])));
      if (samples.length === 0 && targets.length === 0) continue;
      const text = JSON.stringify({ type: 'update', cluster: b.clusterId, view, ts: Date.now(), samples, targets } satisfies ServerMessage);
      for (const c of subscribers) {
        if (c.socket.bufferedAmount > this.maxBuffered) {
          c.dropped += 1;
          c.stale.add(channel);
        } else if (c.stale.has(channel)) void this.sendSnapshot(c, b.clusterId, view);
        else this.send(c, text);
      }
    }
  }

  private send(c: Client, text: string): void {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(text, (err) => err && this.log.debug('socket send failed', { error: err.message }));
  }

  private ping(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.terminate();
        this.clients.delete(c);
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }
}

export type { CatalogEntry };
