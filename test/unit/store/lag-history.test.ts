import { lagHistoryFromRows, type LagHistoryRow } from '../../../sidecar/src/store/lag-history';

const C = 'kafka.consumer_group.committed_offset';
const L = 'kafka.consumer_group.lag';
const ST = 'kafka.consumer_group.status';
const gtp = (group: string, partition: string, topic = 't') => ({ group, topic, partition });

describe('lagHistoryFromRows: stored rows → points and last statuses', () => {
  test.each<[string, LagHistoryRow[], string[], Record<string, [number, number]>]>([
    ['nothing stored', [], [], {}],
    [
      'committed and lag of the same second pair up, oldest first, seconds → ms',
      [
        { metric: L, labels: gtp('g', '0'), ts: 20, value: 3 },
        { metric: C, labels: gtp('g', '0'), ts: 20, value: 110 },
        { metric: C, labels: gtp('g', '0'), ts: 10, value: 100 },
        { metric: L, labels: gtp('g', '0'), ts: 10, value: 5 },
      ],
      ['g t/0 @10000 100 lag 5', 'g t/0 @20000 110 lag 3'],
      {},
    ],
    [
      'a committed offset without its lag (log end unknown) and a lag without its offset are left out',
      [
        { metric: C, labels: gtp('g', '0'), ts: 10, value: 100 },
        { metric: L, labels: gtp('g', '1'), ts: 10, value: 4 },
        { metric: C, labels: gtp('g', '1'), ts: 11, value: 7 },
      ],
      [],
      {},
    ],
    [
      'groups, topics and partitions kept apart; names with odd characters as they are',
      [
        { metric: C, labels: gtp('a"b', '1', 'x/y'), ts: 10, value: 1 },
        { metric: L, labels: gtp('a"b', '1', 'x/y'), ts: 10, value: 0 },
        { metric: C, labels: gtp('a"b', '1', 'x'), ts: 10, value: 2 },
        { metric: L, labels: gtp('a"b', '1', 'x'), ts: 10, value: 9 },
      ],
      ['a"b x/1 @10000 2 lag 9', 'a"b x/y/1 @10000 1 lag 0'],
      {},
    ],
    [
      'the newest status per group; rows without a group or with a bad partition ignored',
      [
        { metric: ST, labels: { group: 'g' }, ts: 30, value: 2 },
        { metric: ST, labels: { group: 'g' }, ts: 10, value: 0 },
        { metric: ST, labels: { group: 'h' }, ts: 5, value: 1 },
        { metric: C, labels: { topic: 't', partition: '0' }, ts: 10, value: 1 },
        { metric: C, labels: gtp('g', 'x'), ts: 10, value: 1 },
        { metric: L, labels: gtp('g', 'x'), ts: 10, value: 1 },
      ],
      [],
      { g: [30_000, 2], h: [5_000, 1] },
    ],
  ])('%s', (_name, rows, points, statuses) => {
    const h = lagHistoryFromRows(rows);
    expect(h.points.map((p) => `${p.group} ${p.topic}/${p.partition} @${p.ts} ${p.committed} lag ${p.lag}`)).toEqual(points);
    expect(Object.fromEntries([...h.lastStatus].map(([g, s]) => [g, [s.ts, s.value]]))).toEqual(statuses);
  });
});
