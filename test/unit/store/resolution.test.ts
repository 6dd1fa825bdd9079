/** Choosing raw / 1m / 1h by step and retention, and cutting a window into pieces. */
import { chooseSource, DEFAULT_RETENTION, planPieces, retains, ROLLUP_SETTLE_S } from '../../../sidecar/src/store/resolution';

const DAY = 86400;
const NOW = 1_795_000_000 - (1_795_000_000 % 3600) + 1234; // inside an hour, not on a minute
const R = DEFAULT_RETENTION;

describe('chooseSource', () => {
  const q = (fromAgoS: number, stepSec: number, retention = R) => chooseSource({ fromSec: NOW - fromAgoS, toSec: NOW, stepSec, nowSec: NOW, retention });

  test('the coarsest table whose bucket divides the step', () => {
    expect(q(900, 10)).toBe('raw');
    expect(q(900, 30)).toBe('raw');
    expect(q(900, 90)).toBe('raw'); // 90 s is not a whole number of minutes
    expect(q(3 * 3600, 60)).toBe('1m');
    expect(q(DAY, 300)).toBe('1m');
    expect(q(DAY, 1800)).toBe('1m');
    expect(q(2 * DAY, 3600)).toBe('1h');
    expect(q(30 * DAY, 10800)).toBe('1h'); // the 30-day chart, 300 points
    expect(q(365 * DAY, 86400)).toBe('1h');
  });

  test('never a table whose retention no longer covers the start of the window', () => {
    expect(q(8 * DAY, 10)).toBe('1m'); // raw kept 7 days
    expect(q(7 * DAY, 10)).toBe('raw'); // exactly at the cut-off is still kept
    expect(q(31 * DAY, 60)).toBe('1h');
    expect(q(31 * DAY, 10)).toBe('1h');
    expect(q(400 * DAY, 10)).toBe('1h'); // nothing is older than 1h: last resort
    expect(q(8 * DAY, 10, { rawDays: 14, minuteDays: 30, hourDays: 365 })).toBe('raw');
  });

  test('without retention the step alone decides', () => {
    expect(chooseSource({ fromSec: 0, toSec: NOW, stepSec: 10, nowSec: NOW })).toBe('raw');
    expect(retains('raw', 0, NOW)).toBe(true);
  });
});

describe('planPieces', () => {
  test('raw is one piece', () => {
    expect(planPieces(100, 200, 'raw', NOW, R)).toEqual([{ source: 'raw', fromSec: 100, toSec: 200 }]);
  });

  test('1h: whole hours from 1h, ragged ends from 1m, then raw, all inside retention', () => {
    const h = NOW - 1234; // hour start
    const from = h - 2 * 86400 - 125; // 2 min 5 s before an hour boundary
    expect(planPieces(from, NOW, '1h', NOW, R)).toEqual([
      { source: 'raw', fromSec: from, toSec: from + 4 }, // up to the next minute
      { source: '1m', fromSec: from + 5, toSec: h - 2 * 86400 - 1 },
      { source: '1h', fromSec: h - 2 * 86400, toSec: h - 1 },
      { source: '1m', fromSec: h, toSec: h + 1080 - 1 }, // minutes computed by now (ended ≥ ROLLUP_SETTLE_S ago)
      { source: 'raw', fromSec: h + 1080, toSec: NOW },
    ]);
  });

  test('buckets not computed yet by the writer are read from the finer table', () => {
    const h = NOW - 1234;
    // the hour that ended 60 s ago is not trusted yet: its minutes (and the last ones from raw) are read
    const ps = planPieces(h - 3600, h + 59, '1h', h + 60, R);
    expect(ps).toEqual([
      { source: '1m', fromSec: h - 3600, toSec: h - 60 - 1 },
      { source: 'raw', fromSec: h - 60, toSec: h + 59 },
    ]);
    expect(ROLLUP_SETTLE_S).toBe(120);
  });

  test('pieces cover the window exactly once, without gaps', () => {
    for (const [from, to] of [
      [NOW - 5 * DAY + 7, NOW],
      [NOW - 3 * 3600 - 59, NOW - 61],
      [NOW - 100, NOW],
    ]) {
      const ps = planPieces(from as number, to as number, '1h', NOW, R);
      expect(ps[0]?.fromSec).toBe(from);
      expect(ps[ps.length - 1]?.toSec).toBe(to);
      for (let i = 1; i < ps.length; i++) expect(ps[i]?.fromSec).toBe((ps[i - 1]?.toSec ?? 0) + 1);
    }
  });

  test('30 days back: the head minute comes whole from 1m (raw is gone there), the rest from 1h, the tail exact', () => {
    const from = NOW - 30 * DAY + 7;
    const ps = planPieces(from, NOW, '1h', NOW, R);
    expect(ps[0]).toEqual({ source: '1m', fromSec: from - (from % 60), toSec: from - (from % 60) + 59 });
    expect(ps.map((p) => p.source)).toEqual(['1m', '1m', '1h', '1m', 'raw']);
  });

  test('an end older than the finer tables keep is read as the whole coarse bucket', () => {
    const h = NOW - 1234;
    const from = h - 40 * DAY + 600; // 10 min into an hour, 40 days ago: no 1m, no raw there
    const ps = planPieces(from, NOW, '1h', NOW, R);
    expect(ps[0]).toEqual({ source: '1h', fromSec: h - 40 * DAY, toSec: h - 40 * DAY + 3599 });
    expect(ps[1]).toEqual({ source: '1h', fromSec: h - 40 * DAY + 3600, toSec: h - 1 });
  });

  test('a window inside one bucket falls to the finer table', () => {
    expect(planPieces(NOW - 30, NOW, '1m', NOW, R)).toEqual([{ source: 'raw', fromSec: NOW - 30, toSec: NOW }]);
    expect(planPieces(NOW - 30 - 40 * DAY, NOW - 40 * DAY, '1h', NOW, R)).toEqual([
      { source: '1h', fromSec: Math.floor((NOW - 30 - 40 * DAY) / 3600) * 3600, toSec: NOW - 40 * DAY },
    ]);
    expect(planPieces(10, 5, '1h', NOW, R)).toEqual([]);
  });
});
