/** When a webhook delivery is retried, and after how long (pure). */
import { backoffMs } from '../core/backoff';

export interface RetryPolicy {
  /** First retry waits about this long (between half and all of it), ms. */
  baseMs: number;
  /** No wait is longer, ms (a Retry-After longer than this is cut to it). */
  maxMs: number;
  /** Attempts per delivery, the first included; then its events count as failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 6 };

/** Pure: HTTP statuses worth retrying — the server is in trouble (5xx), busy (429) or timed out (408). Other 4xx will not change. */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Pure: wait before the next attempt after `failures` (≥ 1) failed attempts of one delivery:
 * exponential with equal jitter (core/backoff.ts) — [base/2, base], [base, 2·base], [2·base, 4·base] … capped at maxMs —
 * but never shorter than the webhook's Retry-After (itself capped at maxMs).
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const delay = backoffMs(failures - 1, policy.baseMs, policy.maxMs, random);
  return retryAfterMs !== undefined ? Math.min(policy.maxMs, Math.max(delay, retryAfterMs)) : delay;
}

/** Pure: a Retry-After header (delay in seconds, or an HTTP date) in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
