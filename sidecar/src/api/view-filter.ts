/**
 * Which samples and targets belong to a view (docs/api.md): `kafka` = kafka-broker and
 * kafka-client targets plus the cluster-wide `kafka.consumer_group.*` / `kafka.topic.*`
 * metrics; `zookeeper` = zookeeper targets. The snapshot (MySQL) and the live updates (hub)
 * use these same functions, so both always agree.
 */
import type { Labels, TargetKind } from '../core/model';
import type { View } from './dto';

export const VIEW_KINDS: Record<View, readonly TargetKind[]> = {
  kafka: ['kafka-broker', 'kafka-client'],
  zookeeper: ['zookeeper'],
};

/** Metrics measured for the Kafka cluster as a whole (Kafka protocol), whatever target carries them. */
const KAFKA_CLUSTER_PREFIXES = ['kafka.consumer_group.', 'kafka.topic.'];

export function viewOfKind(kind: TargetKind): View {
  return kind === 'zookeeper' ? 'zookeeper' : 'kafka';
}

export function kindInView(kind: TargetKind, view: View): boolean {
  return VIEW_KINDS[view].includes(kind);
}

/**
 * The view a metric's samples belong to: cluster-wide Kafka metrics → kafka; else the kind the
 * catalogue says the metric applies to, else the kind of the target that produced it, else the
 * id's first word; null when nothing tells.
 */
export function metricView(metric: string, appliesTo?: TargetKind, targetKind?: TargetKind): View | null {
  if (KAFKA_CLUSTER_PREFIXES.some((p) => metric.startsWith(p))) return 'kafka';
  const kind = appliesTo ?? targetKind;
  if (kind) return viewOfKind(kind);
  if (metric.startsWith('zookeeper.')) return 'zookeeper';
  if (metric.startsWith('kafka.')) return 'kafka';
  return null;
}

/**
 * Per-partition series are many (one per partition and broker) and left out of snapshots and
 * updates unless asked for. Consumer-group lag per partition is kept: it is few series and the
 * panels' lag lights and charts need it.
 */
export function isPartitionSeries(metric: string, labels: Labels): boolean {
  return labels['partition'] !== undefined && !metric.startsWith('kafka.consumer_group.');
}

export interface SeriesViewInfo {
  metric: string;
  labels: Labels;
  appliesTo?: TargetKind;
  targetKind?: TargetKind;
}

export function seriesInView(view: View, s: SeriesViewInfo, partitions: boolean): boolean {
  if (metricView(s.metric, s.appliesTo, s.targetKind) !== view) return false;
  return partitions || !isPartitionSeries(s.metric, s.labels);
}
