/**
 * Writes samples to FL_DOF_SAMPLE without ever blocking collection.
 *
 * `enqueue()` only appends to an in-memory buffer. A flush loop drains it in multi-row
 * INSERTs of `batchSize` rows. While MySQL is slow or down, samples wait in the buffer and the
 * loop retries with exponential backoff plus jitter; it logs once when MySQL goes away and
 * once when it is back. The buffer is bounded (`bufferMaxSamples`): when it is full the OLDEST
 * samples are dropped (counted in `stats().dropped` and logged), so a long outage loses the
 * start of the outage, never the latest data, and memory stays bounded.
 */
import type { Pool } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import type { Sample } from '../model';
import { toStoreError } from './mysql-pool';
import { ensurePartitions } from './partitions';
import type { SeriesRegistry } from './series-registry';

export interface WriterOptions {
  bufferMaxSamples: number;
  batchSize: number;
  flushIntervalMs: number;
  /** Longest wait between retries while MySQL is down. */
  maxBackoffMs?: number;
}

export interface WriterStats {
  buffered: number;
  written: number;
  dropped: number;
  /** Samples that had no series (unknown target/metric) or a non-finite value. */
  skipped: number;
  failedFlushes: number;
  mysqlUp: boolean;
  lastError?: string;
  lastFlushAt?: number;
}

/** Pure: delay before the next attempt after `failures` failed flushes in a row. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 20));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Pure: a bounded FIFO of sample chunks; `push` drops the oldest samples beyond `max`. */
export class SampleBuffer {
  private chunks: Sample[][] = [];
  private count = 0;

  constructor(private readonly max: number) {}

  /** Returns how many old samples were dropped to make room. */
  push(samples: Sample[]): number {
    if (samples.length === 0) return 0;
    this.chunks.push(samples);
    this.count += samples.length;
    let dropped = 0;
    while (this.count > this.max) {
      const first = this.chunks[0] as Sample[];
      const over = this.count - this.max;
      if (first.length <= over) {
        this.chunks.shift();
        this.count -= first.length;
        dropped += first.length;
      } else {
        this.chunks[0] = first.slice(over);
        this.count -= over;
        dropped += over;
      }
    }
    return dropped;
  }

  /** The oldest `n` samples, without removing them. */
  peek(n: number): Sample[] {
    const out: Sample[] = [];
    for (const c of this.chunks) {
      if (out.length >= n) break;
      out.push(...c.slice(0, n - out.length));
    }
    return out;
  }

  /** Removes the oldest `n` samples. */
  drop(n: number): void {
    let left = Math.min(n, this.count);
    this.count -= left;
    while (left > 0) {
      const first = this.chunks[0] as Sample[];
      if (first.length <= left) {
        this.chunks.shift();
        left -= first.length;
      } else {
        this.chunks[0] = first.slice(left);
        left = 0;
      }
    }
  }

  get size(): number {
    return this.count;
  }
}

const PARTITION_CHECK_MS = 3600_000;

export class SampleWriter {
  private readonly buffer: SampleBuffer;
  private readonly s: Omit<WriterStats, 'buffered'> = { written: 0, dropped: 0, skipped: 0, failedFlushes: 0, mysqlUp: true };
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private failuresInRow = 0;
  private nextAttemptAt = 0;
  private lastPartitionCheck = 0;
  private running = false;

  constructor(
    private readonly pool: Pool,
    private readonly registry: SeriesRegistry,
    private readonly opts: WriterOptions,
    private readonly log: Logger,
  ) {
    this.buffer = new SampleBuffer(opts.bufferMaxSamples);
  }

  /** Never blocks, never throws. */
  enqueue(samples: Sample[]): void {
    const dropped = this.buffer.push(samples);
    if (dropped > 0) {
      if (this.s.dropped === 0 || Math.floor((this.s.dropped + dropped) / 100_000) > Math.floor(this.s.dropped / 100_000)) {
        this.log.warn('sample buffer full: oldest samples dropped', { dropped: this.s.dropped + dropped, bufferMaxSamples: this.opts.bufferMaxSamples });
      }
      this.s.dropped += dropped;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = (): void => {
      if (!this.running) return;
      void this.flush().finally(() => {
        if (this.running) this.timer = setTimeout(tick, this.opts.flushIntervalMs);
      });
    };
    this.timer = setTimeout(tick, this.opts.flushIntervalMs);
  }

  /** Writes everything buffered now (unless MySQL is in backoff). Concurrent calls share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Stops the loop and tries to write what is left until `deadlineMs`; what cannot be written is reported. Idempotent. */
  async stop(deadlineMs = 5000): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const until = Date.now() + deadlineMs;
    while (this.buffer.size > 0 && Date.now() < until) {
      this.nextAttemptAt = 0;
      await this.flush();
      if (this.buffer.size > 0) await new Promise((r) => setTimeout(r, 200));
    }
    if (wasRunning && this.buffer.size > 0) this.log.error('stopped with unwritten samples (lost)', { samples: this.buffer.size });
  }

  stats(): WriterStats {
    return { buffered: this.buffer.size, ...this.s };
  }

  private async drain(): Promise<void> {
    if (Date.now() < this.nextAttemptAt) return;
    try {
      if (Date.now() - this.lastPartitionCheck > PARTITION_CHECK_MS) {
        await ensurePartitions(this.pool, Math.floor(Date.now() / 1000));
        this.lastPartitionCheck = Date.now();
      }
      while (this.buffer.size > 0) {
        const batch = this.buffer.peek(this.opts.batchSize);
        await this.writeBatch(batch);
        this.buffer.drop(batch.length);
      }
      this.s.lastFlushAt = Date.now();
      if (!this.s.mysqlUp) this.log.info('MySQL is back: buffered samples written', { written: this.s.written });
      this.s.mysqlUp = true;
      this.s.lastError = undefined;
      this.failuresInRow = 0;
    } catch (err) {
      const e = toStoreError(err);
      this.s.failedFlushes += 1;
      this.failuresInRow += 1;
      this.s.lastError = e.message;
      if (this.s.mysqlUp) this.log.warn('MySQL unavailable: samples kept in memory until it is back', { error: e.message, code: e.code, buffered: this.buffer.size });
      this.s.mysqlUp = false;
      this.nextAttemptAt = Date.now() + backoffMs(this.failuresInRow, 500, this.opts.maxBackoffMs ?? 30_000);
    }
  }

  private async writeBatch(batch: Sample[]): Promise<void> {
    const ids = await this.registry.resolve(batch);
    const rows: [number, number, number][] = [];
    batch.forEach((s, i) => {
      const id = ids[i];
      if (id === undefined || !Number.isFinite(s.value)) this.s.skipped += 1;
      else rows.push([id, Math.floor(s.ts / 1000), s.value]);
    });
    if (rows.length > 0) {
      // IGNORE: a second value for the same (series, second) keeps the first one.
      await this.pool.query('INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?', [rows]);
    }
    this.s.written += rows.length;
  }
}
