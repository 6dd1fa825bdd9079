/**
 * `at` of GET /clusters/:cid/snapshot (time machine): ms or ISO, validated, never in the future
 * (a few seconds of clock skew tolerated), named in the 400 when wrong; absent = the live snapshot.
 */
import { AT_CLOCK_SKEW_MS, parseSnapshotQuery } from '../../../sidecar/src/api/params';

const NOW = Date.UTC(2026, 10, 25, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('snapshot ?at=', () => {
  test('absent: no `at` in the query (the live snapshot)', () => {
    const r = parseSnapshotQuery('1', q('view=kafka'), NOW);
    expect(r).toEqual({ ok: true, value: { cluster: '1', view: 'kafka', partitions: false } });
  });

  test.each([
    [String(NOW - 600_000), NOW - 600_000],
    ['2026-11-25T11:50:00Z', Date.UTC(2026, 10, 25, 11, 50)],
    ['2026-11-25T20:50:00+09:00', Date.UTC(2026, 10, 25, 11, 50)],
    ['2026-11-25 11:50:30.250Z', Date.UTC(2026, 10, 25, 11, 50, 30, 250)],
    ['2026-11-24', Date.UTC(2026, 10, 24)],
    [String(NOW), NOW],
    [String(NOW + AT_CLOCK_SKEW_MS), NOW + AT_CLOCK_SKEW_MS],
  ])('at=%s → %d', (raw, want) => {
    const r = parseSnapshotQuery('1', q(`view=zookeeper&at=${encodeURIComponent(raw)}`), NOW);
    expect(r.ok && r.value).toEqual({ cluster: '1', view: 'zookeeper', partitions: false, at: want });
  });

  test.each([
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
  ])('%s → 400 naming at', (query, message) => {
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
