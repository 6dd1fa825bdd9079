/**
 * The metric catalogue is data: the built-in entries (builtin-*.ts) plus the entries an
 * operator adds under `catalog.extra` in the config. Request building, the store's
 * FL_DOF_METRIC rows, the API and `doflamingo catalog --json` all read it from here.
 *
 * Ids: one id names ONE metric (unit, type, label keys, description). Several built-in entries
 * may feed the same id when the same metric is read from several places: several target kinds
 * (`jvm.heap.used` on brokers, ZooKeeper and clients) or several MBeans (`kafka.request.requests`
 * for Produce, FetchConsumer and FetchFollower; ZooKeeper's ensemble and standalone beans).
 * Lookups that need one entry are keyed by (kind, id). A config extra never shares an id.
 */
import type { ExtraMetric } from '../config/schema';
import type { CatalogEntry, MetricSource, TargetKind } from '../core/model';
import { CONSUMER_LAG_ENTRIES } from './builtin-lag';
import { KAFKA_CLIENT_ENTRIES } from './builtin-clients';
import { JVM_ENTRIES } from './builtin-jvm';
import { KAFKA_BROKER_ENTRIES } from './builtin-kafka';
import { ZOOKEEPER_ENTRIES } from './builtin-zookeeper';
import { mbeanSyntaxProblem } from './object-name';

export const BUILTIN_ENTRIES: readonly CatalogEntry[] = [
  ...KAFKA_BROKER_ENTRIES,
  ...JVM_ENTRIES,
  ...ZOOKEEPER_ENTRIES,
  ...KAFKA_CLIENT_ENTRIES,
  ...CONSUMER_LAG_ENTRIES,
];

/** Every problem of a catalogue, one per line. */
export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid metric catalogue (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'CatalogError';
  }
}

export type Cadence = 'fast' | 'slow' | 'all';

const ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const JOLOKIA_KINDS: readonly TargetKind[] = ['kafka-broker', 'zookeeper', 'kafka-client'];
const SOURCE_KINDS: Record<MetricSource['kind'], readonly TargetKind[]> = {
  jmx: JOLOKIA_KINDS,
  'zk-command': ['zookeeper'],
  'kafka-protocol': ['kafka-cluster'],
};

const labelKeysOf = (e: CatalogEntry): string[] => (e.source.kind === 'zk-command' ? [] : [...(e.source.labelKeys ?? [])].sort());
const sourceKey = (e: CatalogEntry): string => `${e.appliesTo} ${JSON.stringify(e.source)}`;

/** Why two entries may not share an id, or undefined when they describe the same metric. */
function sharedIdProblem(a: CatalogEntry, b: CatalogEntry): string | undefined {
  if (a.origin !== 'builtin' || b.origin !== 'builtin')
    return `id already used by a ${a.origin === 'builtin' ? 'built-in' : a.origin} metric (pick another id)`;
  if (sourceKey(a) === sourceKey(b)) return 'duplicate entry (same kind and source)';
  const diff: string[] = [];
  if (a.type !== b.type) diff.push('type');
  if (a.unit !== b.unit) diff.push('unit');
  if (a.source.kind !== b.source.kind) diff.push('source kind');
  if (labelKeysOf(a).join(',') !== labelKeysOf(b).join(',')) diff.push('label keys');
  if (a.description.en !== b.description.en) diff.push('description');
  return diff.length ? `shares its id with another entry but differs in ${diff.join(', ')}` : undefined;
}

function entryProblems(e: CatalogEntry): string[] {
  const p: string[] = [];
  if (!ID.test(e.id)) p.push('id must be dotted lower case, e.g. kafka.broker.bytes_in');
  if (!SOURCE_KINDS[e.source.kind].includes(e.appliesTo)) p.push(`a ${e.source.kind} source cannot apply to ${e.appliesTo}`);
  if (!e.unit) p.push('unit is empty');
  if (!e.description.en || !e.description.ko) p.push('needs an English and a Korean description');
  for (const n of e.proposal ?? []) if (!Number.isInteger(n) || n < 1 || n > 26) p.push(`proposal number ${n} is not 1..26`);
  if (e.source.kind === 'jmx') {
    const s = e.source;
    const bad = mbeanSyntaxProblem(s.mbean);
    if (bad) p.push(`MBean "${s.mbean}" ${bad}`);
    if (!s.attribute) p.push('attribute is empty');
    const keys = new Set(
      s.mbean
        .slice(s.mbean.indexOf(':') + 1)
        .split(',')
        .map((kv) => kv.split('=')[0]),
    );
    for (const l of s.labelKeys ?? []) if (!keys.has(l)) p.push(`label key "${l}" is not a key of ${s.mbean}`);
  }
  const b = e.bounds;
  if (b && [b.min, b.max].some((v) => v !== undefined && !Number.isFinite(v))) p.push('bounds must be finite numbers');
  else if (b?.min !== undefined && b.max !== undefined && b.min > b.max) p.push(`bounds.min ${b.min} exceeds bounds.max ${b.max}`);
  if (e.source.kind === 'zk-command' && !/^[a-z0-9_]+$/.test(e.source.key)) p.push(`monitor key "${e.source.key}" must be lower case without zk_`);
  return p;
}

/** Pure: every problem of a list of entries (bad ids, bad MBean names, ids reused for different metrics). */
export function catalogProblems(entries: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const first = new Map<string, CatalogEntry>();
  for (const e of entries) {
    const where = `${e.id} [${e.origin}, ${e.appliesTo}]`;
    for (const p of entryProblems(e)) problems.push(`${where}: ${p}`);
    const prev = first.get(e.id);
    if (!prev) first.set(e.id, e);
    else {
      const p = sharedIdProblem(prev, e);
      if (p) problems.push(`${where}: ${p}`);
    }
  }
  return problems;
}

/** Throws a CatalogError listing every problem; returns the entries unchanged when valid. */
export function validateCatalog<T extends readonly CatalogEntry[]>(entries: T): T {
  const problems = catalogProblems(entries);
  if (problems.length) throw new CatalogError(problems);
  return entries;
}

/** Converts a validated `catalog.extra` item of the config into a catalogue entry (Korean falls back to English). */
export function fromExtra(x: ExtraMetric): CatalogEntry {
  return {
    id: x.id,
    appliesTo: x.appliesTo,
    source: x.source,
    unit: x.unit,
    type: x.type,
    description: { en: x.description.en, ko: x.description.ko ?? x.description.en },
    origin: 'config',
    ...(x.bounds ? { bounds: { ...x.bounds } } : {}),
  };
}

export class Catalog {
  private readonly entries: readonly CatalogEntry[];
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly byKindId = new Map<string, CatalogEntry>();

  /** Validates (throws CatalogError). */
  constructor(entries: readonly CatalogEntry[]) {
    this.entries = Object.freeze([...validateCatalog(entries)]);
    for (const e of this.entries) {
      if (!this.byId.has(e.id)) this.byId.set(e.id, e);
      if (!this.byKindId.has(`${e.appliesTo}\u0000${e.id}`)) this.byKindId.set(`${e.appliesTo}\u0000${e.id}`, e);
    }
  }

  /** Every entry (an id may appear more than once, see the file comment). */
  all(): CatalogEntry[] {
    return [...this.entries];
  }

  /** One entry per id: the metric definitions (what FL_DOF_METRIC stores). */
  metrics(): CatalogEntry[] {
    return [...this.byId.values()];
  }

  /** The definition of a metric id; with `kind`, the entry for that target kind. */
  get(id: string, kind?: TargetKind): CatalogEntry | undefined {
    return kind ? this.byKindId.get(`${kind}\u0000${id}`) : this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  forKind(kind: TargetKind): CatalogEntry[] {
    return this.entries.filter((e) => e.appliesTo === kind);
  }

  /** JMX entries of a target kind: `fast` (every cycle), `slow` (every Nth cycle) or `all` (default). */
  jmxFor(kind: TargetKind, cadence: Cadence = 'all'): CatalogEntry[] {
    return this.entries.filter((e) => {
      if (e.appliesTo !== kind || e.source.kind !== 'jmx') return false;
      const c = e.source.cadence ?? 'fast';
      return cadence === 'all' || c === cadence;
    });
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

/**
 * Built-in entries plus the operator's extras. Throws CatalogError listing every problem,
 * e.g. `custom.x [config, kafka-broker]: id already used by a built-in metric (pick another id)`.
 */
export function buildCatalog(extra: readonly ExtraMetric[] = []): Catalog {
  return new Catalog([...BUILTIN_ENTRIES, ...extra.map(fromExtra)]);
}

/** Plain JSON form for `doflamingo catalog --json` and the API. */
export interface CatalogJson {
  /** Format version of this document. */
  version: 1;
  entries: CatalogEntry[];
  /** Ids with the target kinds they are collected from. */
  metrics: {
    id: string;
    appliesTo: TargetKind[];
    unit: string;
    type: CatalogEntry['type'];
    origin: CatalogEntry['origin'];
    description: CatalogEntry['description'];
    proposal: number[];
  }[];
  proposalCoverage: number[];
}

export function catalogToJson(c: Catalog): CatalogJson {
  const all = c.all();
  return {
    version: 1,
    entries: all.map((e) => JSON.parse(JSON.stringify(e)) as CatalogEntry),
    metrics: c.metrics().map((m) => {
      const same = all.filter((e) => e.id === m.id);
      return {
        id: m.id,
        appliesTo: [...new Set(same.map((e) => e.appliesTo))],
        unit: m.unit,
        type: m.type,
        origin: m.origin,
        description: { ...m.description },
        proposal: [...new Set(same.flatMap((e) => e.proposal ?? []))].sort((a, b) => a - b),
      };
    }),
    proposalCoverage: c.proposalCoverage(),
  };
}
