import { parseEventsQuery, parseSeriesQuery, parseSnapshotQuery } from '../../../sidecar/src/api/params';

const NOW = Date.UTC(2026, 10, 25, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('series query parameters', () => {
  test('defaults: last 15 minutes, avg, step from maxPoints, no summing', () => {
    const r = parseSeriesQuery('1', q('metric=kafka.broker.bytes_in'), NOW);
    expect(r.ok && r.value).toMatchObject({ cluster: '1', metric: 'kafka.broker.bytes_in', from: NOW - 15 * 60_000, to: NOW, agg: 'avg', by: null, targets: [], labels: {} });
  });

  test('targets, labels, by and ISO times', () => {
    const r = parseSeriesQuery('1', q('metric=kafka.consumer_group.lag&target=cluster&label.group=%3Cimg%20src%3Dx%3E&by=topic,partition&from=2026-11-25T11:00:00Z&agg=max'), NOW);
    expect(r.ok && r.value).toMatchObject({ targets: ['cluster'], labels: { group: '<img src=x>' }, by: ['topic', 'partition'], from: Date.UTC(2026, 10, 25, 11), agg: 'max' });
  });

  test.each([
    ['', 'metric'],
    ['metric=', 'metric'],
    ["metric=x';DROP TABLE FL_DOF_SAMPLE;--", 'metric'],
    ['metric=kafka.broker.bytes_in&from=yesterday', 'from'],
    ['metric=kafka.broker.bytes_in&from=2000&to=1000', 'from'],
    ['metric=kafka.broker.bytes_in&from=0&to=99999999999999999', 'to'],
    ['metric=kafka.broker.bytes_in&agg=median', 'agg'],
    ['metric=kafka.broker.bytes_in&step=-5', 'step'],
    ['metric=kafka.broker.bytes_in&step=1&from=0&to=86400000', 'step'],
    ['metric=kafka.broker.bytes_in&maxPoints=999999', 'maxPoints'],
    ['metric=kafka.broker.bytes_in&target=../../etc', 'target'],
    ['metric=kafka.broker.bytes_in&label.to%20pic=x', 'label.to pic'],
    ['metric=kafka.broker.bytes_in&by=topic;drop', 'by'],
    ['metric=kafka.broker.bytes_in&lable.topic=x', 'lable.topic'],
    ['metric=kafka.broker.bytes_in&metric=kafka.broker.bytes_out', 'metric'],
  ])('%s → 400 on %s', (query, param) => {
    const r = parseSeriesQuery('1', q(query), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect({ status: r.error.status, param: r.error.param }).toEqual({ status: 400, param });
  });

  test('a hostile cluster id is refused', () => {
    const r = parseSeriesQuery('1 OR 1=1', q('metric=kafka.broker.bytes_in'), NOW);
    expect(r.ok).toBe(false);
  });
});

describe('snapshot query parameters', () => {
  test.each([
    ['view=kafka', true],
    ['view=zookeeper&partitions=1', true],
    ['', false],
    ['view=yarn', false],
    ['view=kafka&partitions=maybe', false],
  ])('%s → ok %p', (query, ok) => {
    expect(parseSnapshotQuery('1', q(query)).ok).toBe(ok);
  });
});

describe('events query parameters', () => {
  test('defaults to the last 24 hours and 200 events', () => {
    const r = parseEventsQuery('1', q(''), NOW);
    expect(r.ok && r.value).toEqual({ cluster: '1', from: NOW - 86_400_000, to: NOW, limit: 200 });
  });
  test.each([
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['from=2030-01-01T00:00:00Z', 'from'],
    ['kind=alert', 'kind'],
  ])('%s → 400 on %s', (query, param) => {
    const r = parseEventsQuery('1', q(query), NOW);
    expect(!r.ok && r.error.param).toBe(param);
  });
});
