import { GroupStatusTracker } from '../../../../sidecar/src/collector/lag/group-status-values';
import type { GroupSnapshot } from '../../../../sidecar/src/collector/lag/lag-math';

const snap = (groupId: string, offset: number | undefined): GroupSnapshot => ({
  groupId,
  state: 'Stable',
  members: 1,
  ...(offset === undefined ? {} : { committed: [{ topic: 't', partition: 0, offset }] }),
});
const ends = (high: number) => new Map([['t', new Map([[0, high]])]]);
const statusOf = (v: { key: string; labels: Record<string, string>; value: number }[], group: string) =>
  v.find((x) => x.key === 'group_status' && x.labels.group === group)?.value;

describe('GroupStatusTracker', () => {
  test('a consumer that keeps up is OK; one that stops committing while lag grows becomes ERR', () => {
    const s = new GroupStatusTracker();
    // steady: commits follow the log end
    for (let i = 1; i <= 4; i++) expect(statusOf(s.update('c', [snap('ok', i * 10)], ends(i * 10), i * 1000), 'ok')).toBe(0);
    const t = new GroupStatusTracker();
    t.update('c', [snap('g', 10)], ends(20), 0);
    t.update('c', [snap('g', 20)], ends(30), 1000);
    // committed offset frozen at 20, the log keeps growing, long after the window span
    expect(statusOf(t.update('c', [snap('g', 20)], ends(90), 10_000), 'g')).toBe(2);
  });

  test('clusters have separate windows; collecting one does not reset the other', () => {
    const s = new GroupStatusTracker();
    s.update('a', [snap('g', 50)], ends(40), 0);
    s.update('b', [snap('g', 10)], ends(10), 0);
    // offset went backwards in cluster a only → REWIND → ERR
    expect(statusOf(s.update('a', [snap('g', 20)], ends(40), 1000), 'g')).toBe(2);
    expect(statusOf(s.update('b', [snap('g', 20)], ends(20), 1000), 'g')).toBe(0);
  });

  test('a group whose offsets could not be read keeps its history; a group that disappears is forgotten', () => {
    const s = new GroupStatusTracker();
    s.update('c', [snap('g', 50)], ends(60), 0);
    expect(s.update('c', [snap('g', undefined)], ends(60), 1000)).toEqual([]);
    // history kept: the rewind from 50 to 20 is still seen
    expect(statusOf(s.update('c', [snap('g', 20)], ends(60), 2000), 'g')).toBe(2);
    s.update('c', [], ends(60), 3000);
    // forgotten: starts fresh, a single point is OK
    expect(statusOf(s.update('c', [snap('g', 10)], ends(60), 4000), 'g')).toBe(0);
  });
});

describe('partition status and the worst one per group', () => {
  const worstOf = (v: { key: string; labels: Record<string, string>; value: number }[]) => v.find((x) => x.key === 'worst_partition_status')?.value;
  const partOf = (v: { key: string; labels: Record<string, string>; value: number }[]) =>
    v.filter((x) => x.key === 'partition_status').map((x) => [x.labels, x.value]);
  test.each<[string, Array<[number, number, number]>, number]>([
    // [committed, log end, at ms] per collection → expected code (0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP)
    [
      'keeps up',
      [
        [10, 10, 0],
        [20, 20, 1000],
        [30, 30, 2000],
      ],
      0,
    ],
    [
      'lag grows at every commit',
      [
        [10, 15, 0],
        [20, 30, 1000],
        [30, 50, 2000],
      ],
      1,
    ],
    [
      'offset goes back',
      [
        [50, 60, 0],
        [20, 60, 1000],
      ],
      2,
    ],
    [
      'stopped committing long ago with lag',
      [
        [10, 20, 0],
        [20, 30, 1000],
        [20, 90, 10_000],
      ],
      4,
    ],
  ])('%s', (_n, steps, code) => {
    const t = new GroupStatusTracker();
    let last: ReturnType<GroupStatusTracker['update']> = [];
    for (const [committed, end, at] of steps) last = t.update('c', [snap('g', committed)], ends(end), at);
    expect(worstOf(last)).toBe(code);
    expect(partOf(last)).toEqual([[{ group: 'g', topic: 't', partition: '0' }, code]]);
  });
});
