/**
 * One entry of the event timeline (FL_DOF_EVENT): what happened, to what, how bad. Types only, so
 * the panels read the same kinds and severities.
 */

export type EventKind =
  | 'alert-fired'
  | 'alert-resolved'
  | 'target-down'
  | 'target-up'
  | 'target-joined'
  | 'target-left'
  // a discovered broker whose host is outside discovery.allow (app/collection.ts)
  | 'target-refused'
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
  | 'job-recovered'
  // new series refused / accepted again (store/series-limits.ts)
  | 'series-limit';

export type EventSeverity = 'info' | 'warning' | 'critical';

export interface TimelineEvent {
  /** FL_DOF_EVENT.event_id, set once the event is written. */
  id?: number;
  clusterId: string;
  ts: number;
  kind: EventKind;
  severity: EventSeverity;
  subject: string;
  ruleId?: string;
  value?: number;
  message: string;
}
