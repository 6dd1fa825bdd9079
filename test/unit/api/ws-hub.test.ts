/** The socket hub's fan-out: one serialization per channel, slow clients dropped (then re-synced), never blocking others. */
import { EventEmitter } from 'events';
import { LiveFeedHub } from '../../../sidecar/src/app/live-feed';
import type { ReadModel } from '../../../sidecar/src/api/ports';
import { WsHub } from '../../../sidecar/src/api/ws-hub';
import { silentLogger } from '../../../sidecar/src/log/logger';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  ping(): void {}
  terminate(): void {
    this.readyState = 3;
  }
  types(): string[] {
    return this.sent.map((t) => (JSON.parse(t) as { type: string }).type);
  }
}

const readModel = { snapshot: async () => ({ cluster: '1', view: 'kafka', ts: 1, targets: [], samples: [] }) } as unknown as ReadModel;
const batch = { clusterId: '1', samples: [{ clusterId: '1', target: 'broker-1', metric: 'kafka.broker.bytes_in', labels: {}, ts: 1, value: 1 }], targets: [] };
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

test('one string per channel for all subscribers; a slow client misses updates and gets a snapshot when it catches up', async () => {
  const feed = new LiveFeedHub();
  const hub = new WsHub(readModel, feed, { metric: () => new Map([['kafka.broker.bytes_in', 'kafka-broker']]), target: () => 'kafka-broker' }, silentLogger, { maxBufferedBytes: 1000 });
  const fast = new FakeSocket();
  const slow = new FakeSocket();
  const other = new FakeSocket();
  for (const s of [fast, slow, other]) (hub as unknown as { accept(s: FakeSocket): void }).accept(s);
  fast.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' })), false);
  slow.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'kafka' })), false);
  other.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', cluster: '1', view: 'zookeeper' })), false);
  await tick();
  slow.bufferedAmount = 5000;
  feed.publish(batch);
  feed.publish(batch);
  expect(fast.types()).toEqual(['snapshot', 'update', 'update']);
  expect(fast.sent[1]).toBe(fast.sent[2]);
  expect(slow.types()).toEqual(['snapshot']);
  expect(other.types()).toEqual(['snapshot']); // zookeeper view: a broker sample is not for it
  expect(hub.stats()).toEqual({ clients: 3, dropped: 2 });
  slow.bufferedAmount = 0;
  feed.publish(batch);
  await tick();
  expect(slow.types()).toEqual(['snapshot', 'snapshot']);
  feed.publish(batch);
  expect(slow.types()).toEqual(['snapshot', 'snapshot', 'update']);
  hub.close();
});
