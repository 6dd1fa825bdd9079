/**
 * The wire: JSON shapes of the REST API v1 and the messages of the live socket (docs/api.md),
 * the one definition the sidecar and the panels share (ui-sencha/src/types/api.d.ts names them
 * for the panels). Types only, built on core/ types only: a declaration file, so the panels'
 * compiler reads it without emitting it. Times are ms since epoch.
 */
import type { RuleView } from '../core/alert';
import type { JobStats } from '../core/job-stats';
import type { Labels, MetricType, Target, TargetKind } from '../core/model';
import type { HealthState, TargetHealthReport } from '../core/target-health';
import type { EventKind, EventSeverity } from '../core/timeline-event';
import type { WebhookStats } from '../core/webhook-stats';

export type View = 'kafka' | 'zookeeper';

export type Agg = 'avg' | 'min' | 'max' | 'sum' | 'last';

/** `GET /health` */
export interface HealthDto {
  ok: true;
  version: string;
}

/** `GET /clusters` */
export interface ClusterDto {
  id: string;
  name: string;
  targets: number;
  up: number;
  down: number;
}

/** `GET /clusters/:cid/targets`, and `targets` of snapshots and updates. */
export interface TargetDto {
  key: string;
  kind: TargetKind;
  /** Merged over the jobs that collect the target (api/target-view.ts). */
  state: HealthState;
  since: number | null;
  lastRunAt: number | null;
  lastOkAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** Values the target answered that were rejected (not finite, outside their catalogue bounds) since start, over its jobs. */
  rejected: number;
  /** Why the last rejected value was, e.g. `jvm.os.process_cpu_load: 42.5 above 1.05`. */
  lastRejectReason: string | null;
  origin: Target['origin'];
}

/** `GET /catalog` */
export interface CatalogDto {
  id: string;
  appliesTo: TargetKind;
  unit: string;
  type: MetricType;
  description: { en: string; ko: string };
  proposal: number[];
  origin: 'builtin' | 'config';
}

/** A latest value (snapshot, update). */
export interface SampleDto {
  metric: string;
  target: string;
  labels: Labels;
  ts: number;
  value: number;
}

/** `GET /clusters/:cid/snapshot` */
export interface SnapshotDto {
  cluster: string;
  view: View;
  ts: number;
  targets: TargetDto[];
  samples: SampleDto[];
}

/** One line of a series answer; `target` is absent when summed away by `by`. */
export interface SeriesDto {
  target?: string;
  labels: Labels;
  points: Array<[number, number]>;
}

/** `GET /clusters/:cid/series` */
export interface SeriesResponseDto {
  metric: string;
  unit: string;
  from: number;
  to: number;
  /** Bucket width in seconds. */
  step: number;
  agg: Agg;
  /** Table the points were read from: raw samples, 1-minute or 1-hour rollups (chosen by step and retention). */
  source?: 'raw' | '1m' | '1h';
  series: SeriesDto[];
}

/** Burrow partition status (collector/lag/lag-status.ts). */
export type PartitionStatusName = 'OK' | 'WARN' | 'REWIND' | 'STALL' | 'STOP';

export interface PartitionLagDto {
  partition: number;
  committed: number | null;
  logEnd: number | null;
  lag: number;
  /** Burrow partition status (null before the window has data). */
  status: PartitionStatusName | null;
}

/** `GET /clusters/:cid/consumer-groups` */
export interface ConsumerGroupDto {
  group: string;
  state: string;
  /** Burrow-style status of the group's consumption (null before the windows have data). */
  status: 'OK' | 'WARN' | 'ERR' | null;
  /** The worst partition status: why the group is WARN or ERR. */
  worstPartition: PartitionStatusName | null;
  members: number | null;
  totalLag: number;
  ts: number;
  topics: Array<{ topic: string; lag: number; partitions: PartitionLagDto[] }>;
}

/** `GET /clusters/:cid/alerts`: a pending or firing alert. */
export interface AlertDto {
  ruleId: string;
  name: { en: string; ko: string };
  severity: string;
  subject: string;
  status: 'pending' | 'firing' | 'inactive';
  activeSince: number | null;
  firedAt: number | null;
  value: number | null;
}

/** `GET /clusters/:cid/events`: one entry of the event timeline, newest first. */
export interface EventDto {
  /** Event number (FL_DOF_EVENT.event_id), increasing in the order written; null on the socket while MySQL cannot take the event yet. */
  id: number | null;
  ts: number;
  kind: EventKind;
  severity: EventSeverity;
  subject: string;
  ruleId: string | null;
  /** Metric the event is about, when known (alert events: the rule's metric). */
  metric: string | null;
  value: number | null;
  message: string;
}

export interface WriterStatusDto {
  buffered: number;
  written: number;
  dropped: number;
  mysqlUp: boolean;
  lastError: string | null;
}

export interface SeriesLimitsStatusDto {
  /** Samples dropped since start. */
  dropped: number;
  /** Dropped since start per `cluster/target`. */
  droppedByTarget: Record<string, number>;
  /** Limits dropping samples now: per target per cycle, or per cluster (no `target`). */
  limited: { scope: 'target' | 'cluster'; clusterId: string; target?: string; limit: number; since: number; dropped: number }[];
}

/** Timeline events the event store holds back or gave up on (store/event-store.ts). */
export interface EventsStatusDto {
  /** Waiting for MySQL (written in order once it answers). */
  pending: number;
  /** Dropped because more than 10,000 waited. */
  dropped: number;
  /** Event and alert-state rows MySQL refused for good (a bad value, not an outage): dropped so they never block the others. */
  refused: number;
}

/** `GET /status` */
export interface StatusDto {
  jobs: JobStats[];
  /** Each target's health per job, as the collector keeps it. */
  targets: TargetHealthReport[];
  writer: WriterStatusDto;
  /** Each configured webhook: state ok/failing/rejected, sent, failed, dropped, queued, retries, last error (host only, never the URL). */
  webhooks: WebhookStats[];
  /** Samples dropped because their series was over a limit of `limits.*` (docs/config.md), and the limits dropping now. */
  seriesLimits: SeriesLimitsStatusDto;
  events: EventsStatusDto;
}

/** `GET /clusters/:cid/rules`: a rule with its origin and, for a built-in one, its defaults. */
export type RuleDto = RuleView;

// The live socket `/api/v1/ws`: one socket per page; channel = cluster + view.

/** Client → server. */
export interface SubscribeMessage {
  type: 'subscribe';
  cluster: string;
  view: View;
}
export interface UnsubscribeMessage {
  type: 'unsubscribe';
  cluster: string;
  view: View;
}
export type ClientMessage = SubscribeMessage | UnsubscribeMessage;

/** Server → client: the whole state of a channel, right after subscribe and after a slow client caught up. */
export interface SnapshotMessage {
  type: 'snapshot';
  cluster: string;
  view: View;
  ts: number;
  data: SnapshotDto;
}
/** Server → client: what one collection brought (samples of the view, targets of the view it touched). */
export interface UpdateMessage {
  type: 'update';
  cluster: string;
  view: View;
  ts: number;
  samples: SampleDto[];
  targets: TargetDto[];
}
/** Server → client: a message was not understood (the socket stays open). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}
/** Server → client: an event of the timeline, to every socket subscribed to any view of its cluster. */
export interface EventMessage {
  type: 'event';
  cluster: string;
  event: EventDto;
}
export type ServerMessage = SnapshotMessage | UpdateMessage | EventMessage | ErrorMessage;

/** Event map by `type`, for typed handlers. */
export interface ServerEventMap {
  snapshot: SnapshotMessage;
  update: UpdateMessage;
  event: EventMessage;
  error: ErrorMessage;
}
export interface ClientEventMap {
  subscribe: SubscribeMessage;
  unsubscribe: UnsubscribeMessage;
}
