import { groupStatus, LagWindows, partitionStatus, STUCK_AFTER_MS, type OffsetEntry } from '../../../sidecar/src/collector/lag/lag-status';

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
    ['one offset only, lag, not for long', w([0, 10, 5]), STUCK_AFTER_MS - 1, 'OK'],
    ['one offset only, lag for STUCK_AFTER_MS', w([0, 10, 5]), STUCK_AFTER_MS, 'STOP'],
    ['one offset only, no lag, however long', w([0, 10, 0]), 10 * STUCK_AFTER_MS, 'OK'],
    ['no data at all', [], 100, 'OK'],
  ])('%s → %s', (_name, window, now, expected) => {
    expect(partitionStatus(window, now)).toBe(expected);
  });

  test.each<[string, OffsetEntry[], number, boolean, string]>([
    ['not committing, partition owned by a live member', w([0, 10, 5], [10, 20, 5], [20, 30, 5]), 50, true, 'STALL'],
    ['not committing, nobody owns the partition', w([0, 10, 5], [10, 20, 5], [20, 30, 5]), 50, false, 'STOP'],
    ['one offset only for long, owned', w([0, 10, 5]), STUCK_AFTER_MS, true, 'STALL'],
    ['owned and moving is just OK', w([0, 10, 9], [10, 20, 7], [20, 30, 5]), 25, true, 'OK'],
    ['owned but rewound is REWIND', w([0, 50, 1], [10, 20, 3], [20, 30, 2]), 25, true, 'REWIND'],
    ['owned, caught up, not committing is OK', w([0, 10, 0], [10, 20, 0], [20, 20, 0]), 100, true, 'OK'],
  ])('with membership: %s → %s', (_name, window, now, assigned, expected) => {
    expect(partitionStatus(window, now, { assigned })).toBe(expected);
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

test('windows: a quiet caught-up partition is not a stop when a burst arrives', () => {
  const lw = new LagWindows(5);
  lw.add('k', { ts: 0, offset: 10, lag: 0 });
  lw.add('k', { ts: 10, offset: 20, lag: 0 });
  // an hour with nothing to consume: the offset stays, lag 0
  for (let ts = 20; ts <= 3600; ts += 10) lw.add('k', { ts, offset: 20, lag: 0 });
  // a burst: 500 new messages, the consumer has not committed yet
  lw.add('k', { ts: 3610, offset: 20, lag: 500 });
  expect(lw.status('k', 3610, 500)).toBe('OK');
  // ... but if it never commits them, it is stopped once that lasts longer than the window spans
  for (let ts = 3620; ts <= 7300; ts += 10) lw.add('k', { ts, offset: 20, lag: 500 });
  expect(lw.status('k', 7300, 500)).toBe('STOP');
  expect(lw.status('k', 7300, 500, { assigned: true })).toBe('STALL');
});

test('windows: a partition stuck since it was first seen turns STOP / STALL after STUCK_AFTER_MS', () => {
  const lw = new LagWindows(5);
  for (let ts = 0; ts < STUCK_AFTER_MS; ts += 10_000) lw.add('k', { ts, offset: 7, lag: 40 + ts / 1000 });
  expect(lw.status('k', STUCK_AFTER_MS - 10_000, 330)).toBe('OK');
  expect(lw.status('k', STUCK_AFTER_MS, 340)).toBe('STOP');
  expect(lw.status('k', STUCK_AFTER_MS, 340, { assigned: true })).toBe('STALL');
});
