/**
 * What the API needs from the rest of the sidecar, as interfaces the coordinator wires:
 * a ReadModel answering queries (MySQL: read-model-mysql.ts) and a LiveFeed announcing
 * every collection as it lands. Read models signal problems by throwing ApiError
 * (404 unknown cluster/metric, 503 store down); anything else becomes a generic 500.
 */
import type { Labels, Sample, TargetKind } from '../core/model';
import type { TargetHealthReport } from '../core/target-health';
import type { RuleView } from '../core/alert';
import type { AlertDto, EventDto, Agg, CatalogDto, ClusterDto, ConsumerGroupDto, SeriesResponseDto, SnapshotDto, StatusDto, TargetDto, View } from './dto';

export interface SnapshotQuery {
  cluster: string;
  view: View;
  /** Include per-partition series (other than consumer-group lag). */
  partitions: boolean;
  /** ms since epoch: the snapshot as of then (time machine); absent = now. */
  at?: number;
}

export interface ConsumerGroupsQuery {
  cluster: string;
  /** ms since epoch: the groups as of then (time machine); absent = now. */
  at?: number;
}

export interface SeriesQuery {
  cluster: string;
  metric: string;
  /** Target keys; empty = every target. */
  targets: string[];
  /** Only targets of this kind as the store knows them (every target ever registered, not only the live ones). */
  kind?: TargetKind;
  /** Exact label matches. */
  labels: Labels;
  /** ms since epoch, from < to. */
  from: number;
  to: number;
  /** Bucket width in seconds. */
  step: number;
  agg: Agg;
  /** null = no summing; [] = everything summed into one series; else dims kept (`target` or label names). */
  by: string[] | null;
  maxPoints: number;
}

export interface EventsQuery {
  cluster: string;
  from: number;
  to: number;
  limit: number;
  /** Only these severities; empty = all. */
  severities: string[];
  /** Only these kinds; empty = all. */
  kinds: string[];
  /** Only events whose subject contains this text. */
  subject?: string;
}

export interface ReadModel {
  clusters(): Promise<ClusterDto[]>;
  /** Throws ApiError 404 for an unknown cluster. */
  targets(cluster: string): Promise<TargetDto[]>;
  catalog(): Promise<CatalogDto[]>;
  /** Throws ApiError 404 for an unknown cluster. */
  snapshot(q: SnapshotQuery): Promise<SnapshotDto>;
  /** Throws ApiError 404 for an unknown cluster or metric, 400 TOO_MANY_SERIES when the filter matches too much. */
  series(q: SeriesQuery): Promise<SeriesResponseDto>;
  /** Throws ApiError 404 for an unknown cluster. */
  consumerGroups(q: ConsumerGroupsQuery): Promise<ConsumerGroupDto[]>;
  status(): Promise<StatusDto>;
  /** Throws ApiError 404 for an unknown cluster. */
  alerts(cluster: string): Promise<AlertDto[]>;
  /** Throws ApiError 404 for an unknown cluster. */
  events(q: EventsQuery): Promise<EventDto[]>;
}

/** One landing of collected data: the samples of a collection and the health of the targets it touched. */
export interface LiveBatch {
  clusterId: string;
  samples: Sample[];
  targets: TargetHealthReport[];
}

/** Events of one cluster as they are recorded (already written when MySQL is up: they carry ids). */
export interface LiveEvents {
  clusterId: string;
  events: EventDto[];
}

export interface LiveFeed {
  /** Calls `listener` for every batch as it lands; returns the unsubscribe function. */
  onBatch(listener: (b: LiveBatch) => void): () => void;
  /** Calls `listener` for every group of events recorded; returns the unsubscribe function. */
  onEvents?(listener: (e: LiveEvents) => void): () => void;
}

/**
 * Alert rule administration (app/rule-service.ts fits). Throws RuleChangeError (alerts/rule-error.ts)
 * for bad input (400) and unknown cluster/rule (404); store errors become 503.
 */
export interface RuleAdmin {
  list(cluster: string): RuleView[];
  update(cluster: string, ruleId: string, body: unknown): Promise<RuleView>;
  create(cluster: string, body: unknown): Promise<RuleView>;
  remove(cluster: string, ruleId: string): Promise<RuleView | { deleted: true }>;
}
