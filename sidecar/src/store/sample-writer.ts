/**
 * Writes samples to FL_DOF_SAMPLE without ever blocking collection.
 *
 * `enqueue()` only appends to an in-memory buffer and returns; it never waits and never throws.
 * A flush loop (every `flushIntervalMs`) drains the buffer in multi-row INSERTs of `batchSize`
 * rows. While MySQL is slow or down, samples STAY in the buffer and the loop retries with
 * exponential backoff plus jitter; it logs once when MySQL goes away and once when it is back,
 * not on every attempt.
 *
 * The buffer is bounded by `bufferMaxSamples`. When it is full, the OLDEST samples are dropped
 * to make room for the new ones; they are counted in `stats().dropped` and a warning is logged
 * (on the first drop of an outage and then every 100 000 dropped samples). So a long outage
 * loses its beginning, never the latest data, and memory stays bounded.
 *
 * A second value for the same (series, second) is ignored (`INSERT IGNORE`): the first one wins.
 * Daily partitions are added ahead on the first flush and then every hour (failures there are
 * logged and never hold samples back).
 *
 * Rollups (rollup-settle.ts): the (series, minute) of every row stored is remembered; after each
 * flush, closed minutes are recomputed from the raw rows into FL_DOF_SAMPLE_1M and closed hours
 * from those into FL_DOF_SAMPLE_1H. Recomputing is idempotent, so retried batches, replays after an
 * outage and late samples never count twice. A rollup failure never holds raw samples back: the
 * buckets stay due (`stats().rollupPending`), a warning is logged once, and they are tried again at
 * the next flush (or after `partitionCheckMs` when waiting will not help: table missing, no privilege).
 */
import type { Pool } from 'mysql2/promise';
import { systemClock, type Clock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import type { Sample } from '../core/model';
import { backoffMs } from '../core/backoff';
import { ensureAllPartitions } from './partitions';
import { toStoreError } from './pool';
import { RollupSettler } from './rollup-settle';
import type { SeriesRegistry } from './registry';
import { SampleBuffer } from './sample-buffer';
import { sampleRows } from './sample-rows';

export { SampleBuffer } from './sample-buffer';

/** Settings of the writer; `mysql.*` of the sidecar config fits as is. */
export interface WriterOptions {
  /** Most samples held in memory; beyond it the oldest are dropped. */
  bufferMaxSamples: number;
  /** Rows per multi-row INSERT. */
  batchSize: number;
  /** Pause between flushes, ms. */
  flushIntervalMs: number;
  /** First retry delay after a failed flush, ms (default 500). */
  minBackoffMs?: number;
  /** Longest wait between retries while MySQL is down, ms (default 30 000). */
  maxBackoffMs?: number;
  /** How often daily partitions are checked, ms (default one hour); also how long rollups stay off after a failure. */
  partitionCheckMs?: number;
  /** Maintain the 1-minute and 1-hour rollups (default true; false only for benchmarks and tools). */
  rollups?: boolean;
  /** How long stop() keeps trying to write what is buffered, ms (default 5000). */
  stopDeadlineMs?: number;
  /** Time for backoff, flush and partition bookkeeping, closed rollup buckets and the stop deadline (default the system clock; tests and benchmarks replaying time). */
  clock?: Clock;
}

/** What the writer has done since it was created. */
export interface WriterStats {
  /** Samples waiting in memory. */
  buffered: number;
  /** Rows sent to FL_DOF_SAMPLE (a duplicate (series, second) counts but is ignored by MySQL). */
  written: number;
  /** Samples thrown away because the buffer was full (the oldest ones). */
  dropped: number;
  /** Samples that had no series (unknown target/metric, labels too long), a non-finite value or an impossible time. */
  skipped: number;
  /** (series, minute) and (series, hour) pairs waiting to be rolled up (normally the last minute or two and the current hour). */
  rollupPending: number;
  /** Rollup computations that failed (see the log); their buckets stay pending. */
  rollupFailures: number;
  /** Flushes that failed (MySQL unreachable, lost connection...). */
  failedFlushes: number;
  /** False from the first failed flush until the next successful one. */
  mysqlUp: boolean;
  /** Message of the last failure, cleared when a flush succeeds. */
  lastError?: string;
  /** End of the last successful flush, ms since epoch. */
  lastFlushAt?: number;
}

export class SampleWriter implements Lifecycle {
  readonly name = 'writer';
  private readonly buffer: SampleBuffer;
  private readonly s: Omit<WriterStats, 'buffered'> = {
    written: 0,
    dropped: 0,
    skipped: 0,
    rollupPending: 0,
    rollupFailures: 0,
    failedFlushes: 0,
    mysqlUp: true,
  };
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private failuresInRow = 0;
  private nextAttemptAt = 0;
  private lastPartitionCheck = -Infinity;
  private partitionsFailing = false;
  private rollupsOffUntil = 0;
  private rollupsFailing = false;
  private readonly rollups: RollupSettler;
  private readonly clock: Clock;
  private running = false;
  private stopped = false;
  private stopping?: Promise<void>;

  /**
   * @param pool where rows go; can be replaced later with {@link setPool}.
   * @param registry resolves samples to series ids (creating series as needed).
   */
  constructor(
    private pool: Pool,
    private readonly registry: SeriesRegistry,
    private readonly opts: WriterOptions,
    private readonly log: Logger,
  ) {
    this.buffer = new SampleBuffer(opts.bufferMaxSamples);
    this.clock = opts.clock ?? systemClock;
    this.rollups = new RollupSettler(Math.max(100_000, opts.bufferMaxSamples));
  }

  /** Buffers samples for the next flush. Never blocks, never throws; when the buffer is full the oldest samples are dropped. */
  enqueue(samples: Sample[]): void {
    try {
      if (!Array.isArray(samples) || samples.length === 0) return;
      const dropped = this.buffer.push(samples);
      if (dropped === 0) return;
      const before = this.s.dropped;
      this.s.dropped += dropped;
      if (before === 0 || Math.floor(this.s.dropped / 100_000) > Math.floor(before / 100_000)) {
        this.log.warn('sample buffer full: oldest samples dropped', { dropped: this.s.dropped, bufferMaxSamples: this.opts.bufferMaxSamples });
      }
    } catch {
      // enqueue must never throw into a collector; a broken input is simply not stored.
    }
  }

  /**
   * Points the writer at another pool (e.g. re-created after a password change). The buffer is
   * kept; the next flush is attempted at once. The old pool is not closed here.
   */
  setPool(pool: Pool): void {
    this.pool = pool;
    this.nextAttemptAt = 0;
    this.lastPartitionCheck = -Infinity;
    this.rollupsOffUntil = 0;
  }

  /** Starts the flush loop. Idempotent; a stopped writer does not start again. */
  async start(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    const tick = (): void => {
      if (!this.running) return;
      void this.flush().finally(() => {
        if (this.running) this.timer = setTimeout(tick, this.opts.flushIntervalMs);
      });
    };
    this.timer = setTimeout(tick, this.opts.flushIntervalMs);
  }

  /** Writes everything buffered now (returns at once while a retry backoff is running). Concurrent calls share one flush. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /**
   * Stops the loop and tries to write what is left until `stopDeadlineMs` has passed (ignoring the
   * backoff); samples still unwritten then are reported in the log and lost. Idempotent: every
   * call returns the same promise, resolved when the final flush is over.
   */
  stop(): Promise<void> {
    this.stopping ??= this.finish(this.opts.stopDeadlineMs ?? 5000);
    return this.stopping;
  }

  private async finish(deadlineMs: number): Promise<void> {
    this.stopped = true;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const until = this.clock.now() + deadlineMs;
    while (this.buffer.size > 0 && this.clock.now() < until) {
      this.nextAttemptAt = 0;
      await raceDeadline(this.flush(), until - this.clock.now());
      if (this.buffer.size > 0 && this.clock.now() < until) await sleep(Math.min(200, until - this.clock.now()));
    }
    if (this.buffer.size > 0) this.log.error('writer stopped with unwritten samples (lost)', { samples: this.buffer.size, lastError: this.s.lastError });
  }

  /** A snapshot of the counters. */
  stats(): WriterStats {
    return { buffered: this.buffer.size, ...this.s, rollupPending: this.rollups.pending };
  }

  private async drain(): Promise<void> {
    if (this.clock.now() < this.nextAttemptAt) return;
    try {
      await this.maintainPartitions();
      while (this.buffer.size > 0) {
        const batch = this.buffer.peek(this.opts.batchSize);
        await this.writeBatch(batch);
        this.buffer.drop(batch.length);
      }
      this.s.lastFlushAt = this.clock.now();
      if (!this.s.mysqlUp) this.log.info('MySQL is back: buffered samples written', { written: this.s.written, failedFlushes: this.s.failedFlushes });
      this.s.mysqlUp = true;
      this.s.lastError = undefined;
      this.failuresInRow = 0;
      // after the raw rows are safe (never throws: a failure leaves the buckets pending)
      await this.settleRollups();
    } catch (err) {
      const e = toStoreError(err);
      this.s.failedFlushes += 1;
      this.failuresInRow += 1;
      this.s.lastError = e.message;
      if (this.s.mysqlUp)
        this.log.warn('MySQL unavailable: samples kept in memory until it is back', {
          error: e.message,
          code: e.code,
          retriable: e.retriable,
          buffered: this.buffer.size,
        });
      this.s.mysqlUp = false;
      this.nextAttemptAt = this.clock.now() + backoffMs(this.failuresInRow - 1, this.opts.minBackoffMs ?? 500, this.opts.maxBackoffMs ?? 30_000);
    }
  }

  /** Adds daily partitions ahead, at most once per `partitionCheckMs`; a failure is logged once and retried later. */
  private async maintainPartitions(): Promise<void> {
    if (this.clock.now() - this.lastPartitionCheck < (this.opts.partitionCheckMs ?? 3_600_000)) return;
    try {
      const byTable = await ensureAllPartitions(this.pool, Math.floor(this.clock.now() / 1000));
      this.lastPartitionCheck = this.clock.now();
      const added = Object.entries(byTable).flatMap(([table, names]) => names.map((n) => `${table}.${n}`));
      if (added.length) this.log.info('partitions added', { added });
      if (this.partitionsFailing) this.log.info('daily partitions can be added again');
      this.partitionsFailing = false;
    } catch (err) {
      const e = toStoreError(err);
      // A retriable failure means MySQL is away: let the INSERT below report it. Otherwise
      // (no ALTER privilege, table not partitioned) keep writing and check again in an hour.
      if (e.retriable) throw e;
      this.lastPartitionCheck = this.clock.now();
      if (!this.partitionsFailing) this.log.warn('cannot add daily partitions (samples go to pmax until fixed)', { error: e.message, code: e.code });
      this.partitionsFailing = true;
    }
  }

  /** Computes the closed rollup buckets; a failure is logged once and leaves them pending (never fails the flush). */
  private async settleRollups(): Promise<void> {
    if (this.rollups.pending === 0 || this.clock.now() < this.rollupsOffUntil) return;
    try {
      await this.rollups.settle(this.pool, Math.floor(this.clock.now() / 1000));
      if (this.rollupsFailing) this.log.info('rollups written again', { pending: this.rollups.pending });
      this.rollupsFailing = false;
    } catch (err) {
      const e = toStoreError(err);
      this.s.rollupFailures += 1;
      if (!e.retriable) this.rollupsOffUntil = this.clock.now() + (this.opts.partitionCheckMs ?? 3_600_000);
      if (!this.rollupsFailing)
        this.log.warn('rollups not written (raw samples are kept; retried later)', { error: e.message, code: e.code, pending: this.rollups.pending });
      this.rollupsFailing = true;
    }
  }

  private async writeBatch(batch: Sample[]): Promise<void> {
    const ids = await this.registry.resolve(batch);
    const { rows, skipped } = sampleRows(batch, ids);
    if (rows.length > 0) {
      // IGNORE: a second value for the same (series, second) keeps the first one.
      await this.pool.query('INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value) VALUES ?', [rows]);
      if (this.opts.rollups ?? true) this.rollups.markRows(rows);
    }
    this.s.written += rows.length;
    this.s.skipped += skipped;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits for `p` but no longer than `ms`. */
async function raceDeadline(p: Promise<void>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (t = setTimeout(r, Math.max(0, ms))))]);
  if (t) clearTimeout(t);
}
