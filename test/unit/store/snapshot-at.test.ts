/** Pure parts of store/snapshot-at.ts: the table for a lookback window, targets' state as of an instant. */
import { sourceAt, targetsAt, type ValueAt } from '../../../sidecar/src/store/snapshot-at';

const DAY = 86_400;
const NOW = 1_790_000_000;

describe('sourceAt', () => {
  test('raw while raw retention holds the window, then the 1-minute rollup', () => {
    const retention = { rawDays: 7, minuteDays: 30, hourDays: 365 };
    expect(sourceAt(NOW - 600, NOW, retention)).toBe('raw');
    expect(sourceAt(NOW - 7 * DAY, NOW, retention)).toBe('raw');
    expect(sourceAt(NOW - 7 * DAY - 1, NOW, retention)).toBe('1m');
    expect(sourceAt(NOW - 20 * DAY, NOW)).toBe('raw'); // no retention known: raw
  });
});

describe('targetsAt', () => {
  const v = (target: string, ts: number): ValueAt => ({ target, kind: 'kafka-broker', metric: 'm.x', labels: {}, ts, value: 1 });
  const rows = [
    { key: 'broker-1', kind: 'kafka-broker', origin: 'config', firstSeenSec: NOW - DAY },
    { key: 'broker-2', kind: 'kafka-broker', origin: 'discovered', firstSeenSec: NOW - DAY },
    { key: 'broker-9', kind: 'kafka-broker', origin: 'discovered', firstSeenSec: NOW + 100 },
    { key: 'backfilled', kind: 'kafka-broker', origin: 'config', firstSeenSec: NOW + 100 },
  ];

  test('newest sample per target; none in the lookback = null (down); targets born later are left out unless they have samples', () => {
    const out = targetsAt(rows, [v('broker-1', NOW - 30), v('broker-1', NOW - 10), v('backfilled', NOW - 5)], NOW);
    expect(out).toEqual([
      { key: 'broker-1', kind: 'kafka-broker', origin: 'config', lastSampleSec: NOW - 10 },
      { key: 'broker-2', kind: 'kafka-broker', origin: 'discovered', lastSampleSec: null },
      { key: 'backfilled', kind: 'kafka-broker', origin: 'config', lastSampleSec: NOW - 5 },
    ]);
  });
});
