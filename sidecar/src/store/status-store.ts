/** FL_DOF_COLLECTOR_STATUS: the last collection of every job and target (`doflamingo status`). */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import { toStoreError } from './pool';

/**
 * One row of FL_DOF_COLLECTOR_STATUS. Targets have state up/down/unknown; the row describing
 * a job itself has target '' and state ok/failing. Times are ms since epoch.
 */
export interface StatusRow {
  job: string;
  clusterId: string;
  /** '' for the row describing the job itself. */
  target: string;
  state: string;
  /** Target kind from FL_DOF_TARGET (read only; absent for job rows and unknown targets). */
  kind?: string;
  lastRunAt?: number | null;
  lastOkAt?: number | null;
  lastDurationMs?: number | null;
  lastError?: string | null;
  consecutiveFailures: number;
  runs: number;
  failures: number;
  skippedTicks?: number | null;
  misfires?: number | null;
  /** When the row was last written (read only). */
  updatedAt?: number;
}

/**
 * Reads and writes FL_DOF_COLLECTOR_STATUS. Writes are best effort: they never throw and never
 * fail a collection; a failure is logged once per outage (and once when writes work again).
 */
export class StatusStore {
  private failing = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {}

  /** Upserts job rows (target ''). Resolves even when MySQL is down. */
  recordJobs(rows: StatusRow[]): Promise<void> {
    return this.upsert(rows);
  }

  /** Upserts target rows. Resolves even when MySQL is down. */
  recordTargets(rows: StatusRow[]): Promise<void> {
    return this.upsert(rows);
  }

  /** Every status row with its target kind, ordered by cluster, job, target (for `doflamingo status`). Throws StoreError. */
  async readStatus(): Promise<StatusRow[]> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>(
        `SELECT s.*, t.kind, UNIX_TIMESTAMP(s.updated_at) * 1000 AS updated_ms
           FROM FL_DOF_COLLECTOR_STATUS s
           LEFT JOIN FL_DOF_TARGET t ON t.cluster_id = s.cluster_id AND t.target_key = s.target_key
          ORDER BY s.cluster_id, s.job, s.target_key`,
      );
      return rows.map((r) => ({
        job: String(r.job),
        clusterId: String(r.cluster_id),
        target: String(r.target_key),
        state: String(r.state),
        kind: r.kind === null || r.kind === undefined ? undefined : String(r.kind),
        lastRunAt: num(r.last_run_at),
        lastOkAt: num(r.last_ok_at),
        lastDurationMs: num(r.last_duration_ms),
        lastError: r.last_error === null ? null : String(r.last_error),
        consecutiveFailures: Number(r.consecutive_failures),
        runs: Number(r.runs),
        failures: Number(r.failures),
        skippedTicks: num(r.skipped_ticks),
        misfires: num(r.misfires),
        updatedAt: Number(r.updated_ms),
      }));
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** When the last collection run of any job started (ms), from an earlier run of the sidecar too; undefined when none. Throws StoreError. */
  async lastRunAt(): Promise<number | undefined> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>('SELECT MAX(last_run_at) AS last FROM FL_DOF_COLLECTOR_STATUS');
      return num(rows[0]?.last) ?? undefined;
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** Best effort: a status write never fails a collection; failures are logged once per outage. */
  private async upsert(rows: StatusRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((r) => [
      r.job,
      r.clusterId,
      r.target,
      r.state,
      r.lastRunAt ?? null,
      r.lastOkAt ?? null,
      r.lastDurationMs ?? null,
      r.lastError ? r.lastError.slice(0, 1000) : null,
      r.consecutiveFailures,
      r.runs,
      r.failures,
      r.skippedTicks ?? null,
      r.misfires ?? null,
    ]);
    try {
      await this.pool.query(
        `INSERT INTO FL_DOF_COLLECTOR_STATUS (job, cluster_id, target_key, state, last_run_at, last_ok_at, last_duration_ms,
            last_error, consecutive_failures, runs, failures, skipped_ticks, misfires) VALUES ?
         ON DUPLICATE KEY UPDATE state = VALUES(state), last_run_at = VALUES(last_run_at), last_ok_at = VALUES(last_ok_at),
           last_duration_ms = VALUES(last_duration_ms), last_error = VALUES(last_error),
           consecutive_failures = VALUES(consecutive_failures), runs = VALUES(runs), failures = VALUES(failures),
           skipped_ticks = VALUES(skipped_ticks), misfires = VALUES(misfires), updated_at = CURRENT_TIMESTAMP`,
        [values],
      );
      if (this.failing) this.log.info('collector status writes work again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn('cannot write collector status', { error: toStoreError(err).message });
      this.failing = true;
    }
  }
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
