import { buildCatalog } from '../../../../sidecar/src/catalog/catalog';
import { buildBulkRequest } from '../../../../sidecar/src/collector/jolokia/request-builder';
import { parseBulkResponse, toNumber } from '../../../../sidecar/src/collector/jolokia/response-parser';
import type { CatalogEntry, JmxSource } from '../../../../sidecar/src/core/model';
import { answerBulk, loadFixture } from '../../../support/fake-jolokia';

const entry = (id: string, mbean: string, attribute: string, extra: Partial<JmxSource> = {}, type: 'gauge' | 'counter' = 'gauge'): CatalogEntry => ({
  id,
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean, attribute, ...extra },
  unit: 'count',
  type,
  description: { en: id, ko: id },
  origin: 'builtin',
});

const heapUsed = entry('jvm.heap.used', 'java.lang:type=Memory', 'HeapMemoryUsage', { path: 'used' });
const heapMax = entry('jvm.heap.max', 'java.lang:type=Memory', 'HeapMemoryUsage', { path: 'max' });
const urp = entry('kafka.broker.under_replicated_partitions', 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', 'Value');
const topicIn = entry('kafka.topic.bytes_in', 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', 'Count', { labelKeys: ['topic'] }, 'counter');
const requests = (req: string) =>
  entry(
    'kafka.request.requests',
    `kafka.network:type=RequestMetrics,name=RequestsPerSec,request=${req},version=*`,
    'Count',
    { labelKeys: ['request'] },
    'counter',
  );
const swapUsed = entry('jvm.os.swap_used', 'java.lang:type=OperatingSystem', 'TotalSwapSpaceSize', { subtract: 'FreeSwapSpaceSize' });
const NOW = 1_700_000_000_000;

describe('buildBulkRequest', () => {
  test('one read per distinct MBean, only the attributes needed, index maps reads to entries', () => {
    const b = buildBulkRequest([heapUsed, urp, heapMax, topicIn, swapUsed]);
    expect(b.requests).toEqual([
      { type: 'read', mbean: 'java.lang:type=Memory', attribute: ['HeapMemoryUsage'] },
      { type: 'read', mbean: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', attribute: ['Value'] },
      { type: 'read', mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', attribute: ['Count'] },
      { type: 'read', mbean: 'java.lang:type=OperatingSystem', attribute: ['TotalSwapSpaceSize', 'FreeSwapSpaceSize'] },
    ]);
    expect(b.index.map((es) => es.map((e) => e.id))).toEqual([
      ['jvm.heap.used', 'jvm.heap.max'],
      ['kafka.broker.under_replicated_partitions'],
      ['kafka.topic.bytes_in'],
      ['jvm.os.swap_used'],
    ]);
  });

  test('the built-in broker catalogue: never all attributes, never a bare domain pattern, patterns only where labels come from', () => {
    const entries = buildCatalog().jmxFor('kafka-broker');
    const b = buildBulkRequest(entries);
    expect(new Set(b.requests.map((r) => r.mbean)).size).toBe(b.requests.length);
    for (const r of b.requests) {
      expect(r.attribute.length).toBeGreaterThan(0);
      expect(r.mbean).not.toMatch(/:\*$|,\*$/);
    }
    expect(b.requests.length).toBeLessThan(entries.length);
  });

  test('non-JMX entries are ignored', () => {
    expect(
      buildBulkRequest(
        buildCatalog()
          .forKind('zookeeper')
          .filter((e) => e.source.kind === 'zk-command'),
      ).requests,
    ).toEqual([]);
  });
});

describe('parseBulkResponse', () => {
  const entries = [heapUsed, heapMax, urp, topicIn];
  const { requests: reqs } = buildBulkRequest(entries);
  const ok = [
    { status: 200, value: { HeapMemoryUsage: { used: 100, max: 400, committed: 200 } } },
    { status: 200, value: { Value: 2 } },
    {
      status: 200,
      value: {
        'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=orders': { Count: 10 },
        'kafka.server:name=BytesInPerSec,topic="we,ird \\"topic\\"=x",type=BrokerTopicMetrics': { Count: '9007199254740993' },
        'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=주문-토픽': { Count: 5 },
      },
    },
  ];

  test('composite paths, plain values, pattern values with labels unquoted from the MBean name', () => {
    const r = parseBulkResponse(reqs, ok, entries, NOW);
    expect(r.warnings).toEqual([]);
    expect(r.values).toEqual([
      { metric: 'jvm.heap.used', labels: {}, value: 100, type: 'gauge', ts: NOW },
      { metric: 'jvm.heap.max', labels: {}, value: 400, type: 'gauge', ts: NOW },
      { metric: 'kafka.broker.under_replicated_partitions', labels: {}, value: 2, type: 'gauge', ts: NOW },
      { metric: 'kafka.topic.bytes_in', labels: { topic: 'orders' }, value: 10, type: 'counter', ts: NOW },
      { metric: 'kafka.topic.bytes_in', labels: { topic: 'we,ird "topic"=x' }, value: Number('9007199254740993'), type: 'counter', ts: NOW },
      { metric: 'kafka.topic.bytes_in', labels: { topic: '주문-토픽' }, value: 5, type: 'counter', ts: NOW },
    ]);
  });

  test.each([
    [404, 'javax.management.InstanceNotFoundException'],
    [403, 'java.lang.SecurityException'],
    [500, 'java.lang.IllegalStateException'],
  ])('a per-request error (%i) is a warning; the other reads are still used', (status, type) => {
    const body = [ok[0], { status, error_type: type, error: 'boom\nline 2' }, ok[2]];
    const r = parseBulkResponse(reqs, body, entries, NOW);
    expect(r.warnings).toEqual([`kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions: ${type.replace(/^.*\./, '')}: boom line 2`]);
    expect(r.values.map((v) => v.metric)).not.toContain('kafka.broker.under_replicated_partitions');
    expect(r.values).toHaveLength(5);
  });

  test('ignoreErrors shape: a missing plain MBean answers 200 with an error object as the value', () => {
    const body = [
      ok[0],
      {
        status: 200,
        value: {
          Value: {
            error_type: 'javax.management.InstanceNotFoundException',
            '.error': true,
            error: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions',
          },
        },
      },
      ok[2],
    ];
    const r = parseBulkResponse(reqs, body, entries, NOW);
    expect(r.warnings).toEqual([
      'kafka.broker.under_replicated_partitions: Value: InstanceNotFoundException: kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions',
    ]);
    expect(r.values).toHaveLength(5);
  });

  test('the whole-bulk error object is an error for the target (4xx not retriable)', () => {
    expect(() => parseBulkResponse(reqs, { error_type: 'java.lang.IllegalArgumentException', error: 'bad', status: 400 }, entries, NOW)).toThrow(
      expect.objectContaining({ code: 'BULK_ERROR', retriable: false }),
    );
    expect(() => parseBulkResponse(reqs, { error_type: 'java.lang.IllegalStateException', error: 'busy', status: 503 }, entries, NOW)).toThrow(
      expect.objectContaining({ code: 'BULK_ERROR', retriable: true }),
    );
  });

  test.each([
    ['an HTML page', '<html><body>oops</body></html>'],
    ['null', null],
    ['a number', 42],
    ['too few responses', [ok[0]]],
  ])('garbage (%s) is a retriable BAD_RESPONSE', (_what, body) => {
    expect(() => parseBulkResponse(reqs, body, entries, NOW)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE', retriable: true }));
  });

  test('non-numeric values are skipped with a warning; booleans count as 1/0; malformed responses warn', () => {
    const body = [{ status: 200, value: { HeapMemoryUsage: 'n/a' } }, { status: 200, value: { Value: true } }, null];
    const r = parseBulkResponse(reqs, body, entries, NOW);
    expect(r.values).toEqual([{ metric: 'kafka.broker.under_replicated_partitions', labels: {}, value: 1, type: 'gauge', ts: NOW }]);
    expect(r.warnings).toEqual([
      'jvm.heap.used: HeapMemoryUsage/used not numeric or missing',
      'jvm.heap.max: HeapMemoryUsage/max not numeric or missing',
      'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*: malformed response',
    ]);
  });

  test('NaN, Infinity and strings like "CONNECTED" are skipped', () => {
    const e = entry('x.y.z', 'a:type=B', 'Value');
    for (const v of ['NaN', 'CONNECTED', null, { nested: 1 }]) {
      const r = parseBulkResponse([{ type: 'read', mbean: 'a:type=B', attribute: ['Value'] }], [{ status: 200, value: { Value: v } }], [e], NOW);
      expect(r.values).toEqual([]);
      expect(r.warnings).toHaveLength(1);
    }
  });

  test('non-finite values ("1e999", "Infinity", "NaN") are rejected beside good values: listed, never a value', () => {
    const es = [entry('x.a', 'a:type=B', 'A'), entry('x.b', 'a:type=B', 'B'), entry('x.c', 'a:type=B', 'C'), entry('x.d', 'a:type=B', 'D')];
    const reqs = [{ type: 'read' as const, mbean: 'a:type=B', attribute: ['A', 'B', 'C', 'D'] }];
    const r = parseBulkResponse(reqs, [{ status: 200, value: { A: '1e999', B: 7, C: 'Infinity', D: 'NaN' } }], es, NOW);
    expect(r.values).toEqual([{ metric: 'x.b', labels: {}, value: 7, type: 'gauge', ts: NOW }]);
    expect(r.rejected).toEqual(['x.a: A not finite (1e999)', 'x.c: C not finite (Infinity)', 'x.d: D not finite (NaN)']);
    for (const v of r.values) expect(Number.isFinite(v.value)).toBe(true);
  });

  test('a status of any JSON type is a warning, never a throw (String() throws on {"toString": 1})', () => {
    const e = entry('x.a', 'a:type=B', 'A');
    const reqs = [{ type: 'read' as const, mbean: 'a:type=B', attribute: ['A'] }];
    for (const status of [JSON.parse('{"toString":1,"valueOf":2}') as unknown, [1], null, 'x'.repeat(1000), 404]) {
      const r = parseBulkResponse(reqs, [{ status, value: { A: 1 } }], [e], NOW);
      expect(r.values).toEqual([]);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]!.length).toBeLessThan(100);
    }
    expect(() => parseBulkResponse(reqs, JSON.parse('{"status":{"toString":1}}') as unknown, [e], NOW)).toThrow(
      'Jolokia rejected the bulk request: status object',
    );
  });

  test('finite values summing or subtracting to a non-finite one are rejected, not a value', () => {
    const sum = entry('x.sum', 'a:type=B,name=*', 'Count', {}, 'counter');
    const diff = entry('x.diff', 'a:type=C', 'Total', { subtract: 'Free' });
    const reqs = [
      { type: 'read' as const, mbean: 'a:type=B,name=*', attribute: ['Count'] },
      { type: 'read' as const, mbean: 'a:type=C', attribute: ['Total', 'Free'] },
    ];
    const body = [
      { status: 200, value: { 'a:type=B,name=x': { Count: 1.7e308 }, 'a:type=B,name=y': { Count: 1.7e308 } } },
      { status: 200, value: { Total: 1.7e308, Free: -1.7e308 } },
    ];
    const r = parseBulkResponse(reqs, body, [sum, diff], NOW);
    expect(r.values).toEqual([]);
    expect(r.rejected).toEqual([
      'x.sum: not finite (Infinity) once beans summed or subtracted',
      'x.diff: not finite (Infinity) once beans summed or subtracted',
    ]);
  });

  test('beans collapsing to the same labels are summed (RequestsPerSec versions)', () => {
    const es = [requests('Produce'), requests('FetchConsumer')];
    const b = buildBulkRequest(es);
    const body = [
      {
        status: 200,
        value: {
          'kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=9': { Count: 10 },
          'kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=11': { Count: 5 },
        },
      },
      { status: 404, error_type: 'javax.management.InstanceNotFoundException', error: 'No MBean with pattern ... found' },
    ];
    const r = parseBulkResponse(b.requests, body, es, NOW);
    expect(r.values).toEqual([{ metric: 'kafka.request.requests', labels: { request: 'Produce' }, value: 15, type: 'counter', ts: NOW }]);
    expect(r.warnings).toHaveLength(1);
  });

  test('the same id read from two MBeans still sums beans collapsing to the same labels', () => {
    const a = entry('x.sum', 'kafka.server:type=A,name=*', 'Count', {}, 'counter');
    const b = entry('x.sum', 'kafka.server:type=B,name=*', 'Count', {}, 'counter');
    const bulk = buildBulkRequest([a, b]);
    const body = [
      { status: 200, value: { 'kafka.server:name=1,type=A': { Count: 1 }, 'kafka.server:name=2,type=A': { Count: 2 } } },
      { status: 200, value: { 'kafka.server:name=1,type=B': { Count: 4 } } },
    ];
    expect(parseBulkResponse(bulk.requests, body, [a, b], NOW).values).toEqual([{ metric: 'x.sum', labels: {}, value: 7, type: 'counter', ts: NOW }]);
  });

  test("labels follow a target's MBeans from one answer to the next (shared label sets are never stale)", () => {
    const b = buildBulkRequest([topicIn]);
    const answer = (topics: string[]) => [
      {
        status: 200,
        value: Object.fromEntries(topics.map((t, i) => [`kafka.server:name=BytesInPerSec,topic=${t},type=BrokerTopicMetrics`, { Count: i + 1 }])),
      },
    ];
    const first = parseBulkResponse(b.requests, answer(['orders', 'payments']), [topicIn], NOW).values;
    expect(first.map((v) => v.labels)).toEqual([{ topic: 'orders' }, { topic: 'payments' }]);
    const second = parseBulkResponse(b.requests, answer(['payments', 'clicks']), [topicIn], NOW + 10_000).values;
    expect(second.map((v) => [v.labels, v.value])).toEqual([
      [{ topic: 'payments' }, 1],
      [{ topic: 'clicks' }, 2],
    ]);
    // the label set of a bean seen before is the same (frozen) object: canonical strings are computed once
    expect(second[0]?.labels).toBe(first[1]?.labels);
    expect(Object.isFrozen(second[0]?.labels)).toBe(true);
  });

  test('subtract: swap used = total − free; missing second attribute gives no value', () => {
    const b = buildBulkRequest([swapUsed]);
    expect(
      parseBulkResponse(b.requests, [{ status: 200, value: { TotalSwapSpaceSize: 1000, FreeSwapSpaceSize: 400 } }], [swapUsed], NOW).values[0]?.value,
    ).toBe(600);
    expect(parseBulkResponse(b.requests, [{ status: 200, value: { TotalSwapSpaceSize: 1000 } }], [swapUsed], NOW).values).toEqual([]);
  });

  test('against the snapshot captured from the real broker: every fast entry of the catalogue is parsed', () => {
    const entriesAll = buildCatalog().jmxFor('kafka-broker');
    const b = buildBulkRequest(entriesAll);
    const r = parseBulkResponse(b.requests, answerBulk(loadFixture('broker'), b.requests, { ignoreErrors: true }), entriesAll, NOW);
    const ids = new Set(r.values.map((v) => v.metric));
    for (const id of [
      'kafka.broker.state',
      'jvm.heap.used',
      'kafka.broker.bytes_in',
      'kafka.controller.active_controller_count',
      'kafka.request.total_time_ms_p99',
      'kafka.log.size',
    ])
      expect(ids).toContain(id);
    const size = r.values.find((v) => v.metric === 'kafka.log.size');
    expect(Object.keys(size?.labels ?? {}).sort()).toEqual(['partition', 'topic']);
  });
});

test.each([
  [1, 1],
  [true, 1],
  [false, 0],
  ['42', 42],
  ['-1.5e3', -1500],
  ['NaN', undefined],
  ['1e999', undefined],
  ['Infinity', undefined],
  [Number.NaN, undefined],
  [Infinity, undefined],
  [{}, undefined],
  [null, undefined],
])('toNumber(%p) = %p', (input, expected) => {
  expect(toNumber(input)).toBe(expected);
});
