import { BUILTIN_ENTRIES, Catalog, CatalogError, buildCatalog, catalogProblems, catalogToJson, validateCatalog } from '../../../sidecar/src/catalog/catalog';
import { mbeanSyntaxProblem } from '../../../sidecar/src/catalog/object-name';
import type { ExtraMetric } from '../../../sidecar/src/config/schema';
import { TARGET_KINDS } from '../../../sidecar/src/core/target';
import type { CatalogEntry } from '../../../sidecar/src/core/model';

const extra = (over: Partial<ExtraMetric> = {}): ExtraMetric => ({
  id: 'custom.broker.purgatory',
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean: 'kafka.server:type=DelayedOperationPurgatory,name=PurgatorySize,delayedOperation=Produce', attribute: 'Value' },
  unit: 'count',
  type: 'gauge',
  description: { en: 'Produce purgatory size' },
  ...over,
});

describe('built-in catalogue', () => {
  const catalog = buildCatalog();

  test("is valid and covers every one of the proposal's 26 metrics", () => {
    expect(catalogProblems(BUILTIN_ENTRIES)).toEqual([]);
    expect(catalog.proposalCoverage()).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  test('every entry has an English and a Korean description, the Korean one containing Hangul', () => {
    for (const e of BUILTIN_ENTRIES) {
      expect(e.description.en.length).toBeGreaterThan(3);
      expect(e.description.ko).toMatch(/[\uac00-\ud7a3]/);
    }
  });

  test('has the ids other modules rely on, with the right source and labels', () => {
    const want: [string, CatalogEntry['appliesTo'], string[]][] = [
      ['kafka.broker.bytes_in', 'kafka-broker', []],
      ['kafka.topic.bytes_in', 'kafka-broker', ['topic']],
      ['kafka.broker.under_replicated_partitions', 'kafka-broker', []],
      ['kafka.controller.active_controller_count', 'kafka-broker', []],
      ['kafka.controller.offline_partitions', 'kafka-broker', []],
      ['kafka.request.total_time_ms_mean', 'kafka-broker', ['request']],
      ['kafka.request.total_time_ms_p99', 'kafka-broker', ['request']],
      ['kafka.log.size', 'kafka-broker', ['topic', 'partition']],
      ['kafka.consumer.records_lag_max', 'kafka-client', ['client-id']],
      ['kafka.consumer.assigned_partitions', 'kafka-client', ['client-id']],
      ['kafka.consumer_group.lag', 'kafka-cluster', ['group', 'topic', 'partition']],
      ['kafka.consumer_group.total_lag', 'kafka-cluster', ['group']],
      ['kafka.consumer_group.state', 'kafka-cluster', ['group']],
    ];
    for (const [id, kind, labels] of want) {
      const e = catalog.get(id, kind);
      expect(e).toBeDefined();
      expect(e?.source.kind === 'zk-command' ? [] : (e?.source.labelKeys ?? [])).toEqual(labels);
    }
    expect(catalog.get('kafka.log.size')?.source).toMatchObject({ cadence: 'slow' });
    expect(catalog.get('kafka.broker.bytes_in')).toMatchObject({ type: 'counter', unit: 'bytes/s' });
  });

  test('ZooKeeper: derived keys, leader-only quorum keys, 3.6+ key names', () => {
    const zk = (id: string) => catalog.get(id, 'zookeeper')?.source;
    expect(zk('zookeeper.up')).toEqual({ kind: 'zk-command', command: 'monitor', key: 'up' });
    expect(zk('zookeeper.is_leader')).toMatchObject({ key: 'is_leader' });
    expect(zk('zookeeper.server_state')).toMatchObject({ key: 'server_state_code' });
    for (const id of ['zookeeper.learners', 'zookeeper.synced_followers', 'zookeeper.pending_syncs']) expect(zk(id)).toMatchObject({ leaderOnly: true });
    expect(zk('zookeeper.avg_latency')).not.toHaveProperty('leaderOnly');
    expect(catalog.zkCommandEntries().map((e) => (e.source.kind === 'zk-command' ? e.source.key : ''))).not.toContain('followers');
  });

  test("consumer-lag entries emit by the lag collector's keys", () => {
    const keys = Object.fromEntries(catalog.kafkaProtocolEntries().map((e) => [e.source.kind === 'kafka-protocol' ? e.source.key : '', e.id]));
    expect(keys).toMatchObject({
      lag: 'kafka.consumer_group.lag',
      committed_offset: 'kafka.consumer_group.committed_offset',
      log_end_offset: 'kafka.consumer_group.log_end_offset',
      group_lag: 'kafka.consumer_group.total_lag',
      group_members: 'kafka.consumer_group.members',
      group_state: 'kafka.consumer_group.state',
    });
  });

  test('JVM metrics share one id across the JVM kinds; lookups are by (kind, id)', () => {
    for (const kind of ['kafka-broker', 'zookeeper', 'kafka-client'] as const) {
      expect(catalog.get('jvm.heap.used', kind)).toMatchObject({
        appliesTo: kind,
        source: { mbean: 'java.lang:type=Memory', attribute: 'HeapMemoryUsage', path: 'used' },
      });
    }
    expect(catalog.get('jvm.heap.used', 'kafka-cluster')).toBeUndefined();
    expect(catalog.metrics().filter((m) => m.id === 'jvm.heap.used')).toHaveLength(1);
  });

  test('jmxFor filters by kind and cadence; only JMX sources', () => {
    const fast = catalog.jmxFor('kafka-broker', 'fast');
    const slow = catalog.jmxFor('kafka-broker', 'slow');
    const all = catalog.jmxFor('kafka-broker');
    expect(fast.length + slow.length).toBe(all.length);
    expect(slow.map((e) => e.id)).toEqual(['kafka.log.size', 'kafka.broker.log_dir_bytes']);
    for (const kind of TARGET_KINDS) for (const e of catalog.jmxFor(kind)) expect(e).toMatchObject({ appliesTo: kind, source: { kind: 'jmx' } });
    expect(catalog.jmxFor('kafka-cluster')).toEqual([]);
    expect(catalog.forKind('kafka-cluster')).toEqual(catalog.kafkaProtocolEntries());
  });

  test('JSON form: plain data, one metric row per id with every kind it applies to', () => {
    const json = catalogToJson(catalog);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.entries).toHaveLength(catalog.all().length);
    expect(json.metrics.find((m) => m.id === 'jvm.heap.used')?.appliesTo).toEqual(['kafka-broker', 'zookeeper', 'kafka-client']);
    expect(json.proposalCoverage).toHaveLength(26);
  });
});

describe('config extras', () => {
  test('are added with origin config; Korean falls back to English', () => {
    const c = buildCatalog([extra()]);
    expect(c.get('custom.broker.purgatory')).toMatchObject({ origin: 'config', description: { en: 'Produce purgatory size', ko: 'Produce purgatory size' } });
    expect(c.jmxFor('kafka-broker').map((e) => e.id)).toContain('custom.broker.purgatory');
  });

  test('an id colliding with a built-in is a clear error', () => {
    expect(() => buildCatalog([extra({ id: 'kafka.broker.bytes_in' })])).toThrow(
      /kafka\.broker\.bytes_in \[config, kafka-broker\]: id already used by a built-in metric/,
    );
  });

  test('every problem is listed at once', () => {
    const bad = [
      extra({ id: 'jvm.heap.used' }),
      extra({ id: 'custom.a.b', source: { kind: 'jmx', mbean: 'nodomain', attribute: 'Value' } }),
      extra({ id: 'custom.zk.x', appliesTo: 'kafka-broker', source: { kind: 'zk-command', command: 'monitor', key: 'avg_latency' } }),
    ];
    let err: unknown;
    try {
      buildCatalog(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as CatalogError).problems).toEqual([
      'jvm.heap.used [config, kafka-broker]: id already used by a built-in metric (pick another id)',
      'custom.a.b [config, kafka-broker]: MBean "nodomain" needs "domain:key=value"',
      'custom.zk.x [config, kafka-broker]: a zk-command source cannot apply to kafka-broker',
    ]);
    expect((err as Error).message).toContain('3 problems');
  });
});

describe('validateCatalog', () => {
  const base = BUILTIN_ENTRIES.find((e) => e.id === 'kafka.broker.bytes_in') as CatalogEntry;

  test('two built-ins may share an id only when they describe the same metric', () => {
    const other = { ...base, source: { ...base.source, mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=x' } } as CatalogEntry;
    expect(() => validateCatalog([base, other])).not.toThrow();
    expect(() => validateCatalog([base, { ...other, unit: 'bytes' }])).toThrow(/differs in unit/);
    expect(() => validateCatalog([base, { ...base }])).toThrow(/duplicate entry/);
  });

  test('label keys must be keys of the MBean; ids dotted lower case; proposal numbers 1..26', () => {
    const e = {
      ...base,
      id: 'Bad-Id',
      proposal: [27],
      source: { kind: 'jmx', mbean: base.source.kind === 'jmx' ? base.source.mbean : '', attribute: 'Count', labelKeys: ['topic'] },
    } as CatalogEntry;
    expect(catalogProblems([e])).toEqual([
      'Bad-Id [builtin, kafka-broker]: id must be dotted lower case, e.g. kafka.broker.bytes_in',
      'Bad-Id [builtin, kafka-broker]: proposal number 27 is not 1..26',
      'Bad-Id [builtin, kafka-broker]: label key "topic" is not a key of kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec',
    ]);
  });

  test('the Catalog constructor validates', () => {
    expect(() => new Catalog([{ ...base, unit: '' }])).toThrow(CatalogError);
  });
});

describe('mbeanSyntaxProblem', () => {
  test.each([
    'java.lang:type=Memory',
    'kafka.log:type=Log,name=Size,topic=*,partition=*',
    'org.apache.ZooKeeperService:name0=StandaloneServer_port*',
    'kafka.server:type=app-info,*',
    'kafka.server:*',
    'kafka.log:type=Log,topic="a,b=c",partition=0',
  ])('accepts %s', (name) => expect(mbeanSyntaxProblem(name)).toBeUndefined());

  test.each([
    ['Memory', 'needs "domain:key=value"'],
    [':type=Memory', 'needs "domain:key=value"'],
    ['java.lang:type', 'malformed key=value list (unbalanced quotes or missing "=")'],
    ['java.lang:type="Memory', 'malformed key=value list (unbalanced quotes or missing "=")'],
    ['java.lang:type=Memory,type=X', 'has a duplicate key'],
    ['java.lang:type=', 'key "type" has an empty value'],
    ['java.lang:type=Memory, name=x', 'bad key " name"'],
    ['java lang:type=Memory', 'domain contains white space'],
  ])('rejects %s', (name, why) => expect(mbeanSyntaxProblem(name)).toBe(why));
});
