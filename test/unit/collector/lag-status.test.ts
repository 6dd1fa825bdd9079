import { groupStatus, LagWindows, partitionStatus, type OffsetEntry } from '../../../sidecar/src/collector/lag/lag-status';

const w = (...e: Array<[number, number, number]>): OffsetEntry[] => e.map(([ts, offset, lag]) => ({ ts, offset, lag }));

describe('Burrow rules, partition by partition', () => {
  test.each<[string, OffsetEntry[], number, string]>([
    ['too little data', w([0, 10, 5]), 10, 'OK'],
    ['caught up at some point', w([0, 10, 5], [10, 20, 0], [20, 30, 4]), 25, 'OK'],
    ['moving, lag going down', w([0, 10, 9], [10, 20, 7], [20, 30, 5]), 25, 'OK'],
    ['moving, but lag grows at every commit', w([0, 10, 1], [10, 20, 3], [20, 30, 6]), 25, 'WARN'],
    ['committed offset went backwards', w([0, 50, 1], [10, 20, 3], [20, 30, 2]), 25, 'REWIND'],
    ['no commit for longer than the window spans', w([0, 10, 5], [10, 20, 5], [20, 30, 5]), 50, 'STOP'],
    ['stopped but nothing to consume is not STOP', w([0, 10, 0], [10, 20, 0], [20, 20, 0]), 100, 'OK'],
    ['offset stuck while lag stays', w([0, 10, 5], [10, 10, 5], [20, 10, 7]), 25, 'STALL'],
  ])('%s → %s', (_name, window, now, expected) => {
    expect(partitionStatus(window, now)).toBe(expected);
  });
});

test.each<[string[], string]>([
  [['OK', 'OK'], 'OK'],
  [['OK', 'WARN'], 'WARN'],
  [['WARN', 'STALL'], 'ERR'],
  [['OK', 'STOP'], 'ERR'],
  [['REWIND'], 'ERR'],
])('group of %p → %s', (parts, expected) => {
  expect(groupStatus(parts as never)).toBe(expected);
});

test('windows: entries only on new commits; a consumer that stops committing turns STOP as time passes', () => {
  const lw = new LagWindows(5);
  lw.add('k', { ts: 0, offset: 10, lag: 2 });
  lw.add('k', { ts: 10, offset: 20, lag: 3 });
  lw.add('k', { ts: 20, offset: 30, lag: 2 });
  expect(lw.status('k', 20, 2)).toBe('OK');
  // the consumer stops: the committed offset stays at 30 while lag grows
  for (const ts of [30, 40, 50]) lw.add('k', { ts, offset: 30, lag: 10 + ts });
  expect(lw.status('k', 50, 60)).toBe('STOP');
  lw.retain(new Set());
  expect(lw.status('k', 60, 60)).toBe('OK');
});
