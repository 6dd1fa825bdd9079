/**
 * Optional copy of timeline events into Flamingo 2's own FL_SYSTEM_EVENTS, the table behind its
 * notification list (columns per Flamingo's schema: CATEGORY, SERVICE, ACTION, REG_DT, STATUS,
 * MESSAGE, CAUSE, EXCEPTION, IDENTIFIER unique, USERNAME, YYYY, MM, DD). IDENTIFIER is
 * `doflamingo:<cluster>:<event id>`, so a retried copy never doubles a row (INSERT IGNORE).
 * Best effort: only events already in FL_DOF_EVENT (they have an id) are copied; a failure is
 * logged once per outage and never thrown.
 */
import type { Pool } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import type { TimelineEvent } from '../core/timeline-event';
import { toStoreError } from './pool';

export type Severity = TimelineEvent['severity'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface SystemEventRow {
  category: 'Kafka' | 'ZooKeeper';
  action: string;
  tsSec: number;
  status: string;
  message: string;
  cause: string;
  identifier: string;
}

/** Pure: the FL_SYSTEM_EVENTS row of an event, or null when it is below `minSeverity` or not written yet. */
export function systemEventRow(e: TimelineEvent, minSeverity: Severity): SystemEventRow | null {
  if (e.id === undefined || RANK[e.severity] < RANK[minSeverity]) return null;
  const zk = e.kind.startsWith('zk-') || /^zk-\d+$/.test(e.subject) || (e.ruleId ?? '').startsWith('zk-');
  return {
    category: zk ? 'ZooKeeper' : 'Kafka',
    action: e.kind,
    tsSec: Math.floor(e.ts / 1000),
    status: e.severity.toUpperCase(),
    message: `[cluster ${e.clusterId}] ${e.message}`,
    cause: e.subject,
    identifier: `doflamingo:${e.clusterId}:${e.id}`.slice(0, 255),
  };
}

export class FlamingoSystemEvents {
  private failing = false;

  constructor(
    private readonly pool: Pool,
    private readonly minSeverity: Severity,
    private readonly log: Logger,
  ) {}

  async copy(events: TimelineEvent[]): Promise<void> {
    const rows = events.map((e) => systemEventRow(e, this.minSeverity)).filter((r): r is SystemEventRow => r !== null);
    if (rows.length === 0) return;
    try {
      await this.pool.query(
        `INSERT IGNORE INTO FL_SYSTEM_EVENTS (CATEGORY, SERVICE, ACTION, REG_DT, STATUS, MESSAGE, CAUSE, EXCEPTION, IDENTIFIER, USERNAME, YYYY, MM, DD)
         VALUES ${rows.map(() => "(?, 'Doflamingo', ?, FROM_UNIXTIME(?), ?, ?, ?, NULL, ?, 'doflamingo', DATE_FORMAT(FROM_UNIXTIME(?), '%Y'), DATE_FORMAT(FROM_UNIXTIME(?), '%m'), DATE_FORMAT(FROM_UNIXTIME(?), '%d'))").join(', ')}`,
        rows.flatMap((r) => [r.category, r.action, r.tsSec, r.status, r.message, r.cause, r.identifier, r.tsSec, r.tsSec, r.tsSec]),
      );
      if (this.failing) this.log.info('events are copied to FL_SYSTEM_EVENTS again');
      this.failing = false;
    } catch (err) {
      const e = toStoreError(err);
      if (!this.failing) this.log.warn('cannot copy events to Flamingo FL_SYSTEM_EVENTS (flamingo.systemEvents)', { error: e.message, code: e.code });
      this.failing = true;
    }
  }
}
