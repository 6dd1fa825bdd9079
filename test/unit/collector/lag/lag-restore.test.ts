import { GroupStatusTracker } from '../../../../sidecar/src/collector/lag/group-status-values';
import type { GroupSnapshot, KeyedValue } from '../../../../sidecar/src/collector/lag/lag-math';
import {
  mergeWindows,
  rebuildWindows,
  restoreConsumerStatus,
  RESTORE_LOOKBACK_MS,
  type LagHistoryPoint,
} from '../../../../sidecar/src/collector/lag/lag-restore';
import { LagWindows } from '../../../../sidecar/src/collector/lag/lag-status';
import { silentLogger } from '../../../../sidecar/src/log/logger';

/** One collection of group `g` (topic `t`): per partition [committed, log end]; `assigned` = a live member owns every partition. */
interface Collection {
  at: number;
  parts: Record<number, [number, number]>;
  assigned?: boolean;
}

const S = 1000;
const MIN = 60 * S;

function inputs(c: Collection): { groups: GroupSnapshot[]; logEnds: Map<string, Map<number, number>> } {
  const entries = Object.entries(c.parts).map(([p, v]) => [Number(p), v] as const);
  return {
    groups: [
      {
        groupId: 'g',
        state: 'Stable',
        members: c.assigned ? 1 : 0,
        assigned: new Set(c.assigned ? entries.map(([p]) => `t\u0000${p}`) : []),
        committed: entries.map(([partition, [offset]]) => ({ topic: 't', partition, offset })),
      },
    ],
    logEnds: new Map([['t', new Map(entries.map(([p, [, end]]) => [p, end]))]]),
  };
}

const collect = (t: GroupStatusTracker, c: Collection): KeyedValue[] => {
  const { groups, logEnds } = inputs(c);
  return t.update('c1', groups, logEnds, c.at);
};

/** What the store holds of a collection: committed offset and lag per partition, to the second. */
const stored = (c: Collection): LagHistoryPoint[] =>
  Object.entries(c.parts).map(([p, [committed, end]]) => ({
    group: 'g',
    topic: 't',
    partition: Number(p),
    ts: Math.floor(c.at / S) * S,
    committed,
    lag: Math.max(0, end - committed),
  }));

const NAMES = ['OK', 'WARN', 'REWIND', 'STALL', 'STOP'];
const GROUP_NAMES = ['OK', 'WARN', 'ERR'];
/** `ERR STOP | 0:STOP 1:OK`, `-` for a status not given (unknown). */
function describe_(values: KeyedValue[]): string {
  const group = values.find((v) => v.key === 'group_status');
  const worst = values.find((v) => v.key === 'worst_partition_status');
  const parts = values
    .filter((v) => v.key === 'partition_status')
    .map((v) => `${v.labels.partition}:${NAMES[v.value]}`)
    .join(' ');
  return `${group ? GROUP_NAMES[group.value] : '-'} ${worst ? NAMES[worst.value] : '-'} | ${parts}`;
}

/** Collections every 10 s from `from`: offsets advance by `step` per partition, the log end by `produced`. */
function run(from: number, n: number, start: [number, number][], step: number, produced: number, assigned = true): Collection[] {
  return Array.from({ length: n }, (_, i) => ({
    at: from + i * 10 * S,
    assigned,
    parts: Object.fromEntries(start.map(([o, e], p) => [p, [o + i * step, e + i * produced]])),
  }));
}

const T0 = 1_700_000_000_000;
const live = run(T0, 30, [[100, 103]], 10, 10); // 5 min, commits follow the log end with a small lag
const stopAt = T0 + 5 * MIN;
const stopped = (n: number, assigned: boolean): Collection[] => run(stopAt, n, [[390, 393]], 0, 10, assigned); // no commit, log grows

interface Case {
  name: string;
  /** What the store holds (the collections before the restart, minus any the store missed). */
  history: Collection[];
  /** The first collection after the restart. */
  first: Collection;
  /** Expected first evaluation after the restart. */
  want: string;
  /** Whether a sidecar that never restarted (fed every collection of `history`) says the same. */
  sameAsWithoutRestart: boolean;
}

const cases: Case[] = [
  { name: 'live consumer', history: live, first: { at: stopAt, assigned: true, parts: { 0: [400, 402] } }, want: 'OK OK | 0:OK', sameAsWithoutRestart: true },
  {
    name: 'stopped an hour ago, nobody owns the partition: STOP',
    history: [...live, ...stopped(30, false), ...run(stopAt + 50 * MIN, 10, [[390, 1500]], 0, 10, false)],
    first: { at: stopAt + 55 * MIN, parts: { 0: [390, 1700] } },
    want: 'ERR STOP | 0:STOP',
    sameAsWithoutRestart: true,
  },
  {
    name: 'paused but owned: STALL',
    history: [...live, ...stopped(30, true)],
    first: { at: stopAt + 6 * MIN, assigned: true, parts: { 0: [390, 800] } },
    want: 'ERR STALL | 0:STALL',
    sameAsWithoutRestart: true,
  },
  {
    name: 'gap: the sidecar was down 20 min while the consumer kept going',
    history: live,
    first: { at: stopAt + 20 * MIN, assigned: true, parts: { 0: [5000, 5001] } },
    want: 'OK OK | 0:OK',
    sameAsWithoutRestart: true,
  },
  {
    name: 'gap: the consumer stopped while the sidecar was down 20 min',
    history: live,
    first: { at: stopAt + 20 * MIN, parts: { 0: [390, 2000] } },
    want: 'ERR STOP | 0:STOP',
    sameAsWithoutRestart: true,
  },
  {
    name: 'offset went backwards just before the restart: REWIND',
    history: [...live, { at: stopAt, assigned: true, parts: { 0: [50, 400] } }],
    first: { at: stopAt + 10 * S, assigned: true, parts: { 0: [60, 400] } },
    want: 'ERR REWIND | 0:REWIND',
    sameAsWithoutRestart: true,
  },
  {
    name: 'lag grows at every commit: WARN',
    history: run(T0, 12, [[100, 105]], 10, 15),
    first: { at: T0 + 120 * S, assigned: true, parts: { 0: [220, 290] } },
    want: 'WARN WARN | 0:WARN',
    sameAsWithoutRestart: true,
  },
  {
    name: 'caught up and idle for 40 min (nothing produced): OK, not STOP',
    history: [...live, ...run(stopAt, 240, [[393, 393]], 0, 0)],
    first: { at: stopAt + 40 * MIN, assigned: true, parts: { 0: [393, 393] } },
    want: 'OK OK | 0:OK',
    sameAsWithoutRestart: true,
  },
  {
    name: 'a partition dropped from the group in the history is not judged on its old window',
    history: [
      ...run(
        T0,
        10,
        [
          [100, 103],
          [50, 50],
        ],
        10,
        10,
      ),
      ...run(T0 + 100 * S, 3, [[200, 203]], 10, 10),
    ],
    first: { at: T0 + 130 * S, assigned: true, parts: { 0: [230, 233], 1: [150, 150] } },
    want: 'OK OK | 0:OK 1:OK',
    sameAsWithoutRestart: true,
  },
  {
    name: 'missing history (store empty) with lag: unknown, not OK',
    history: [],
    first: { at: stopAt, parts: { 0: [390, 2000] } },
    want: '- - | ',
    sameAsWithoutRestart: false,
  },
  {
    name: 'missing history of one partition while another is STOP: the group is ERR, its worst unknown',
    history: [...live, ...stopped(30, false)].map((c) => ({ ...c, parts: { 0: c.parts[0] as [number, number] } })),
    first: { at: stopAt + 6 * MIN, parts: { 0: [390, 800], 1: [10, 500] } },
    want: 'ERR STOP | 0:STOP',
    sameAsWithoutRestart: false,
  },
  {
    name: 'missing history of a caught-up partition: OK (lag 0 says so)',
    history: [],
    first: { at: stopAt, assigned: true, parts: { 0: [390, 390] } },
    want: 'OK OK | 0:OK',
    sameAsWithoutRestart: true,
  },
];

describe('consumer status across a restart: windows rebuilt from stored collections', () => {
  test.each(cases)('$name', ({ history, first, want, sameAsWithoutRestart }) => {
    const restarted = new GroupStatusTracker();
    restarted.restore('c1', history.flatMap(stored), first.at);
    const got = describe_(collect(restarted, first));
    expect(got).toBe(want);
    const never = new GroupStatusTracker();
    for (const c of history) collect(never, c);
    expect(describe_(collect(never, first)) === got).toBe(sameAsWithoutRestart);
  });

  test('a partition without history is judged once it can tell: STOP after STUCK_AFTER_MS with lag, OK once it commits', () => {
    const t = new GroupStatusTracker();
    t.restore('c1', [], T0);
    expect(describe_(collect(t, { at: T0, parts: { 0: [10, 50], 1: [10, 50] } }))).toBe('- - | ');
    expect(describe_(collect(t, { at: T0 + 4 * MIN, parts: { 0: [10, 60], 1: [20, 60] } }))).toBe('- - | 1:OK');
    expect(describe_(collect(t, { at: T0 + 5 * MIN, parts: { 0: [10, 70], 1: [30, 70] } }))).toBe('ERR STOP | 0:STOP 1:OK');
  });

  test('partitions first seen long after the restart are judged as always (a new group is OK at first)', () => {
    const t = new GroupStatusTracker();
    t.restore('c1', [], T0);
    expect(describe_(collect(t, { at: T0 + 10 * MIN, parts: { 0: [10, 50] } }))).toBe('OK OK | 0:OK');
  });

  test('restoring again later (the store back) keeps what the process saw since it started', () => {
    const t = new GroupStatusTracker();
    t.restore('c1', [], T0);
    const after = run(stopAt, 3, [[390, 400]], 0, 10, false);
    for (const c of after) collect(t, c);
    t.restore('c1', [...live, ...after].flatMap(stored), stopAt + 30 * S);
    expect(describe_(collect(t, { at: stopAt + 2 * MIN, parts: { 0: [390, 500] } }))).toBe('ERR STOP | 0:STOP');
  });

  test('rebuildWindows replays each collection: entries on offset changes only, oldest dropped past ten', () => {
    const windows = rebuildWindows(run(T0, 15, [[0, 5]], 1, 1).flatMap(stored)).get('g') as LagWindows;
    expect(windows.entries('t\u00000').map((e) => e.offset)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const same = rebuildWindows(run(T0, 5, [[7, 9]], 0, 0).flatMap(stored)).get('g') as LagWindows;
    expect(same.entries('t\u00000')).toEqual([{ ts: T0, offset: 7, lag: 2 }]);
  });

  test('mergeWindows lays newer entries of this process over the stored ones', () => {
    const mine = new LagWindows();
    mine.add('k', { ts: 5, offset: 50, lag: 1 });
    mine.add('k', { ts: 1, offset: 10, lag: 1 });
    const rebuilt = new LagWindows();
    rebuilt.add('k', { ts: 2, offset: 20, lag: 1 });
    const merged = mergeWindows(new Map([['g', rebuilt]]), new Map([['g', mine]])).get('g') as LagWindows;
    expect(merged.entries('k').map((e) => e.offset)).toEqual([20, 50]);
  });
});

describe('restoreConsumerStatus', () => {
  const history = { points: stored({ at: T0, parts: { 0: [1, 2] } }), lastStatus: new Map([['g', { ts: T0, value: 2 }]]) };

  test('reads the lookback of every cluster, restores the windows and seeds the status events', async () => {
    const reads: [string, number, number][] = [];
    const windows = { restore: jest.fn(() => ({ groups: 1, partitions: 1 })) };
    const events = { restoreGroupStatuses: jest.fn() };
    await restoreConsumerStatus({
      clusterIds: ['a', 'b'],
      read: async (cid, from, to) => (reads.push([cid, from, to]), history),
      windows,
      events,
      log: silentLogger,
      now: T0 + S,
    });
    expect(reads).toEqual([
      ['a', T0 + S - RESTORE_LOOKBACK_MS, T0 + S],
      ['b', T0 + S - RESTORE_LOOKBACK_MS, T0 + S],
    ]);
    expect(windows.restore).toHaveBeenCalledWith('a', history.points, T0 + S);
    expect(events.restoreGroupStatuses).toHaveBeenCalledWith('b', new Map([['g', 2]]));
  });

  test('a store that cannot be read leaves the partitions unknown (restored without history) and says so', async () => {
    const windows = { restore: jest.fn(() => ({ groups: 0, partitions: 0 })) };
    const events = { restoreGroupStatuses: jest.fn() };
    const warnings: string[] = [];
    await restoreConsumerStatus({
      clusterIds: ['a'],
      read: () => Promise.reject(new Error('ECONNREFUSED')),
      windows,
      events,
      log: { ...silentLogger, warn: (m: string) => void warnings.push(m) },
      now: T0,
    });
    expect(windows.restore).toHaveBeenCalledWith('a', [], T0);
    expect(events.restoreGroupStatuses).not.toHaveBeenCalled();
    expect(warnings).toEqual(['consumer status not restored: partitions stay unknown until their windows can tell']);
  });
});
