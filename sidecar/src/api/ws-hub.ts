/**
 * The live socket `/api/v1/ws`: one socket per page, channels = cluster + view. Each landed
 * collection is filtered and serialized ONCE per channel, then the same string goes to every
 * subscriber. A slow client (send buffer above `maxBufferedBytes`) has updates dropped and
 * gets a fresh snapshot when it has caught up; one far behind (`closeBufferedBytes`) is closed
 * with 1013 (try again later). Neither ever slows the others. Updates that land while a
 * client's snapshot is being read are held and sent right after it, so order is kept.
 * Each `subscribe` reads a snapshot, so subscriptions are rate-limited (`allowSubscribe`): a
 * client over its limit gets an error message and is closed with 1008, before any read.
 */
import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log/logger';
import type { TargetKind } from '../core/model';
import type { ServerMessage, TargetDto, View } from './dto';
import { parseClientMessage } from './events';
import { VIEWS } from './params';
import type { LiveBatch, LiveEvents, LiveFeed, ReadModel } from './ports';
import { mergeHealth, toTargetDto } from './target-view';
import { kindInView, seriesInView } from './view-filter';

export interface WsHubOptions {
  /** Above this send buffer, updates are dropped for the client (default 4 MiB). */
  maxBufferedBytes?: number;
  /** Above this send buffer, the client is closed with 1013 (default 4 × maxBufferedBytes). */
  closeBufferedBytes?: number;
  /** Ping period; a client that did not answer the previous ping is terminated (default 30 s). */
  heartbeatMs?: number;
  /** Updates held per channel while a snapshot is read (default 20; more → the snapshot is read again). */
  maxHeld?: number;
  /** Asked before each `subscribe` with the client's key (its address); false = refused and closed. Default: always. */
  allowSubscribe?: (client: string) => boolean;
}

/** How the hub tells which view a sample belongs to (catalogue kinds, target kinds). */
export interface KindLookup {
  /** Catalogue id → the ONE kind it is read from (ids shared by kinds left out: see singleKindMap). */
  metric: () => Map<string, TargetKind>;
  target: (cluster: string, key: string) => TargetKind | undefined;
}

/** What the hub needs of a socket (ws's WebSocket fits; tests use a fake). */
export interface HubSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, cb?: (err?: Error) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): this;
  on(event: 'close' | 'error' | 'pong', listener: (...args: unknown[]) => void): this;
}

const OPEN = 1;

interface Client {
  socket: HubSocket;
  channels: Set<string>;
  /** Channels whose updates were dropped while the client was slow: they get a snapshot next. */
  stale: Set<string>;
  /** Channels whose snapshot is being read: updates wait here (null = too many, re-read after). */
  held: Map<string, string[] | null>;
  alive: boolean;
  dropped: number;
}

export interface HubStats {
  clients: number;
  /** Updates dropped for slow clients since start (also those of clients since gone). */
  dropped: number;
  /** Clients closed with 1013 for being too far behind. */
  closedSlow: number;
  /** Serializations of update messages (one per channel and batch, whatever the subscriber count). */
  serialized: number;
  /** Subscriptions refused by the rate limit (their sockets closed). */
  refusedSubscriptions: number;
}

const channelOf = (cluster: string, view: View): string => `${cluster}\u0000${view}`;

export class WsHub {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private readonly closeBuffered: number;
  private readonly maxHeld: number;
  private readonly allowSubscribe: (client: string) => boolean;
  /** Target kinds learnt from the batches (health entries carry `kind`). */
  private readonly learntKinds = new Map<string, TargetKind>();
  private readonly counters = { dropped: 0, closedSlow: 0, serialized: 0, refusedSubscriptions: 0 };

  constructor(
    private readonly readModel: Pick<ReadModel, 'snapshot'>,
    feed: LiveFeed,
    private readonly kinds: KindLookup,
    private readonly log: Logger,
    opts: WsHubOptions = {},
  ) {
    this.maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.closeBuffered = opts.closeBufferedBytes ?? 4 * this.maxBuffered;
    this.maxHeld = opts.maxHeld ?? 20;
    this.allowSubscribe = opts.allowSubscribe ?? (() => true);
    const offBatch = feed.onBatch((b) => this.broadcast(b));
    const offEvents = feed.onEvents?.((e) => this.broadcastEvents(e));
    this.unsubscribe = () => {
      offBatch();
      offEvents?.();
    };
    this.heartbeat = setInterval(() => this.ping(), opts.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** Takes over an upgraded HTTP connection (auth already checked by the server). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, clientKey = req.socket.remoteAddress ?? 'unknown'): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, clientKey));
  }

  stats(): HubStats {
    return { clients: this.clients.size, ...this.counters };
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.socket.terminate();
    this.clients.clear();
    this.wss.close();
  }

  /** Starts serving one connected socket. */
  accept(socket: HubSocket, clientKey = 'unknown'): void {
    const client: Client = { socket, channels: new Set(), stale: new Set(), held: new Map(), alive: true, dropped: 0 };
    this.clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', (data, isBinary) => {
      if (socket.readyState !== OPEN) return; // closing: what it still sends is not read
      const msg = isBinary ? 'binary messages are not accepted' : parseClientMessage(String(data));
      if (typeof msg === 'string') return this.send(client, JSON.stringify({ type: 'error', message: msg } satisfies ServerMessage));
      const channel = channelOf(msg.cluster, msg.view);
      if (msg.type === 'unsubscribe') {
        client.channels.delete(channel);
        client.stale.delete(channel);
        client.held.delete(channel);
        return;
      }
      if (!this.allowSubscribe(clientKey)) {
        this.counters.refusedSubscriptions++;
        this.send(client, JSON.stringify({ type: 'error', message: 'too many subscriptions from this client; reconnect later' } satisfies ServerMessage));
        return void socket.close(1008, 'too many subscriptions');
      }
      client.channels.add(channel);
      void this.sendSnapshot(client, msg.cluster, msg.view);
    });
  }

  private async sendSnapshot(client: Client, cluster: string, view: View): Promise<void> {
    const channel = channelOf(cluster, view);
    if (client.held.has(channel)) return; // one read at a time; updates meanwhile are held
    client.held.set(channel, []);
    client.stale.delete(channel);
    try {
      const data = await this.readModel.snapshot({ cluster, view, partitions: false });
      if (!client.channels.has(channel)) return;
      this.send(client, JSON.stringify({ type: 'snapshot', cluster, view, ts: data.ts, data } satisfies ServerMessage));
    } catch (err) {
      const message = err instanceof Error && 'status' in err ? err.message : 'snapshot failed';
      if (!(err instanceof Error && 'status' in err))
        this.log.warn('socket snapshot failed', { cluster, view, error: err instanceof Error ? err.message : String(err) });
      this.send(client, JSON.stringify({ type: 'error', message } satisfies ServerMessage));
    } finally {
      const held = client.held.get(channel);
      client.held.delete(channel);
      if (held === null && client.channels.has(channel)) void this.sendSnapshot(client, cluster, view);
      else for (const text of held ?? []) this.send(client, text);
    }
  }

  private kindOf(cluster: string, key: string): TargetKind | undefined {
    return this.kinds.target(cluster, key) ?? this.learntKinds.get(`${cluster}\u0000${key}`);
  }

  /** Pure-ish: the update message text of one view for a batch, or null when nothing in it is for the view. */
  private updateText(b: LiveBatch, view: View, metricKinds: Map<string, TargetKind>): string | null {
    // a batch is one target's samples: its kind (a search through every target) is looked up once per run of samples
    let kindOfRun: { cluster: string; target: string; kind: TargetKind | undefined } | undefined;
    const targetKind = (s: LiveBatch['samples'][number]): TargetKind | undefined => {
      if (kindOfRun?.target !== s.target || kindOfRun.cluster !== s.clusterId)
        kindOfRun = { cluster: s.clusterId, target: s.target, kind: this.kindOf(s.clusterId, s.target) };
      return kindOfRun.kind;
    };
    const samples = b.samples
      .filter((s) => seriesInView(view, { metric: s.metric, labels: s.labels, appliesTo: metricKinds.get(s.metric), targetKind: targetKind(s) }, false))
      .map((s) => ({ metric: s.metric, target: s.target, labels: s.labels, ts: s.ts, value: s.value }));
    const targets: TargetDto[] = [];
    for (const h of b.targets) {
      const kind = h.kind ?? this.kindOf(h.clusterId, h.target);
      if (kind && kindInView(kind, view)) targets.push(toTargetDto(h.target, kind, h.origin ?? 'config', mergeHealth([h])));
    }
    if (samples.length === 0 && targets.length === 0) return null;
    this.counters.serialized += 1;
    return JSON.stringify({ type: 'update', cluster: b.clusterId, view, ts: Date.now(), samples, targets } satisfies ServerMessage);
  }

  private broadcast(b: LiveBatch): void {
    for (const h of b.targets) if (h.kind) this.learntKinds.set(`${h.clusterId}\u0000${h.target}`, h.kind);
    if (this.clients.size === 0) return;
    const metricKinds = this.kinds.metric();
    for (const view of VIEWS) {
      const channel = channelOf(b.clusterId, view);
      const subscribers = [...this.clients].filter((c) => c.channels.has(channel));
      if (subscribers.length === 0) continue;
      const text = this.updateText(b, view, metricKinds);
      if (text === null) continue;
      for (const c of subscribers) this.deliver(c, channel, b.clusterId, view, text);
    }
  }

  /** Events go to every socket subscribed to any view of the cluster (serialized once per event). */
  private broadcastEvents(e: LiveEvents): void {
    const prefix = `${e.clusterId}\u0000`;
    const subscribers = [...this.clients].filter((c) => [...c.channels].some((ch) => ch.startsWith(prefix)));
    if (subscribers.length === 0) return;
    for (const event of e.events) {
      const text = JSON.stringify({ type: 'event', cluster: e.clusterId, event } satisfies ServerMessage);
      this.counters.serialized += 1;
      for (const c of subscribers) if (c.socket.bufferedAmount <= this.maxBuffered) this.send(c, text);
    }
  }

  private deliver(c: Client, channel: string, cluster: string, view: View, text: string): void {
    const buffered = c.socket.bufferedAmount;
    if (buffered > this.closeBuffered) return this.closeSlow(c);
    if (buffered > this.maxBuffered) {
      c.dropped += 1;
      this.counters.dropped += 1;
      c.stale.add(channel);
      return;
    }
    const held = c.held.get(channel);
    if (held !== undefined) {
      if (held === null) return;
      if (held.length >= this.maxHeld) c.held.set(channel, null);
      else held.push(text);
      return;
    }
    if (c.stale.has(channel)) {
      // caught up: a fresh snapshot, then this update once it is sent
      void this.sendSnapshot(c, cluster, view);
      c.held.get(channel)?.push(text);
      return;
    }
    this.send(c, text);
  }

  private closeSlow(c: Client): void {
    if (!this.clients.delete(c)) return;
    this.counters.closedSlow += 1;
    this.log.info('socket closed: client too slow', { bufferedBytes: c.socket.bufferedAmount });
    c.socket.close(1013, 'too slow, reconnect later');
    // the close frame waits behind the full buffer: do not wait for it forever
    setTimeout(() => c.socket.terminate(), 5000).unref();
  }

  private send(c: Client, text: string): void {
    if (c.socket.readyState === OPEN) c.socket.send(text, (err) => err && this.log.debug('socket send failed', { error: err.message }));
  }

  private ping(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.socket.terminate();
        this.clients.delete(c);
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        // a socket closing under us: its close event removes it
      }
    }
  }
}
