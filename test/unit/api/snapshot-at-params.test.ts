/**
 * `at` of GET /clusters/:cid/snapshot and /consumer-groups (time machine): ms or ISO, validated,
 * never in the future (a few seconds of clock skew tolerated), named in the 400 when wrong;
 * absent = the live snapshot / the latest groups. Both endpoints take the same cases the same way.
 */
import { AT_CLOCK_SKEW_MS, parseConsumerGroupsQuery, parseSnapshotQuery } from '../../../sidecar/src/api/params';

const NOW = Date.UTC(2026, 10, 25, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

/** Accepted `at` values and the ms they mean. */
const GOOD_AT: Array<[string, number]> = [
  [String(NOW - 600_000), NOW - 600_000],
  ['2026-11-25T11:50:00Z', Date.UTC(2026, 10, 25, 11, 50)],
  ['2026-11-25T20:50:00+09:00', Date.UTC(2026, 10, 25, 11, 50)],
  ['2026-11-25 11:50:30.250Z', Date.UTC(2026, 10, 25, 11, 50, 30, 250)],
  ['2026-11-24', Date.UTC(2026, 10, 24)],
  [String(NOW), NOW],
  [String(NOW + AT_CLOCK_SKEW_MS), NOW + AT_CLOCK_SKEW_MS],
];

/** Refused `at` queries and the reason given. */
const BAD_AT: Array<[string, string]> = [
  ['at=' + (NOW + AT_CLOCK_SKEW_MS + 1), 'must not be in the future'],
  ['at=2027-01-01T00:00:00Z', 'must not be in the future'],
  ['at=yesterday', 'must be a time in ms or ISO-8601'],
  ['at=', 'must be a time in ms or ISO-8601'],
  ['at=-5', 'must be a time in ms or ISO-8601'],
  ['at=1e12', 'must be a time in ms or ISO-8601'],
  ['at=NaN', 'must be a time in ms or ISO-8601'],
  ['at=2026-13-45T99:99:99Z', 'must be a time in ms or ISO-8601'],
  ["at=1' OR '1'='1", 'must be a time in ms or ISO-8601'],
  ['at=99999999999999999', 'must be a time in ms or ISO-8601'],
  ['at=1&at=2', 'must be given once'],
];

describe('snapshot ?at=', () => {
  test('absent: no `at` in the query (the live snapshot)', () => {
    const r = parseSnapshotQuery('1', q('view=kafka'), NOW);
    expect(r).toEqual({ ok: true, value: { cluster: '1', view: 'kafka', partitions: false } });
  });

  test.each(GOOD_AT)('at=%s → %d', (raw, want) => {
    const r = parseSnapshotQuery('1', q(`view=zookeeper&at=${encodeURIComponent(raw)}`), NOW);
    expect(r.ok && r.value).toEqual({ cluster: '1', view: 'zookeeper', partitions: false, at: want });
  });

  test.each(BAD_AT)('%s → 400 naming at', (query, message) => {
    const r = parseSnapshotQuery('1', q('view=kafka&' + query), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(400);
    expect(r.error.code).toBe('BAD_PARAMETER');
    expect(r.error.message).toContain('at');
    expect(r.error.message).toContain(message);
  });

  test('the other parameters are still checked with at', () => {
    const r = parseSnapshotQuery('1', q(`at=${NOW - 1000}`), NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('view');
    const p = parseSnapshotQuery('1', q(`view=kafka&partitions=1&at=${NOW - 1000}`), NOW);
    expect(p.ok && p.value).toEqual({ cluster: '1', view: 'kafka', partitions: true, at: NOW - 1000 });
  });

  test('without a clock argument the real clock decides what is future', () => {
    expect(parseSnapshotQuery('1', q(`view=kafka&at=${Date.now() - 1000}`)).ok).toBe(true);
    expect(parseSnapshotQuery('1', q(`view=kafka&at=${Date.now() + 3_600_000}`)).ok).toBe(false);
  });
});

describe('consumer-groups ?at=', () => {
  test('absent: no `at` in the query (the latest groups); token and _dc allowed', () => {
    expect(parseConsumerGroupsQuery('1', q(''), NOW)).toEqual({ ok: true, value: { cluster: '1' } });
    expect(parseConsumerGroupsQuery('1', q('token=x&_dc=123'), NOW)).toEqual({ ok: true, value: { cluster: '1' } });
  });

  test.each(GOOD_AT)('at=%s → %d', (raw, want) => {
    const r = parseConsumerGroupsQuery('c-1', q(`at=${encodeURIComponent(raw)}`), NOW);
    expect(r.ok && r.value).toEqual({ cluster: 'c-1', at: want });
  });

  test.each(BAD_AT)('%s → the same 400 as the snapshot gives', (query, message) => {
    const r = parseConsumerGroupsQuery('1', q(query), NOW);
    expect(!r.ok && [r.error.status, r.error.code, r.error.param]).toEqual([400, 'BAD_PARAMETER', 'at']);
    expect(!r.ok && r.error.message).toContain(message);
    const snap = parseSnapshotQuery('1', q('view=kafka&' + query), NOW);
    expect(!snap.ok && snap.error.toBody()).toEqual(!r.ok && r.error.toBody());
  });

  test.each(['view=kafka', 'partitions=1', 'from=1', 'At=1'])('unknown parameter %s → 400, also next to a valid at', (extra) => {
    for (const query of [extra, `at=${NOW - 1000}&${extra}`]) {
      const r = parseConsumerGroupsQuery('1', q(query), NOW);
      expect(!r.ok && [r.error.status, r.error.message]).toEqual([400, expect.stringContaining('unknown parameter')]);
    }
  });

  test('a bad cluster id is refused; the real clock decides what is future without a clock argument', () => {
    const bad = parseConsumerGroupsQuery('../x', q(`at=${NOW - 1000}`), NOW);
    expect(!bad.ok && bad.error.param).toBe('cluster');
    expect(parseConsumerGroupsQuery('1', q(`at=${Date.now() - 1000}`)).ok).toBe(true);
    expect(parseConsumerGroupsQuery('1', q(`at=${Date.now() + 3_600_000}`)).ok).toBe(false);
  });
});
