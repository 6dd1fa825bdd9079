import {
  bucketCount,
  chooseStep,
  MAX_MAX_POINTS,
  parseClusterParam,
  parseEventsQuery,
  parseNoParams,
  parseSeriesQuery,
  parseSnapshotQuery,
  parseTime,
} from '../../../sidecar/src/api/params';

const NOW = Date.UTC(2026, 10, 25, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('series query parameters', () => {
  test('defaults: last 15 minutes, avg, step from maxPoints, no summing', () => {
    const r = parseSeriesQuery('1', q('metric=kafka.broker.bytes_in'), NOW);
    expect(r.ok && r.value).toMatchObject({
      cluster: '1',
      metric: 'kafka.broker.bytes_in',
      from: NOW - 15 * 60_000,
      to: NOW,
      agg: 'avg',
      by: null,
      targets: [],
      labels: {},
    });
  });

  test('targets, labels, by and ISO times', () => {
    const r = parseSeriesQuery(
      '1',
      q('metric=kafka.consumer_group.lag&target=cluster&label.group=%3Cimg%20src%3Dx%3E&by=topic,partition&from=2026-11-25T11:00:00Z&agg=max'),
      NOW,
    );
    expect(r.ok && r.value).toMatchObject({
      targets: ['cluster'],
      labels: { group: '<img src=x>' },
      by: ['topic', 'partition'],
      from: Date.UTC(2026, 10, 25, 11),
      agg: 'max',
    });
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
    ['metric=KAFKA.BROKER.BYTES_IN', 'metric'],
    ['metric=kafka', 'metric'],
    ['metric=kafka.broker.bytes_in%00', 'metric'],
    [`metric=kafka.${'a'.repeat(200)}`, 'metric'],
    ['metric=kafka.broker.bytes_in%20OR%201%3D1', 'metric'],
    ['metric=kafka.broker.bytes_in&from=NaN', 'from'],
    ['metric=kafka.broker.bytes_in&from=Infinity', 'from'],
    ['metric=kafka.broker.bytes_in&from=-1000', 'from'],
    ['metric=kafka.broker.bytes_in&from=1e12', 'from'],
    ['metric=kafka.broker.bytes_in&from=0x10', 'from'],
    ['metric=kafka.broker.bytes_in&from=2026-13-45T99:00:00Z', 'from'],
    ['metric=kafka.broker.bytes_in&from=2026-11-25T10:00:00Z%27%3B--', 'from'],
    ['metric=kafka.broker.bytes_in&to=99999999999999999999999', 'to'],
    ['metric=kafka.broker.bytes_in&to=2200-01-01T00:00:00Z', 'to'],
    ['metric=kafka.broker.bytes_in&from=1000&to=1000', 'from'],
    ['metric=kafka.broker.bytes_in&from=0&to=1764072000000', 'from'],
    ['metric=kafka.broker.bytes_in&agg=AVG', 'agg'],
    ['metric=kafka.broker.bytes_in&agg=avg;DROP', 'agg'],
    ['metric=kafka.broker.bytes_in&agg=avg&agg=max', 'agg'],
    ['metric=kafka.broker.bytes_in&step=0', 'step'],
    ['metric=kafka.broker.bytes_in&step=1.5', 'step'],
    ['metric=kafka.broker.bytes_in&step=1e3', 'step'],
    ['metric=kafka.broker.bytes_in&step=99999999999999999999', 'step'],
    ['metric=kafka.broker.bytes_in&maxPoints=0', 'maxPoints'],
    ['metric=kafka.broker.bytes_in&maxPoints=1', 'maxPoints'],
    ['metric=kafka.broker.bytes_in&maxPoints=-1', 'maxPoints'],
    ['metric=kafka.broker.bytes_in&maxPoints=abc', 'maxPoints'],
    ['metric=kafka.broker.bytes_in&target=broker-1,', 'target'],
    ['metric=kafka.broker.bytes_in&target=%3Cscript%3E', 'target'],
    ["metric=kafka.broker.bytes_in&target=b1'%20OR%20'1'='1", 'target'],
    [`metric=kafka.broker.bytes_in&target=${Array.from({ length: 501 }, (_, i) => `b${i}`).join(',')}`, 'target'],
    ["metric=kafka.broker.bytes_in&label.topic')%20OR%201%3D1--=x", "label.topic') OR 1=1--"],
    ['metric=kafka.broker.bytes_in&label.=x', 'label.'],
    [`metric=kafka.broker.bytes_in&label.topic=${'x'.repeat(513)}`, 'label.topic'],
    ['metric=kafka.broker.bytes_in&label.topic=a&label.topic=b', 'label.topic'],
    [`metric=kafka.broker.bytes_in&${Array.from({ length: 17 }, (_, i) => `label.l${i}=v`).join('&')}`, 'label'],
    ['metric=kafka.broker.bytes_in&by=topic,%20OR%201', 'by'],
    [`metric=kafka.broker.bytes_in&by=${Array.from({ length: 9 }, (_, i) => `l${i}`).join(',')}`, 'by'],
    [`metric=kafka.broker.bytes_in&${'x'.repeat(300)}=1`, 'x'.repeat(64) + '…'],
  ])('%s → 400 on %s', (query, param) => {
    const r = parseSeriesQuery('1', q(query), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect({ status: r.error.status, param: r.error.param }).toEqual({ status: 400, param });
  });

  test.each(['1 OR 1=1', '', '../etc', 'a'.repeat(65), "1'--", '<b>'])('a hostile cluster id %p is refused', (cid) => {
    const r = parseSeriesQuery(cid, q('metric=kafka.broker.bytes_in'), NOW);
    expect(!r.ok && r.error.param).toBe('cluster');
    expect(!parseClusterParam(cid, q('')).ok).toBe(true);
  });

  test('label values may hold anything (they are only ever values); label names may contain dots and dashes', () => {
    const r = parseSeriesQuery(
      '1',
      q(`metric=kafka.client.record_send_rate&label.client-id=${encodeURIComponent("x'); DROP TABLE t; --")}&by=client-id,target`),
      NOW,
    );
    expect(r.ok && r.value).toMatchObject({ labels: { 'client-id': "x'); DROP TABLE t; --" }, by: ['client-id', 'target'] });
  });

  test('by= (empty) sums everything; repeated and comma-listed targets are merged', () => {
    const r = parseSeriesQuery('1', q('metric=kafka.broker.bytes_in&by=&target=b1,b2&target=b1'), NOW);
    expect(r.ok && r.value).toMatchObject({ by: [], targets: ['b1', 'b2'] });
  });

  test('step given and within maxPoints is kept; derived steps never exceed maxPoints', () => {
    const r = parseSeriesQuery('1', q(`metric=kafka.broker.bytes_in&from=${NOW - 3600_000}&to=${NOW}&step=60`), NOW);
    expect(r.ok && r.value.step).toBe(60);
    for (const [range, max] of [
      [3600_000, 300],
      [86_400_000, 300],
      [7 * 86_400_000, 50],
      [400 * 86_400_000 - 1, MAX_MAX_POINTS],
      [400 * 86_400_000 - 1, 2],
      [60_000, 2],
      [3 * 86_400_000 + 7, 2],
    ] as const) {
      const p = parseSeriesQuery('1', q(`metric=kafka.broker.bytes_in&from=${NOW - range}&to=${NOW}&maxPoints=${max}`), NOW);
      expect(p.ok).toBe(true);
      if (p.ok) expect(bucketCount(p.value.from, p.value.to, p.value.step)).toBeLessThanOrEqual(max);
    }
  });

  test('the token and the cache buster are not endpoint parameters but accepted everywhere', () => {
    expect(parseSeriesQuery('1', q('metric=kafka.broker.bytes_in&token=x&_dc=123'), NOW).ok).toBe(true);
    expect(parseNoParams(q('_dc=1')).ok).toBe(true);
    expect(!parseNoParams(q('evil=1')).ok).toBe(true);
  });
});

describe('times and steps', () => {
  test.each([
    ['1764072000000', 1764072000000],
    ['2026-11-25', Date.UTC(2026, 10, 25)],
    ['2026-11-25T12:00:00Z', Date.UTC(2026, 10, 25, 12)],
    ['2026-11-25T21:00:00+09:00', Date.UTC(2026, 10, 25, 12)],
    ['2026-11-25 12:00:00.250Z', Date.UTC(2026, 10, 25, 12, 0, 0, 250)],
    [' 1000 ', 1000],
  ])('%p → %p', (raw, ms) => expect(parseTime('from', raw)).toBe(ms));

  test('chooseStep: the smallest nice step that fits, never below 10 s, whole days beyond', () => {
    expect(chooseStep(0, 2990_000, 300)).toBe(10);
    expect(chooseStep(0, 3600_000, 300)).toBe(15);
    expect(chooseStep(0, 86_400_000, 300)).toBe(300);
    expect(chooseStep(0, 3600_000, 10)).toBe(600);
    const long = chooseStep(0, 399 * 86_400_000, 2);
    expect(long % 86400).toBe(0);
    expect(bucketCount(0, 399 * 86_400_000, long)).toBeLessThanOrEqual(2);
  });
});

describe('snapshot query parameters', () => {
  test.each([
    ['view=kafka', true],
    ['view=zookeeper&partitions=1', true],
    ['', false],
    ['view=yarn', false],
    ['view=kafka&partitions=maybe', false],
    ['view=kafka&view=zookeeper', false],
    ['view=KAFKA', false],
    ['view=kafka&metric=x', false],
    ['view=kafka&token=t&_dc=1', true],
  ])('%s → ok %p', (query, ok) => {
    expect(parseSnapshotQuery('1', q(query)).ok).toBe(ok);
  });
});

describe('events query parameters', () => {
  test('defaults to the last 24 hours and 200 events', () => {
    const r = parseEventsQuery('1', q(''), NOW);
    expect(r.ok && r.value).toEqual({ cluster: '1', from: NOW - 86_400_000, to: NOW, limit: 200, severities: [], kinds: [] });
  });
  test('severity, kind (comma lists, repeatable, de-duplicated) and subject filters', () => {
    const r = parseEventsQuery('1', q('severity=warning,critical&kind=alert-fired&kind=isr-shrink,alert-fired&subject=broker-2'), NOW);
    expect(r.ok && r.value).toMatchObject({ severities: ['warning', 'critical'], kinds: ['alert-fired', 'isr-shrink'], subject: 'broker-2' });
  });
  test.each([
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['from=2030-01-01T00:00:00Z', 'from'],
    ['severity=fatal', 'severity'],
    ['kind=ALERT', 'kind'],
    ['kind=a;drop table', 'kind'],
    [`subject=${'x'.repeat(301)}`, 'subject'],
    ['type=alert', 'type'],
  ])('%s → 400 on %s', (query, param) => {
    const r = parseEventsQuery('1', q(query), NOW);
    expect(!r.ok && r.error.param).toBe(param);
  });
});
