import { planBulkRead } from '../../../sidecar/src/collector/jolokia/bulk-request';
import { parseBulkResponse, toNumber } from '../../../sidecar/src/collector/jolokia/bulk-response';
import { parseObjectName } from '../../../sidecar/src/collector/jolokia/object-name';
import type { CatalogEntry } from '../../../sidecar/src/model';

const entry = (id: string, mbean: string, attribute: string, extra: Partial<CatalogEntry['source']> = {}, type: 'gauge' | 'counter' = 'gauge'): CatalogEntry => ({
  id,
  appliesTo: 'kafka-broker',
  source: { kind: 'jmx', mbean, attribute, ...extra } as CatalogEntry['source'],
  unit: 'count',
  type,
  description: { en: id, ko: id },
  origin: 'builtin',
});

const heapUsed = entry('kafka.broker.heap_used', 'java.lang:type=Memory', 'HeapMemoryUsage', { path: 'used' });
const heapMax = entry('kafka.broker.heap_max', 'java.lang:type=Memory', 'HeapMemoryUsage', { path: 'max' });
const urp = entry('kafka.broker.under_replicated_partitions', 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', 'Value');
const topicIn = entry('kafka.broker.topic_bytes_in', 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', 'Count', { labelKeys: ['topic'] }, 'counter');
const logSize = entry('kafka.broker.log_size', 'kafka.log:type=Log,name=Size,topic=*,partition=*', 'Value', { labelKeys: ['topic', 'partition'] });

describe('planBulkRead', () => {
  test('one read per distinct MBean, only the attributes needed, no duplicates', () => {
    const plan = planBulkRead([heapUsed, heapMax, urp, topicIn]);
    expect(plan.map((p) => p.request)).toEqual([
      { type: 'read', mbean: 'java.lang:type=Memory', attribute: ['HeapMemoryUsage'] },
      { type: 'read', mbean: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', attribute: ['Value'] },
      { type: 'read', mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*', attribute: ['Count'] },
    ]);
    expect(plan[0]?.entries.map((e) => e.id)).toEqual(['kafka.broker.heap_used', 'kafka.broker.heap_max']);
  });
});

describe('parseBulkResponse', () => {
  const plan = planBulkRead([heapUsed, heapMax, urp, topicIn]);
  const ok = [
    { request: {}, status: 200, value: { HeapMemoryUsage: { used: 100, max: 400, committed: 200 } } },
    { request: {}, status: 200, value: { Value: 2 } },
    {
      request: {},
      status: 200,
      value: {
        'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=orders': { Count: 10 },
        'kafka.server:name=BytesInPerSec,topic="we,ird \\"topic\\"",type=BrokerTopicMetrics': { Count: '9007199254740993' },
      },
    },
  ];

  test('composite paths, plain values and pattern values with labels from the MBean name', () => {
    const r = parseBulkResponse(plan, ok);
    expect(r.warnings).toEqual([]);
    expect(r.values).toEqual([
      { metric: 'kafka.broker.heap_used', labels: {}, value: 100, type: 'gauge' },
      { metric: 'kafka.broker.heap_max', labels: {}, value: 400, type: 'gauge' },
      { metric: 'kafka.broker.under_replicated_partitions', labels: {}, value: 2, type: 'gauge' },
      { metric: 'kafka.broker.topic_bytes_in', labels: { topic: 'orders' }, value: 10, type: 'counter' },
      { metric: 'kafka.broker.topic_bytes_in', labels: { topic: 'we,ird "topic"' }, value: 9007199254740993, type: 'counter' },
    ]);
  });

  test('a per-request error is a warning; the other reads are still used', () => {
    const body = [ok[0], { request: {}, status: 404, error_type: 'javax.management.InstanceNotFoundException', error: 'kafka.server:type=ReplicaManager' }, ok[2]];
    const r = parseBulkResponse(plan, body);
    expect(r.warnings).toEqual(['kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions: InstanceNotFoundException: kafka.server:type=ReplicaManager']);
    expect(r.values.map((v) => v.metric)).not.toContain('kafka.broker.under_replicated_partitions');
    expect(r.values).toHaveLength(4);
  });

  test('the whole-bulk error object is an error for the target, not retriable', () => {
    expect(() => parseBulkResponse(plan, { error_type: 'java.lang.IllegalArgumentException', error: 'bad', status: 400 })).toThrow(
      expect.objectContaining({ code: 'BULK_ERROR', retriable: false }),
    );
  });

  test.each([
    ['a string', 'oops'],
    ['null', null],
    ['too few responses', [ok[0]]],
  ])('garbage (%s) is a retriable BAD_RESPONSE', (_what, body) => {
    expect(() => parseBulkResponse(plan, body)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE', retriable: true }));
  });

  test('non-numeric values are skipped with a warning; booleans count as 1/0; malformed responses warn', () => {
    const body = [
      { status: 200, value: { HeapMemoryUsage: 'n/a' } },
      { status: 200, value: { Value: true } },
      null,
    ];
    const r = parseBulkResponse(plan, body);
    expect(r.values).toEqual([{ metric: 'kafka.broker.under_replicated_partitions', labels: {}, value: 1, type: 'gauge' }]);
    expect(r.warnings).toEqual([
      'kafka.broker.heap_used: HeapMemoryUsage/used not numeric or missing',
      'kafka.broker.heap_max: HeapMemoryUsage/max not numeric or missing',
      'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*: malformed response',
    ]);
  });

  test('per-partition patterns give topic and partition labels', () => {
    const p = planBulkRead([logSize]);
    const r = parseBulkResponse(p, [
      { status: 200, value: { 'kafka.log:name=Size,partition=0,topic=orders,type=Log': { Value: 5 }, 'kafka.log:name=Size,partition=1,topic=orders,type=Log': { Value: 7 } } },
    ]);
    expect(r.values.map((v) => v.labels)).toEqual([
      { topic: 'orders', partition: '0' },
      { topic: 'orders', partition: '1' },
    ]);
  });
});

describe('helpers', () => {
  test.each([
    [1, 1],
    [true, 1],
    [false, 0],
    ['42', 42],
    ['-1.5e3', -1500],
    ['NaN', undefined],
    [Number.NaN, undefined],
    [Infinity, undefined],
    [{}, undefined],
    [null, undefined],
  ])('toNumber(%p) = %p', (input, expected) => {
    expect(toNumber(input)).toBe(expected);
  });

  test('ObjectName parsing handles quoted values with commas, quotes and escapes', () => {
    expect(parseObjectName('kafka.server:type=X,topic="a,b=\\"c\\"",partition=0')).toEqual({ domain: 'kafka.server', props: { type: 'X', topic: 'a,b="c"', partition: '0' } });
    expect(parseObjectName('nodomain')).toBeUndefined();
    expect(parseObjectName('d:type="unterminated')).toBeUndefined();
  });
});
