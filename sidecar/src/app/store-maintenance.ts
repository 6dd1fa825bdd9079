/**
 * Upkeep of the time-series tables, on the sidecar's schedule: partitions added ahead and expired
 * ones dropped (`retention` job), closed days compacted (`compaction` job), and at start the
 * rollups a previous run left undone (start(), in the background, when `repairAtStart` is given).
 * Each works on the pool it is given and never throws into the scheduler other than as a failed run.
 */
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config/schema';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import { compactClosedDays, type CompactionResult } from '../store/partition-compaction';
import { ROLLUP_SETTLE_S } from '../store/resolution';
import { applyTableRetention, type TableRetention } from '../store/rollup-retention';
import { rebuildRollups } from '../store/rollup-store';
import type { StatusStore } from '../store/status-store';

export class StoreMaintenance implements Lifecycle {
  readonly name = 'maintenance';

  /** @param repairAtStart where start() reads the previous run's last collection from (none: no repair, e.g. `collect --once`). */
  constructor(
    private readonly pool: Pool,
    private readonly retention: Config['retention'],
    private readonly log: Logger,
    private readonly repairAtStart?: StatusStore,
  ) {}

  /** Repairs the previous run's rollups in the background (see repairRecentRollups); never waits for it. */
  start(): Promise<void> {
    if (this.repairAtStart) this.repairRecentRollups(this.repairAtStart);
    return Promise.resolve();
  }

  /** Nothing to release: the jobs' work is done by the scheduler's runs. */
  stop(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Partitions of FL_DOF_SAMPLE and its rollups: the next days/months added ahead, those wholly older
   * than retention.rawDays / minuteDays / hourDays dropped (DROP PARTITION, not DELETE).
   * `added`/`dropped` are FL_DOF_SAMPLE's; `tables` has every table.
   */
  async applyRetention(now = Date.now()): Promise<{ added: string[]; dropped: string[]; tables: TableRetention[] }> {
    const tables = await applyTableRetention(this.pool, Math.floor(now / 1000), this.retention);
    const raw = tables.find((t) => t.table === 'FL_DOF_SAMPLE') ?? { added: [], dropped: [] };
    if (tables.some((t) => t.added.length || t.dropped.length)) this.log.info('partitions maintained', { tables, retention: this.retention });
    return { added: raw.added, dropped: raw.dropped, tables };
  }

  /**
   * Closed days of FL_DOF_SAMPLE not compacted yet, rewritten with full pages one after the other
   * (store/partition-compaction.ts: online, nothing lost). Skipped when another sidecar is at it.
   */
  async compactClosedDays(now = Date.now()): Promise<CompactionResult[]> {
    const done = await compactClosedDays(this.pool, Math.floor(now / 1000));
    for (const r of done) {
      const fields = {
        partition: r.partition,
        rows: r.rows,
        bytesBefore: r.bytesBefore,
        bytesAfter: r.bytesAfter,
        tookMs: r.tookMs,
        rowsCopiedBack: r.rowsCopiedBack,
      };
      if (r.outcome === 'compacted') this.log.info('closed day compacted', fields);
      else this.log.warn('closed day still receiving rows: compaction left for the next run', fields);
    }
    return done;
  }

  /**
   * Minutes an earlier run had not rolled up yet when it stopped abruptly (the settler keeps due
   * buckets in memory): recomputed from raw around that run's last collection, read from the status
   * table, in the background. Idempotent; older gaps: `doflamingo rebuild-rollups`.
   */
  repairRecentRollups(status: StatusStore): void {
    const pool = this.pool;
    const started = Date.now();
    void status
      .lastRunAt()
      .then(async (lastMs) => {
        if (lastMs === undefined) return;
        const lastSec = Math.floor(lastMs / 1000);
        await rebuildRollups(pool, lastSec - ROLLUP_SETTLE_S - 60, lastSec + 60);
        this.log.debug('rollups of the previous run rebuilt', { around: new Date(lastMs).toISOString(), ms: Date.now() - started });
      })
      .catch((err: unknown) =>
        this.log.warn('rollups of the previous run not rebuilt (retry with doflamingo rebuild-rollups)', {
          error: err instanceof Error ? err.message : String(err),
        }),
      );
  }
}
