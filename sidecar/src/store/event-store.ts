/** FL_DOF_EVENT (the timeline) and FL_DOF_ALERT_STATE (pending/firing alerts that survive a restart). */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { AlertState } from '../alerts/evaluate';
import type { Logger } from '../log/logger';
import { toStoreError } from './pool';

export interface TimelineEvent {
  clusterId: string;
  ts: number;
  kind:
    | 'alert-fired'
    | 'alert-resolved'
    | 'target-down'
    | 'target-up'
    | 'target-joined'
    | 'target-left'
    // Kafka state in ZooKeeper (events/state-diff.ts)
    | 'controller-changed'
    | 'partition-leader-changed'
    | 'isr-shrink'
    | 'isr-expand'
    | 'partition-offline'
    | 'partition-online'
    // landed samples (events/sample-trackers.ts)
    | 'unclean-election'
    | 'zk-leader-changed'
    | 'group-rebalance'
    | 'group-status-changed'
    // scheduled jobs (events/job-failures.ts)
    | 'job-failing'
    | 'job-recovered';
  severity: 'info' | 'warning' | 'critical';
  subject: string;
  ruleId?: string;
  value?: number;
  message: string;
}

export class EventStore {
  private failing = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {}

  /** Best effort, like status writes: a failure is logged once per outage and never thrown. */
  async append(events: TimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.guard(() =>
      this.pool.query('INSERT INTO FL_DOF_EVENT (cluster_id, ts, kind, severity, subject, rule_id, value, message) VALUES ?', [
        events.map((e) => [e.clusterId, e.ts, e.kind, e.severity, e.subject.slice(0, 300), e.ruleId ?? null, e.value ?? null, e.message.slice(0, 1000)]),
      ]),
    );
  }

  async events(clusterId: string, fromMs: number, toMs: number, limit: number): Promise<TimelineEvent[]> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>(
        'SELECT * FROM FL_DOF_EVENT WHERE cluster_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC, event_id DESC LIMIT ?',
        [clusterId, fromMs, toMs, limit],
      );
      return rows.map((r) => ({
        clusterId: String(r.cluster_id),
        ts: Number(r.ts),
        kind: r.kind as TimelineEvent['kind'],
        severity: r.severity as TimelineEvent['severity'],
        subject: String(r.subject),
        ...(r.rule_id !== null ? { ruleId: String(r.rule_id) } : {}),
        ...(r.value !== null ? { value: Number(r.value) } : {}),
        message: String(r.message),
      }));
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** Replaces the stored alert states of one cluster with `states` (pending and firing only). */
  async saveAlertStates(clusterId: string, states: AlertState[]): Promise<void> {
    await this.guard(async () => {
      const conn = await this.pool.getConnection();
      try {
        await conn.beginTransaction();
        await conn.query('DELETE FROM FL_DOF_ALERT_STATE WHERE cluster_id = ?', [clusterId]);
        if (states.length) {
          await conn.query('INSERT INTO FL_DOF_ALERT_STATE (cluster_id, rule_id, subject, status, active_since, fired_at, value) VALUES ?', [
            states.map((s) => [clusterId, s.ruleId, s.subject.slice(0, 300), s.status, s.activeSince ?? s.lastEvalAt, s.firedAt ?? null, s.value ?? null]),
          ]);
        }
        await conn.commit();
      } catch (err) {
        await conn.rollback().catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    });
  }

  async loadAlertStates(clusterId: string): Promise<AlertState[]> {
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>('SELECT * FROM FL_DOF_ALERT_STATE WHERE cluster_id = ?', [clusterId]);
      return rows.map((r) => ({
        ruleId: String(r.rule_id),
        subject: String(r.subject),
        status: r.status === 'firing' ? 'firing' : 'pending',
        activeSince: Number(r.active_since),
        ...(r.fired_at !== null ? { firedAt: Number(r.fired_at) } : {}),
        ...(r.value !== null ? { value: Number(r.value) } : {}),
        lastEvalAt: Number(r.active_since),
      }));
    } catch (err) {
      throw toStoreError(err);
    }
  }

  private async guard(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      if (this.failing) this.log.info('event/alert writes work again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn('cannot write events/alert state', { error: toStoreError(err).message });
      this.failing = true;
    }
  }
}
