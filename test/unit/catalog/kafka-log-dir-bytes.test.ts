import { buildCatalog } from '../../../sidecar/src/catalog/catalog';
import { buildBulkRequest } from '../../../sidecar/src/collector/jolokia/request-builder';
import { parseBulkResponse } from '../../../sidecar/src/collector/jolokia/response-parser';
import { answerBulk, loadFixture } from '../../support/fake-jolokia';

const NOW = 1_700_000_000_000;
const LOG_SIZE = /^kafka\.log:type=Log,name=Size,topic=[^,]+,partition=\d+$/;

describe('kafka.broker.log_dir_bytes', () => {
  const entries = buildCatalog().jmxFor('kafka-broker');
  const snapshot = loadFixture('broker');
  const bulk = buildBulkRequest(entries);
  const parsed = parseBulkResponse(bulk.requests, answerBulk(snapshot, bulk.requests, { ignoreErrors: true }), entries, NOW);
  const partitionSizes = Object.entries(snapshot.beans)
    .filter(([name]) => LOG_SIZE.test(name))
    .map(([, attrs]) => attrs['Value'] as number);

  test('the recorded broker answer holds partition logs with data', () => {
    expect(partitionSizes.length).toBeGreaterThan(1);
    expect(partitionSizes.some((v) => v > 0)).toBe(true);
  });

  test('one unlabelled series per broker: the sum of every partition log it hosts', () => {
    const sums = parsed.values.filter((v) => v.metric === 'kafka.broker.log_dir_bytes');
    expect(sums).toHaveLength(1);
    expect(sums[0]?.labels).toEqual({});
    expect(sums[0]?.value).toBe(partitionSizes.reduce((a, b) => a + b, 0));
  });

  test('shares the partition read with kafka.log.size (one request), which stays per partition', () => {
    expect(bulk.requests.filter((r) => r.mbean === 'kafka.log:type=Log,name=Size,topic=*,partition=*')).toHaveLength(1);
    expect(parsed.values.filter((v) => v.metric === 'kafka.log.size')).toHaveLength(partitionSizes.length);
  });

  test('read on the slow cadence like the per-partition sizes, as bytes', () => {
    const e = entries.find((x) => x.id === 'kafka.broker.log_dir_bytes');
    expect(e?.source.kind === 'jmx' && e.source.cadence).toBe('slow');
    expect(e?.unit).toBe('bytes');
    expect(e?.type).toBe('gauge');
  });
});
