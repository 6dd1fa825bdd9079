/**
 * Core vocabulary shared by every module of the sidecar and by the panels: targets, catalogue
 * entries, labels and samples. Types only: a declaration file, so the panels' compiler (global
 * scripts, no modules) reads these shapes without emitting anything. Values: target.ts, collection.ts.
 */

/**
 * What kind of JVM/server a target is. `kafka-cluster` is the cluster as a whole, read
 * through the Kafka protocol (consumer-group lag); its target key is always `cluster`.
 */
export type TargetKind = 'kafka-broker' | 'zookeeper' | 'kafka-client' | 'kafka-cluster';

/** One thing we collect from. `key` is unique inside its cluster (e.g. `broker-1`, `zk-2`). */
export interface Target {
  /** Flamingo's ENGINE id the target belongs to. */
  clusterId: string;
  /** Stable name inside the cluster: `broker-1`, `zk-1`, `consumer-1`. */
  key: string;
  kind: TargetKind;
  /** Jolokia agent base URL, e.g. `http://127.0.0.1:8781/jolokia`. */
  jolokiaUrl?: string;
  /** ZooKeeper AdminServer base URL, e.g. `http://127.0.0.1:8081` (zookeeper only). */
  adminUrl?: string;
  /** ZooKeeper client address `host:port`, used for four-letter words (zookeeper only). */
  clientAddress?: string;
  /** Where the target came from. */
  origin: 'config' | 'discovered';
  /** Extra static labels (e.g. broker id) copied onto nothing but the target row. */
  attributes?: Record<string, string>;
}

export type MetricType = 'gauge' | 'counter';

/** Where a catalogue entry's value is read from. */
export type MetricSource = JmxSource | ZkCommandSource | KafkaProtocolSource;

/** Values read through the Kafka protocol (admin client), e.g. consumer-group lag. */
export interface KafkaProtocolSource {
  kind: 'kafka-protocol';
  /** What the lag collector reports: `lag`, `committed_offset`, `log_end_offset`, `group_lag`, `group_members`, `group_state`. */
  key: string;
  labelKeys?: string[];
}

export interface JmxSource {
  kind: 'jmx';
  /** MBean name or pattern (`*` allowed in key values), e.g. `kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*`. */
  mbean: string;
  /** Attribute name, e.g. `Count`, `Value`, `HeapMemoryUsage`, `records-lag-max`. */
  attribute: string;
  /** Inner path for composite values, e.g. `used` in HeapMemoryUsage. */
  path?: string;
  /** Another attribute of the same MBean subtracted from `attribute` (e.g. swap used = TotalSwapSpaceSize − FreeSwapSpaceSize). */
  subtract?: string;
  /** MBean key properties kept as labels (e.g. `['topic']`, `['topic','partition']`, `['client-id']`). */
  labelKeys?: string[];
  /** Poll with every cycle (`fast`) or every Nth cycle (`slow`, e.g. per-partition beans). */
  cadence?: 'fast' | 'slow';
}

export interface ZkCommandSource {
  kind: 'zk-command';
  /** AdminServer command (`monitor`) or four-letter word (`mntr`); keys are the mntr keys without `zk_`. */
  command: 'monitor';
  /** Key in the monitor output, without `zk_` prefix, e.g. `avg_latency`. */
  key: string;
  /** True for keys only the leader reports (learners, synced_followers, pending_syncs). */
  leaderOnly?: boolean;
}

/** One metric Doflamingo knows how to collect. The catalogue is data; operators can add entries. */
export interface CatalogEntry {
  /** Stable id, dotted lower case: `kafka.broker.under_replicated_partitions`. */
  id: string;
  /** Which target kind the entry is collected from. */
  appliesTo: TargetKind;
  source: MetricSource;
  /** Unit of the stored value (after rate conversion for counters), e.g. `bytes/s`, `ms`, `count`, `ratio`. */
  unit: string;
  /** `counter`: a monotonically increasing total; we store its per-second rate. */
  type: MetricType;
  description: { en: string; ko: string };
  /** Numbers (1..26) of the proposal's metric table this entry covers. */
  proposal?: number[];
  /** Built-in or added by the operator in the config. */
  origin: 'builtin' | 'config';
  /** Plausible range of the stored value; a side left out takes the unit's default (catalog/bounds.ts). */
  bounds?: Bounds;
}

/** Inclusive range a stored value must fall in; anything outside is rejected, not stored. */
export interface Bounds {
  min?: number;
  max?: number;
}

/** Labels of one series, e.g. `{ topic: 'orders', partition: '0' }`. Empty object for none. */
export type Labels = Record<string, string>;

/** One collected value, ready for the store. */
export interface Sample {
  clusterId: string;
  /** Target key inside the cluster. */
  target: string;
  /** Catalogue entry id. */
  metric: string;
  labels: Labels;
  /** Collection time, ms since epoch. */
  ts: number;
  value: number;
}
