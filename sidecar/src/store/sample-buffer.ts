/**
 * A bounded FIFO of samples, pure (no I/O). When a push would exceed `max`, the OLDEST
 * samples are dropped to make room and the caller is told how many: during a long MySQL
 * outage we lose the start of the outage, never the latest data, and memory stays bounded.
 */
import type { Sample } from '../core/model';

export class SampleBuffer {
  /** Chunks as they were enqueued (no copy on push); the first chunk is the oldest. */
  private chunks: Sample[][] = [];
  /** Samples already consumed from the head of `chunks[0]`. */
  private headOffset = 0;
  private count = 0;

  /** @param max most samples held; must be ≥ 1. */
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`buffer size must be a positive integer, got ${max}`);
  }

  /** Appends `samples` and returns how many old samples were dropped to make room (0 when there was room). */
  push(samples: readonly Sample[]): number {
    if (samples.length === 0) return 0;
    this.chunks.push(samples as Sample[]);
    this.count += samples.length;
    const over = this.count - this.max;
    if (over <= 0) return 0;
    this.drop(over);
    return over;
  }

  /** The oldest `n` samples (fewer when the buffer holds fewer), without removing them. */
  peek(n: number): Sample[] {
    const out: Sample[] = [];
    let offset = this.headOffset;
    for (const c of this.chunks) {
      if (out.length >= n) break;
      const end = Math.min(c.length, offset + (n - out.length));
      for (let i = offset; i < end; i++) out.push(c[i] as Sample);
      offset = 0;
    }
    return out;
  }

  /** Removes the oldest `n` samples (all of them when `n` ≥ size). */
  drop(n: number): void {
    let left = Math.min(Math.max(0, n), this.count);
    this.count -= left;
    while (left > 0) {
      const first = this.chunks[0] as Sample[];
      const avail = first.length - this.headOffset;
      if (avail <= left) {
        this.chunks.shift();
        this.headOffset = 0;
        left -= avail;
      } else {
        this.headOffset += left;
        left = 0;
      }
    }
  }

  /** Samples held now. */
  get size(): number {
    return this.count;
  }
}
