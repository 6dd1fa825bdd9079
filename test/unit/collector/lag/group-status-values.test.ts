import { GroupStatusTracker } from '../../../../sidecar/src/collector/lag/group-status-values';
import type { GroupSnapshot } from '../../../../sidecar/src/collector/lag/lag-math';

const snap = (groupId: string, offset: number | undefined): GroupSnapshot => ({ groupId, state: 'Stable', members: 1, ...(offset === undefined ? {} : { committed: [{ topic: 't', partition: 0, offset }] }) });
const ends = (high: number) => new Map([['t', new Map([[0, high]])]]);
const statusOf = (v: { key: string; labels: Record<string, string>; value: number }[], group: string) => v.find((x) => x.key === 'group_status' && x.labels.group === group)?.value;

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
