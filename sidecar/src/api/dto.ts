/**
 * JSON shapes of the REST API v1 (docs/api.md). The panels mirror them in
 * ui-sencha/src/types/api.d.ts; change both together. Times are ms since epoch.
 */
import type { WebhookStats } from '../core/webhook-stats';
import type { Labels, MetricType, TargetKind } from '../core/model';
import type { JobStats } from '../core/job-stats';

export type View = 'kafka' | 'zookeeper';
export const VIEWS: readonly View[] = ['kafka', 'zookeeper'];

export type TargetState = 'up' | 'down' | 'unknown';

export type Agg = 'avg' | 'min' | 'max' | 'sum' | 'last';
export const AGGS: readonly Agg[] = ['avg', 'min', 'max', 'sum', 'last'];

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
  state: TargetState;
  since: number | null;
  lastRunAt: number | null;
  lastOkAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  origin: 'config' | 'discovered';
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
  kind: string;
  severity: string;
  subject: string;
  ruleId: string | null;
  /** Metric the event is about, when known (alert events: the rule's metric). */
  metric: string | null;
  value: number | null;
  message: string;
}

/** Health of one target as the collector keeps it (a superset of app/target-health TargetHealth fields). */
export interface TargetHealthDto {
  clusterId: string;
  target: string;
  job?: string;
  kind?: TargetKind;
  state: TargetState;
  since: number;
  lastRunAt?: number;
  lastOkAt?: number;
  lastDurationMs?: number;
  lastError?: string;
  consecutiveFailures?: number;
  runs?: number;
  failures?: number;
}

export interface WriterStatusDto {
  buffered: number;
  written: number;
  dropped: number;
  mysqlUp: boolean;
  lastError: string | null;
}

/** `GET /status` */
export interface StatusDto {
  jobs: JobStats[];
  targets: TargetHealthDto[];
  writer: WriterStatusDto;
  /** Each configured webhook: state ok/failing/rejected, sent, failed, dropped, queued, retries, last error (host only, never the URL). */
  webhooks: WebhookStats[];
}
