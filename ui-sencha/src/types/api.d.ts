/**
 * Shapes of the Doflamingo sidecar API v1 (docs/api.md). The sidecar's own definitions live in
 * sidecar/src/api/events.ts; these mirror the fields the panels read.
 */
type DfTargetKind = 'kafka-broker' | 'zookeeper' | 'kafka-client';
type DfTargetState = 'up' | 'down' | 'unknown';
type DfView = 'kafka' | 'zookeeper';

interface DfTarget {
  key: string;
  kind: DfTargetKind;
  state: DfTargetState;
  since?: number | null;
  lastRunAt?: number | null;
  lastOkAt?: number | null;
  lastDurationMs?: number | null;
  lastError?: string | null;
  origin?: string;
}

interface DfSample {
  metric: string;
  target: string;
  labels: Record<string, string>;
  ts: number;
  value: number;
}

interface DfSnapshot {
  cluster: string;
  view: DfView;
  ts: number;
  targets: DfTarget[];
  samples: DfSample[];
}

interface DfSeries {
  target?: string;
  labels?: Record<string, string>;
  points: Array<[number, number]>;
}

interface DfSeriesResponse {
  metric: string;
  unit?: string;
  from: number;
  to: number;
  step: number;
  series: DfSeries[];
}

type DfPartitionStatus = 'OK' | 'WARN' | 'REWIND' | 'STALL' | 'STOP';

interface DfPartitionLag {
  partition: number;
  committed: number;
  logEnd: number;
  lag: number;
  /** Burrow partition status (null before the window has data). */
  status: DfPartitionStatus | null;
}

interface DfConsumerGroup {
  group: string;
  state: string;
  /** Burrow-style group status and the worst partition status (why it is WARN/ERR). */
  status: 'OK' | 'WARN' | 'ERR' | null;
  worstPartition: DfPartitionStatus | null;
  members: number;
  totalLag: number;
  ts: number;
  topics: Array<{ topic: string; lag: number; partitions: DfPartitionLag[] }>;
}

/** One event of the timeline (GET /clusters/:cid/events item, socket `event` message). */
interface DfEvent {
  id: number | null;
  ts: number;
  kind: string;
  severity: string;
  subject: string;
  ruleId: string | null;
  metric?: string | null;
  value: number | null;
  message: string;
}

/** An alert rule (GET /clusters/:cid/rules). */
interface DfRule {
  id: string;
  name: { en: string; ko: string };
  metric: string;
  kind?: DfTargetKind;
  target?: string;
  labels?: Record<string, string>;
  scope: 'series' | 'cluster';
  agg?: string;
  op: string;
  threshold: number;
  forMs: number;
  severity: 'warning' | 'critical';
  enabled: boolean;
  origin: 'builtin' | 'custom';
  modified: boolean;
  defaults?: { threshold: number; forMs: number; severity: string; enabled: boolean };
}

/** A pending or firing alert (GET /clusters/:cid/alerts). */
interface DfAlert {
  ruleId: string;
  severity: string;
  subject: string;
  status: 'pending' | 'firing';
  activeSince?: number;
  firedAt?: number | null;
  value?: number | null;
}

/** A catalogue entry (GET /catalog). */
interface DfCatalogEntry {
  id: string;
  appliesTo: DfTargetKind;
  unit: string;
  type: string;
  description: { en: string; ko: string };
}

type DfServerMessage =
  | { type: 'snapshot'; cluster: string; view: DfView; ts: number; data: DfSnapshot }
  | { type: 'update'; cluster: string; view: DfView; ts: number; samples: DfSample[]; targets?: DfTarget[] }
  | { type: 'event'; cluster: string; event: DfEvent }
  | { type: 'error'; message: string };
