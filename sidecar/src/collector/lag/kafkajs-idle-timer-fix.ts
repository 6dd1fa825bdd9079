/**
 * kafkajs 2.2.4 (its last release) re-arms a timer in each broker connection's request queue after
 * every response, even when no request waits and no throttle is in force. The delay is then
 * negative: Node runs the timer after 1 ms, and the timer re-arms itself, in a loop that lasts as
 * long as the connection. Measured on the local cluster, an idle admin client spent 240 ms of CPU
 * every 10 s, 28 ms with this fix. Node.js 24 reports the loop as a TimeoutNegativeWarning. Upstream:
 * tulios/kafkajs issues 1704 and 1751, fix proposed in pull request 1768, not released.
 *
 * The fix replaces RequestQueue.scheduleCheckPendingRequests so that a queue with nothing pending
 * and no throttle arms no timer. Nothing else changes: a request that has to wait still arms one
 * (push() calls this method), and a throttle still wakes the queue when it ends. Applied to that
 * one kafkajs version only, since another version may have changed or fixed the method.
 */
import { createRequire } from 'module';

export const KAFKAJS_VERSION_FIXED = '2.2.4';

/** kafkajs' own recheck interval for waiting requests (CHECK_PENDING_REQUESTS_INTERVAL, not exported). */
const CHECK_PENDING_REQUESTS_MS = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

export interface RequestQueueClass {
  prototype: { scheduleCheckPendingRequests(this: RequestQueueState): void };
}

function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  let delayMs = untilUnthrottled;
  if (this.pending.length > 0) delayMs = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_MS;
  else if (untilUnthrottled <= 0) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delayMs);
}

const loadFromKafkajs = createRequire(require.resolve('kafkajs'));

/** kafkajs' RequestQueue class (internal to kafkajs, loaded from the installed package). */
export function kafkajsRequestQueue(): RequestQueueClass {
  return loadFromKafkajs('./src/network/requestQueue') as RequestQueueClass;
}

/** Applies the fix when the installed kafkajs is the version it was written for; true when applied. */
export function fixKafkajsIdleTimer(): boolean {
  const { version } = loadFromKafkajs('./package.json') as { version: string };
  if (version !== KAFKAJS_VERSION_FIXED) return false;
  kafkajsRequestQueue().prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}
