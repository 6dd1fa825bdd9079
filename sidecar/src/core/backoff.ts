/** Retry delays (store writes, webhook deliveries): exponential backoff with jitter, pure. */

/**
 * Delay before the next attempt after `failures` failed attempts in a row ("equal jitter"):
 * the exponential delay `baseMs · 2^failures`, capped at `maxMs`, of which the upper half is random.
 * So attempts never come in lock-step from several sidecars, and never wait longer than `maxMs`.
 * `failures` ≤ 0 gives a delay in [baseMs/2, baseMs].
 */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, failures), 30));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
