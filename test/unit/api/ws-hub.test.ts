/** The socket hub's fan-out with fake sockets: one serialization per channel, slow clients dropped/closed without blocking others, order kept around snapshots. */
import { EventEmitter } from 'events';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import { notFound } from '../../../sidecar/src/api/errors';
import type { LiveBatch, ReadModel, SnapshotQuery } from '../../../sidecar/src/api/ports';
import { WsHub, type KindLookup, type WsHubOptions } from '../../../sidecar/src/api/ws-hub';
import { silentLogger } from '../../../sidecar/src/log/logger';
import type { TargetKind } from '../../../sidecar/src/core/model';

class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  pings = 0;
  closedWith?: number;
  terminated = false;
  send(text: string): void {
    this.sent.push(text);
  }
  ping(): void {
    this.pings += 1;
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 2;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
  types(): string[] {
    return this.sent.map((t) => (JSON.parse(t) as { type: string }).type);
  }
  last(): { type: string; message?: string; samples?: unknown[]; targets?: Array<{ key: string; state: string }> } {
    return JSON.parse(this.sent[this.sent.length - 1] ?? 'null');
  }
  say(msg: unknown): void {
    this.emit('message', Buffer.from(typeof msg === 'string' ? msg : JSON.stringify(msg)), false);
  }
}

const snapshotOf = async (q: SnapshotQuery) => ({ cluster: q.cluster, view: q.view, ts: 1, targets: [], samples: [] });
const readModel: Pick<ReadModel, 'snapshot'> = { snapshot: snapshotOf };
const kinds: KindLookup = { metric: () => new Map<string, TargetKind>([['kafka.broker.bytes_in', 'kafka-broker']]), target: () => 'kafka-broker' };
const sample = (cluster = '1') => ({ clusterId: cluster, target: 'broker-1', metric: 'kafka.broker.bytes_in', labels: {}, ts: 1, value: 1 });
const batch: LiveBatch = { clusterId: '1', samples: [sample()], targets: [] };
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

function setup(opts: WsHubOptions = {}, rm: Pick<ReadModel, 'snapshot'> = readModel, k: KindLookup = kinds) {
  const feed = new LiveFeedHub();
  const hub = new WsHub(rm, feed, k, silentLogger, { maxBufferedBytes: 1000, ...opts });
  const connect = (): FakeSocket => {
    const s = new FakeSocket();
    hub.accept(s);
    return s;
  };
  return { feed, hub, connect };
}

let hubs: WsHub[] = [];
afterEach(() => {
  for (const h of hubs) h.close();
  hubs = [];
});

test('one string per channel and batch for all subscribers; other channels and clusters get nothing', async () => {
  const { feed, hub, connect } = setup();
  hubs.push(hub);
  const a = connect();
  const b = connect();
  const zk = connect();
  const elsewhere = connect();
  a.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  b.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  zk.say({ type: 'subscribe', cluster: '1', view: 'zookeeper' });
  elsewhere.say({ type: 'subscribe', cluster: '2', view: 'kafka' });
  await tick();
  feed.publish(batch);
  expect(a.types()).toEqual(['snapshot', 'update']);
  expect(a.sent[1]).toBe(b.sent[1]);
  expect(zk.types()).toEqual(['snapshot']);
  expect(elsewhere.types()).toEqual(['snapshot']);
  expect(hub.stats().serialized).toBe(1);
  expect(a.last().samples).toEqual([{ metric: 'kafka.broker.bytes_in', target: 'broker-1', labels: {}, ts: 1, value: 1 }]);
});

test('a slow client misses updates (counted) while others get them; when caught up: a snapshot, then the update', async () => {
  const { feed, hub, connect } = setup();
  hubs.push(hub);
  const fast = connect();
  const slow = connect();
  fast.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  slow.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  await tick();
  slow.bufferedAmount = 2000;
  feed.publish(batch);
  feed.publish(batch);
  expect(fast.types()).toEqual(['snapshot', 'update', 'update']);
  expect(slow.types()).toEqual(['snapshot']);
  expect(hub.stats()).toMatchObject({ clients: 2, dropped: 2, closedSlow: 0 });
  slow.bufferedAmount = 0;
  feed.publish(batch);
  await tick();
  expect(slow.types()).toEqual(['snapshot', 'snapshot', 'update']);
  feed.publish(batch);
  expect(slow.types()).toEqual(['snapshot', 'snapshot', 'update', 'update']);
  expect(fast.types()).toHaveLength(5);
});

test('a client far behind is closed with 1013 and no longer served; the others are not affected', async () => {
  const { feed, hub, connect } = setup({ closeBufferedBytes: 10_000 });
  hubs.push(hub);
  const fast = connect();
  const stuck = connect();
  fast.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  stuck.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  await tick();
  stuck.bufferedAmount = 50_000;
  feed.publish(batch);
  expect(stuck.closedWith).toBe(1013);
  expect(hub.stats()).toMatchObject({ clients: 1, closedSlow: 1 });
  feed.publish(batch);
  expect(stuck.types()).toEqual(['snapshot']);
  expect(fast.types()).toEqual(['snapshot', 'update', 'update']);
});

test('updates landing while the snapshot is read are held and sent after it, in order', async () => {
  let release: () => void = () => undefined;
  const slowRead: Pick<ReadModel, 'snapshot'> = {
    snapshot: (q) => new Promise((resolve) => (release = () => resolve(snapshotOf(q)))),
  };
  const { feed, hub, connect } = setup({}, slowRead);
  hubs.push(hub);
  const s = connect();
  s.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  feed.publish({ ...batch, samples: [{ ...sample(), value: 1 }] });
  feed.publish({ ...batch, samples: [{ ...sample(), value: 2 }] });
  expect(s.sent).toEqual([]);
  release();
  await tick();
  expect(s.types()).toEqual(['snapshot', 'update', 'update']);
  expect(s.sent.slice(1).map((t) => (JSON.parse(t) as { samples: Array<{ value: number }> }).samples[0]?.value)).toEqual([1, 2]);
});

test('too many held updates: the snapshot is read again instead', async () => {
  const releases: Array<() => void> = [];
  const slowRead: Pick<ReadModel, 'snapshot'> = { snapshot: (q) => new Promise((resolve) => releases.push(() => resolve(snapshotOf(q)))) };
  const { feed, hub, connect } = setup({ maxHeld: 2 }, slowRead);
  hubs.push(hub);
  const s = connect();
  s.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  for (let i = 0; i < 5; i++) feed.publish(batch);
  releases.shift()?.();
  await tick();
  expect(s.types()).toEqual(['snapshot']);
  expect(releases).toHaveLength(1);
  releases.shift()?.();
  await tick();
  expect(s.types()).toEqual(['snapshot', 'snapshot']);
});

test('bad messages get an error and the socket stays; unsubscribe stops updates; unknown cluster → error', async () => {
  const rm: Pick<ReadModel, 'snapshot'> = {
    snapshot: async (q) => {
      if (q.cluster !== '1') throw notFound(`unknown cluster "${q.cluster}"`);
      return snapshotOf(q);
    },
  };
  const { feed, hub, connect } = setup({}, rm);
  hubs.push(hub);
  const s = connect();
  for (const bad of [
    '{nope',
    '[]',
    '"x"',
    { type: 'subscribe', cluster: "1' OR 1=1", view: 'kafka' },
    { type: 'subscribe', cluster: '1', view: 'yarn' },
    { type: 'drop' },
    'x'.repeat(5000),
  ])
    s.say(bad);
  s.emit('message', Buffer.from([1, 2, 3]), true);
  expect(s.types()).toEqual(Array(8).fill('error'));
  s.say({ type: 'subscribe', cluster: '9', view: 'kafka' });
  await tick();
  expect(s.last()).toEqual({ type: 'error', message: 'unknown cluster "9"' });
  s.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  await tick();
  s.say({ type: 'unsubscribe', cluster: '1', view: 'kafka' });
  const before = s.sent.length;
  feed.publish(batch);
  expect(s.sent).toHaveLength(before);
  expect(s.terminated).toBe(false);
});

test('target health in a batch: only targets of the view; kinds learnt from the batch when the lookup does not know them', async () => {
  const { feed, hub, connect } = setup({}, readModel, { metric: () => new Map(), target: () => undefined });
  hubs.push(hub);
  const k = connect();
  const z = connect();
  k.say({ type: 'subscribe', cluster: '1', view: 'kafka' });
  z.say({ type: 'subscribe', cluster: '1', view: 'zookeeper' });
  await tick();
  feed.publish({
    clusterId: '1',
    samples: [],
    targets: [
      { clusterId: '1', target: 'broker-2', kind: 'kafka-broker', state: 'down', since: 5, lastError: 'refused' },
      { clusterId: '1', target: 'zk-1', kind: 'zookeeper', state: 'up', since: 6 },
    ],
  });
  expect(k.last().targets?.map((t) => [t.key, t.state])).toEqual([['broker-2', 'down']]);
  expect(z.last().targets?.map((t) => [t.key, t.state])).toEqual([['zk-1', 'up']]);
  // a jvm.* sample (shared id) follows the learnt kind of its target
  feed.publish({ clusterId: '1', samples: [{ clusterId: '1', target: 'zk-1', metric: 'jvm.heap.used', labels: {}, ts: 2, value: 3 }], targets: [] });
  expect(z.types()).toEqual(['snapshot', 'update', 'update']);
  expect(k.types()).toEqual(['snapshot', 'update']);
});

test('heartbeat: pinged, and terminated after missing a pong', async () => {
  const { hub, connect } = setup({ heartbeatMs: 15 });
  hubs.push(hub);
  const answers = connect();
  const silent = connect();
  const timer = setInterval(() => answers.emit('pong'), 5);
  await new Promise((r) => setTimeout(r, 80));
  clearInterval(timer);
  expect(answers.pings).toBeGreaterThan(1);
  expect(answers.terminated).toBe(false);
  expect(silent.terminated).toBe(true);
  expect(hub.stats().clients).toBe(1);
});
