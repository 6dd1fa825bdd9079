import { seriesLimitEvent } from '../../../sidecar/src/events/series-limit';

describe('seriesLimitEvent', () => {
  test.each([
    [
      { state: 'hit', scope: 'target', target: 'broker-1', limit: 50000, dropped: 3 },
      'warning',
      'target=broker-1',
      /broker-1: more than 50000 new series in one cycle \(limits\.newSeriesPerTargetPerCycle\)/,
    ],
    [
      { state: 'cleared', scope: 'target', target: 'broker-1', limit: 50000, dropped: 900 },
      'info',
      'target=broker-1',
      /no longer dropping.*900 samples were dropped/,
    ],
    [{ state: 'hit', scope: 'cluster', limit: 1000000, dropped: 1 }, 'warning', 'cluster', /cluster c1: 1000000 series in all \(limits\.seriesPerCluster\)/],
  ] as const)('%o', (change, severity, subject, message) => {
    const e = seriesLimitEvent({ clusterId: 'c1', ts: 42, ...change });
    expect(e).toMatchObject({ clusterId: 'c1', ts: 42, kind: 'series-limit', severity, subject, value: change.dropped });
    expect(e.message).toMatch(message);
  });
});
