/**
 * The fix of kafkajs' idle request-queue timer, on kafkajs' real RequestQueue: an idle queue arms no
 * timer, a request that has to wait for a throttle is still sent when the throttle ends.
 */
import { fixKafkajsIdleTimer, kafkajsRequestQueue } from '../../../../sidecar/src/collector/lag/kafkajs-idle-timer-fix';

interface Queue {
  push(request: { entry: Entry; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(clientSideThrottleTimeMs: number): void;
  destroy(): void;
  pending: unknown[];
}
interface Entry {
  correlationId: number;
  apiName: string;
  apiKey: number;
  apiVersion: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue(): Queue {
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => Queue;
  return new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'b:9092',
    logger: silent,
  });
}

function entry(correlationId: number): Entry {
  return { correlationId, apiName: 'Metadata', apiKey: 3, apiVersion: 6, resolve: jest.fn(), reject: jest.fn() };
}

let queue: Queue;
beforeAll(() => {
  expect(fixKafkajsIdleTimer()).toBe(true);
});
beforeEach(() => {
  jest.useFakeTimers();
  queue = newQueue();
});
afterEach(() => {
  queue.destroy();
  jest.useRealTimers();
});

test('after a response, with nothing waiting and no throttle, the queue arms no timer', () => {
  const sent = jest.fn();
  queue.push({ entry: entry(1), expectResponse: true, sendRequest: sent });
  expect(sent).toHaveBeenCalledTimes(1);
  queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
  expect(jest.getTimerCount()).toBe(0);
});

test('a request that arrives during a throttle waits, and is sent when the throttle ends', () => {
  queue.push({ entry: entry(1), expectResponse: true, sendRequest: jest.fn() });
  queue.maybeThrottle(500);
  queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
  const sent = jest.fn();
  queue.push({ entry: entry(2), expectResponse: true, sendRequest: sent });
  expect(sent).not.toHaveBeenCalled();
  expect(queue.pending).toHaveLength(1);

  jest.advanceTimersByTime(499);
  expect(sent).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(sent).toHaveBeenCalledTimes(1);
  expect(queue.pending).toHaveLength(0);
  queue.fulfillRequest({ correlationId: 2, payload: Buffer.alloc(0), size: 0 });
  expect(jest.getTimerCount()).toBe(0);
});

test('a throttle with nothing waiting still wakes the queue once, when it ends', () => {
  queue.push({ entry: entry(1), expectResponse: true, sendRequest: jest.fn() });
  queue.maybeThrottle(300);
  queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
  expect(jest.getTimerCount()).toBe(1);
  jest.advanceTimersByTime(300);
  expect(jest.getTimerCount()).toBe(0);
});
