/**
 * The metric catalogue is data: the built-in entries (builtin/*.ts) plus entries the operator
 * adds under `catalog.extra` in the config. Everything downstream (request building, the
 * store's FL_DOF_METRIC rows, the API's /catalog) reads it from here.
 */
import type { ExtraMetric } from '../config/schema';
import type { CatalogEntry, TargetKind } from '../model';
import { CONSUMER_LAG_ENTRIES } from './builtin/consumer-lag';
import { KAFKA_BROKER_ENTRIES } from './builtin/kafka-broker';
import { KAFKA_CLIENT_ENTRIES } from './builtin/kafka-client';
import { ZOOKEEPER_ENTRIES } from './builtin/zookeeper';

export const BUILTIN_ENTRIES: readonly CatalogEntry[] = [...KAFKA_BROKER_ENTRIES, ...KAFKA_CLIENT_ENTRIES, ...ZOOKEEPER_ENTRIES, ...CONSUMER_LAG_ENTRIES];

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid metric catalogue:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CatalogError';
  }
}

const ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const MBEAN = /^[^:\s]+:[^=,\s]+=[^,]*(,[^=,]+=[^,]*)*(,\*)?$|^[^:\s]+:\*$/;

/**
 * One metric may be read from several MBeans (e.g. request rate for Produce, FetchConsumer and
 * FetchFollower): entries may share an id when they are built-in JMX entries of the same kind
 * with the same type, unit and label keys, so their values form one family of series.
 */
function sameSeries(a: CatalogEntry, b: CatalogEntry): boolean {
  return (
    a.origin === 'builtin' &&
    b.origin === 'builtin' &&
    a.source.kind === 'jmx' &&
    b.source.kind === 'jmx' &&
    a.appliesTo === b.appliesTo &&
    a.type === b.type &&
    a.unit === b.unit &&
    a.source.mbean !== b.source.mbean &&
    JSON.stringify(a.source.labelKeys ?? []) === JSON.stringify(b.source.labelKeys ?? [])
  );
}

/** Pure: every problem of a list of entries (duplicate ids, bad ids, bad MBean names). */
export function catalogProblems(entries: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, CatalogEntry>();
  for (const e of entries) {
    const where = `${e.id} (${e.origin})`;
    if (!ID.test(e.id)) problems.push(`${where}: id must be dotted lower case`);
    const prev = seen.get(e.id);
    if (prev && !sameSeries(prev, e)) problems.push(`${where}: id already used by a ${prev.origin} entry`);
    seen.set(e.id, e);
    if (e.source.kind === 'jmx') {
      if (!MBEAN.test(e.source.mbean)) problems.push(`${where}: "${e.source.mbean}" is not an MBean name or pattern`);
      const keys = new Set(e.source.mbean.slice(e.source.mbean.indexOf(':') + 1).split(',').map((kv) => kv.split('=')[0]));
      for (const l of e.source.labelKeys ?? []) if (!keys.has(l)) problems.push(`${where}: label key "${l}" is not a key of ${e.source.mbean}`);
    }
    if (e.source.kind === 'zk-command' && e.appliesTo !== 'zookeeper') problems.push(`${where}: ZooKeeper command entries apply to zookeeper`);
  }
  return problems;
}

/** Converts a validated `catalog.extra` item of the config into a catalogue entry. */
export function fromExtra(x: ExtraMetric): CatalogEntry {
  return {
    id: x.id,
    appliesTo: x.appliesTo,
    source: x.source,
    unit: x.unit,
    type: x.type,
    description: { en: x.description.en, ko: x.description.ko ?? x.description.en },
    origin: 'config',
  };
}

export class Catalog {
  private readonly byId: Map<string, CatalogEntry>;

  constructor(private readonly entries: readonly CatalogEntry[]) {
    const problems = catalogProblems(entries);
    if (problems.length) throw new CatalogError(problems);
    this.byId = new Map();
    for (const e of entries) if (!this.byId.has(e.id)) this.byId.set(e.id, e);
  }

  all(): CatalogEntry[] {
    return [...this.entries];
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  forKind(kind: TargetKind): CatalogEntry[] {
    return this.entries.filter((e) => e.appliesTo === kind);
  }

  /** JMX entries for a target kind; `slow` entries only when `includeSlow`. */
  jmxFor(kind: TargetKind, includeSlow: boolean): CatalogEntry[] {
    return this.entries.filter((e) => e.appliesTo === kind && e.source.kind === 'jmx' && (includeSlow || e.source.cadence !== 'slow'));
  }

  zkCommandEntries(): CatalogEntry[] {
    return this.entries.filter((e) => e.source.kind === 'zk-command');
  }

  kafkaProtocolEntries(): CatalogEntry[] {
    return this.entries.filter((e) => e.source.kind === 'kafka-protocol');
  }

  /** Numbers of the proposal's metric table covered by at least one entry. */
  proposalCoverage(): number[] {
    return [...new Set(this.entries.flatMap((e) => e.proposal ?? []))].sort((a, b) => a - b);
  }
}

/** Built-in entries plus the operator's extras; throws CatalogError listing every problem (e.g. an extra reusing a built-in id). */
export function buildCatalog(extra: readonly ExtraMetric[] = []): Catalog {
  return new Catalog([...BUILTIN_ENTRIES, ...extra.map(fromExtra)]);
}
