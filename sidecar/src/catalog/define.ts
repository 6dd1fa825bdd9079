/** Small constructors that keep the built-in catalogue files readable (one line per metric). */
import type { Bounds, CatalogEntry, MetricType, TargetKind } from '../core/model';

/** English and Korean description. */
export type Desc = [en: string, ko: string];

export interface JmxOpts {
  path?: string;
  /** Attribute of the same MBean subtracted from `attribute`. */
  subtract?: string;
  labelKeys?: string[];
  cadence?: 'fast' | 'slow';
  proposal?: number[];
  /** Plausible range when the unit's default (catalog/bounds.ts) does not fit. */
  bounds?: Bounds;
}

export function jmx(
  appliesTo: TargetKind,
  id: string,
  mbean: string,
  attribute: string,
  type: MetricType,
  unit: string,
  [en, ko]: Desc,
  o: JmxOpts = {},
): CatalogEntry {
  return {
    id,
    appliesTo,
    source: {
      kind: 'jmx',
      mbean,
      attribute,
      ...(o.path ? { path: o.path } : {}),
      ...(o.subtract ? { subtract: o.subtract } : {}),
      ...(o.labelKeys ? { labelKeys: o.labelKeys } : {}),
      ...(o.cadence ? { cadence: o.cadence } : {}),
    },
    unit,
    type,
    description: { en, ko },
    ...(o.proposal ? { proposal: o.proposal } : {}),
    ...(o.bounds ? { bounds: o.bounds } : {}),
    origin: 'builtin',
  };
}

/** A key of ZooKeeper's AdminServer `monitor` command (= `mntr` key without `zk_`). */
export function zkMonitor(id: string, key: string, type: MetricType, unit: string, [en, ko]: Desc, leaderOnly = false): CatalogEntry {
  return {
    id,
    appliesTo: 'zookeeper',
    source: { kind: 'zk-command', command: 'monitor', key, ...(leaderOnly ? { leaderOnly: true } : {}) },
    unit,
    type,
    description: { en, ko },
    origin: 'builtin',
  };
}

/** A value the consumer-lag collector reads through the Kafka protocol (cluster-wide pseudo target). */
export function kafkaProtocol(id: string, key: string, labelKeys: string[], unit: string, [en, ko]: Desc, proposal?: number[]): CatalogEntry {
  return {
    id,
    appliesTo: 'kafka-cluster',
    source: { kind: 'kafka-protocol', key, labelKeys },
    unit,
    type: 'gauge',
    description: { en, ko },
    ...(proposal ? { proposal } : {}),
    origin: 'builtin',
  };
}
