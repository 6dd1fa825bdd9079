/**
 * Token buckets: `burst` tokens at most, refilled at `perSecond`; each request takes one. Pure
 * state steps (tests drive them through a table) and a keyed set of buckets on a Clock.
 */
import type { Clock } from './clock';

export interface BucketLimit {
  /** Tokens a full bucket holds: requests allowed at once. */
  burst: number;
  /** Tokens added per second: the sustained rate. */
  perSecond: number;
}

export interface BucketState {
  tokens: number;
  /** When `tokens` was computed (ms). */
  at: number;
}

export type Take = { ok: true; state: BucketState } | { ok: false; state: BucketState; retryAfterMs: number };

/** Pure: a full bucket at `now`. */
export function fullBucket(limit: BucketLimit, now: number): BucketState {
  return { tokens: limit.burst, at: now };
}

/** Pure: the bucket refilled to `now`, then one token taken if there is one (else how long until there is). */
export function takeToken(state: BucketState, limit: BucketLimit, now: number): Take {
  const elapsed = Math.max(0, now - state.at);
  const tokens = Math.min(limit.burst, state.tokens + (elapsed * limit.perSecond) / 1000);
  if (tokens >= 1) return { ok: true, state: { tokens: tokens - 1, at: now } };
  const retryAfterMs = limit.perSecond > 0 ? Math.ceil(((1 - tokens) * 1000) / limit.perSecond) : Number.POSITIVE_INFINITY;
  return { ok: false, state: { tokens, at: now }, retryAfterMs };
}

/** One bucket per key (a client's address or token). Buckets that have refilled are forgotten; at most `maxKeys` are kept. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, BucketState>();
  private refused = 0;

  constructor(
    private readonly limit: BucketLimit,
    private readonly clock: Clock,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token of `key`'s bucket: undefined = allowed, else the milliseconds to wait. */
  take(key: string): number | undefined {
    const now = this.clock.now();
    const r = takeToken(this.buckets.get(key) ?? fullBucket(this.limit, now), this.limit, now);
    this.buckets.delete(key); // re-inserted last: the Map's order is least recently used first
    this.buckets.set(key, r.state);
    if (this.buckets.size > this.maxKeys) this.evict(now);
    if (r.ok) return undefined;
    this.refused++;
    return r.retryAfterMs;
  }

  /** Requests refused since start. */
  refusedCount(): number {
    return this.refused;
  }

  /** Keys held (tests, stats). */
  size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    const fullAfterMs = this.limit.perSecond > 0 ? (this.limit.burst * 1000) / this.limit.perSecond : Number.POSITIVE_INFINITY;
    for (const [k, s] of this.buckets) if (now - s.at >= fullAfterMs) this.buckets.delete(k);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
