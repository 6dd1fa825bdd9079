import { ManualClock } from '../../../sidecar/src/core/clock';
import { fullBucket, KeyedBuckets, takeToken, type BucketLimit, type BucketState } from '../../../sidecar/src/core/token-bucket';

const limit: BucketLimit = { burst: 3, perSecond: 2 };

describe('takeToken', () => {
  const cases: Array<[string, BucketState, number, boolean, number, number | undefined]> = [
    // name, state, now, ok, tokens after, retryAfterMs
    ['full bucket', { tokens: 3, at: 0 }, 0, true, 2, undefined],
    ['one left', { tokens: 1, at: 0 }, 0, true, 0, undefined],
    ['empty, no time passed', { tokens: 0, at: 0 }, 0, false, 0, 500],
    ['empty, half a token refilled', { tokens: 0, at: 0 }, 250, false, 0.5, 250],
    ['empty, one token refilled', { tokens: 0, at: 0 }, 500, true, 0, undefined],
    ['refill capped at burst', { tokens: 0, at: 0 }, 60_000, true, 2, undefined],
    ['clock going back adds nothing', { tokens: 0, at: 1000 }, 0, false, 0, 500],
  ];
  it.each(cases)('%s', (_name, state, now, ok, tokens, retryAfterMs) => {
    const r = takeToken(state, limit, now);
    expect(r.ok).toBe(ok);
    expect(r.state.tokens).toBeCloseTo(tokens);
    expect(r.ok ? undefined : r.retryAfterMs).toBe(retryAfterMs);
  });

  it('a full bucket allows `burst` at once, then `perSecond`', () => {
    let s = fullBucket(limit, 0);
    const at = (now: number) => {
      const r = takeToken(s, limit, now);
      s = r.state;
      return r.ok;
    };
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    expect([at(1000), at(1000), at(1000)]).toEqual([true, true, false]);
  });
});

describe('KeyedBuckets', () => {
  it('keeps one bucket per key: one client refused, another not', () => {
    const clock = new ManualClock(0);
    const b = new KeyedBuckets(limit, clock);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([undefined, undefined, undefined]);
    expect(b.take('a')).toBe(500);
    expect(b.take('b')).toBeUndefined();
    clock.advance(500);
    expect(b.take('a')).toBeUndefined();
    expect(b.refusedCount()).toBe(1);
  });

  it('holds at most maxKeys buckets, forgetting refilled ones first, then the least recently used', () => {
    const clock = new ManualClock(0);
    const b = new KeyedBuckets(limit, clock, 100);
    for (let i = 0; i < 1000; i++) b.take(`client-${i}`);
    expect(b.size()).toBeLessThanOrEqual(100);
    clock.advance(10_000);
    b.take('late');
    expect(b.size()).toBeLessThanOrEqual(100);
  });
});
