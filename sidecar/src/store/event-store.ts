/** FL_DOF_EVENT (the timeline) and FL_DOF_ALERT_STATE (pending/firing alerts that survive a restart). */
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import type { AlertState } from '../core/alert';
import type { TimelineEvent } from '../core/timeline-event';
import { isRetriable, toStoreError } from './pool';

/** Filters of {@link EventStore.events}. */
export interface EventFilter {
  clusterId: string;
  fromMs: number;
  toMs: number;
  limit: number;
  severities?: string[];
  kinds?: string[];
  /** Subject contains this text. */
  subject?: string;
}

/** Events kept in memory while MySQL cannot take them (oldest dropped beyond this). */
export const MAX_PENDING_EVENTS = 10_000;

/** Pure: a LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Pure: a number MySQL can store, or null (NaN and ±Infinity have no DOUBLE form and fail the whole INSERT). */
export function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

const INSERT_EVENTS = 'INSERT INTO FL_DOF_EVENT (cluster_id, ts, kind, severity, subject, rule_id, value, message) VALUES ?';
const INSERT_ALERT_STATES = 'INSERT INTO FL_DOF_ALERT_STATE (cluster_id, rule_id, subject, status, active_since, fired_at, value) VALUES ?';

const eventRow = (e: TimelineEvent): unknown[] => [
  e.clusterId,
  e.ts,
  e.kind,
  e.severity,
  e.subject.slice(0, 300),
  e.ruleId ?? null,
  finiteOrNull(e.value),
  e.message.slice(0, 1000),
];

type Queryable = Pick<Pool, 'query'>;

export class EventStore {
  private failing = false;
  /** Events not written yet (MySQL down); written first by the next append. */
  private pending: TimelineEvent[] = [];
  private droppedEvents = 0;
  /** Rows MySQL refused for good (a bad value, not an outage): dropped so they never block the rows behind them. */
  private refusedRows = 0;
  private readonly refusalCodesLogged = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {}

  /**
   * Writes events (never throws). While MySQL is down they wait in memory (at most
   * MAX_PENDING_EVENTS, oldest dropped and counted) and are written, in order, by the next call
   * that reaches MySQL. Written events get their `id` set; returns the events written by this call
   * (earlier waiting ones first), empty when MySQL could not take them.
   */
  async append(events: TimelineEvent[]): Promise<TimelineEvent[]> {
    if (events.length === 0 && this.pending.length === 0) return [];
    const batch = [...this.pending, ...events];
    this.pending = [];
    let written: TimelineEvent[];
    let unwritten: TimelineEvent[] = [];
    try {
      await this.insertEvents(this.pool, batch);
      written = batch;
    } catch (err) {
      if (isRetriable(err)) {
        this.writeFailed(err);
        written = [];
        unwritten = batch;
      } else ({ written, unwritten } = await this.appendOneByOne(batch));
    }
    if (unwritten.length === 0) this.writeWorked();
    const over = unwritten.length - MAX_PENDING_EVENTS;
    if (over > 0) this.droppedEvents += over;
    this.pending = over > 0 ? unwritten.slice(over) : unwritten;
    return written;
  }

  /** One multi-row INSERT; sets the events' ids. */
  private async insertEvents(db: Queryable, events: TimelineEvent[]): Promise<void> {
    const [res] = await db.query<ResultSetHeader>(INSERT_EVENTS, [events.map(eventRow)]);
    // one multi-row INSERT gets consecutive ids (InnoDB, any auto-increment lock mode, for a "simple insert")
    events.forEach((e, i) => (e.id = res.insertId + i));
  }

  /**
   * A batch MySQL refused for good holds a poison row: each event is written on its own, those
   * refused for good are dropped and counted, the rest land. A retriable failure (the connection
   * went) stops here: that event and the ones after it wait for the next append.
   */
  private async appendOneByOne(batch: TimelineEvent[]): Promise<{ written: TimelineEvent[]; unwritten: TimelineEvent[] }> {
    const written: TimelineEvent[] = [];
    for (const [i, e] of batch.entries()) {
      try {
        await this.insertEvents(this.pool, [e]);
        written.push(e);
      } catch (err) {
        if (isRetriable(err)) {
          this.writeFailed(err);
          return { written, unwritten: batch.slice(i) };
        }
        this.refused('event', err, e.subject);
      }
    }
    return { written, unwritten: [] };
  }

  /** Counts a row refused for good; logs the first refusal of each error code. */
  private refused(what: string, err: unknown, subject: string): void {
    this.refusedRows++;
    const e = toStoreError(err);
    if (this.refusalCodesLogged.has(e.code)) return;
    this.refusalCodesLogged.add(e.code);
    this.log.warn(`${what} row refused by MySQL, dropped (later refusals with this code are only counted)`, {
      code: e.code,
      subject: subject.slice(0, 100),
      error: e.message.slice(0, 300),
    });
  }

  /** Events waiting for MySQL, events dropped because too many waited, and event/alert-state rows MySQL refused for good. */
  backlog(): { pending: number; dropped: number; refused: number } {
    return { pending: this.pending.length, dropped: this.droppedEvents, refused: this.refusedRows };
  }

  async events(f: EventFilter): Promise<TimelineEvent[]> {
    const where = ['cluster_id = ?', 'ts >= ?', 'ts < ?'];
    const params: unknown[] = [f.clusterId, f.fromMs, f.toMs];
    if (f.severities?.length) {
      where.push('severity IN (?)');
      params.push(f.severities);
    }
    if (f.kinds?.length) {
      where.push('kind IN (?)');
      params.push(f.kinds);
    }
    if (f.subject) {
      where.push('subject LIKE ?');
      params.push(containsPattern(f.subject));
    }
    params.push(f.limit);
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>(
        `SELECT * FROM FL_DOF_EVENT WHERE ${where.join(' AND ')} ORDER BY ts DESC, event_id DESC LIMIT ?`,
        params,
      );
      return rows.map((r) => ({
        id: Number(r.event_id),
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
        const rows = states.map((s) => [
          clusterId,
          s.ruleId,
          s.subject.slice(0, 300),
          s.status,
          s.activeSince ?? s.lastEvalAt,
          s.firedAt ?? null,
          finiteOrNull(s.value),
        ]);
        if (rows.length) {
          try {
            await conn.query(INSERT_ALERT_STATES, [rows]);
          } catch (err) {
            if (isRetriable(err)) throw err;
            // a refused statement is undone on its own inside the transaction: write the rows one by one, drop the poison ones
            for (const [i, row] of rows.entries()) {
              try {
                await conn.query(INSERT_ALERT_STATES, [[row]]);
              } catch (rowErr) {
                if (isRetriable(rowErr)) throw rowErr;
                this.refused('alert state', rowErr, states[i]?.subject ?? '');
              }
            }
          }
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

  /** Runs a write; true when it worked. A failure is logged once per outage and never thrown. */
  private async guard(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      this.writeWorked();
      return true;
    } catch (err) {
      this.writeFailed(err);
      return false;
    }
  }

  private writeWorked(): void {
    if (this.failing) this.log.info('event/alert writes work again');
    this.failing = false;
  }

  private writeFailed(err: unknown): void {
    if (!this.failing) this.log.warn('cannot write events/alert state', { error: toStoreError(err).message });
    this.failing = true;
  }
}
