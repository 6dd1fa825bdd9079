import { GroupTracker, rebalanceEvent, statusEvent, statusReasons } from '../../../sidecar/src/events/group-tracker';
import type { Sample } from '../../../sidecar/src/core/model';

interface GroupSpec {
  state?: number;
  members?: number;
  status?: number;
  /** partition → its status code as the collector gave it (partition_status) */
  parts?: Record<string, number>;
}

/** A lag collection (target `cluster`) of some groups at `ts`. */
function lagBatch(ts: number, groups: Record<string, GroupSpec>): Sample[] {
  const out: Sample[] = [];
  const s = (metric: string, labels: Record<string, string>, value: number) => out.push({ clusterId: 'c1', target: 'cluster', metric, labels, ts, value });
  s('kafka.topic.partitions', { topic: 'orders' }, 6);
  for (const [group, g] of Object.entries(groups)) {
    if (g.members !== undefined) s('kafka.consumer_group.members', { group }, g.members);
    if (g.state !== undefined) s('kafka.consumer_group.state', { group }, g.state);
    for (const [p, code] of Object.entries(g.parts ?? {})) {
      s('kafka.consumer_group.lag', { group, topic: 'orders', partition: p }, 5);
      s('kafka.consumer_group.partition_status', { group, topic: 'orders', partition: p }, code);
    }
    if (g.status !== undefined) s('kafka.consumer_group.status', { group }, g.status);
  }
  return out;
}

const messages = (t: GroupTracker, ts: number, groups: Record<string, GroupSpec>) =>
  t.observe('c1', lagBatch(ts, groups)).map((e) => `${e.kind} ${e.severity} ${e.subject} ${e.value}: ${e.message}`);

describe('GroupTracker: rebalances', () => {
  test('state changes step by step; the first value is the baseline', () => {
    const t = new GroupTracker();
    const steps: [number, number, string[]][] = [
      [3, 2, []],
      [3, 2, []],
      [1, 2, ['group-rebalance info group=g 1: Consumer group g started a rebalance (Stable → PreparingRebalance, 2 members)']],
      [2, 1, ['group-rebalance info group=g 2: Consumer group g is rebalancing (PreparingRebalance → CompletingRebalance, 1 member)']],
      [3, 1, ['group-rebalance info group=g 3: Consumer group g is stable (CompletingRebalance → Stable, 1 member)']],
      [5, 0, ['group-rebalance warning group=g 5: Consumer group g has no members left: nothing consumes (Stable → Empty)']],
      [4, 0, ['group-rebalance warning group=g 4: Consumer group g is dead (Empty → Dead)']],
      [0, 0, ['group-rebalance info group=g 0: Consumer group g changed state (Dead → Unknown, 0 members)']],
    ];
    steps.forEach(([state, members, want], i) => expect([i, messages(t, i * 10_000, { g: { state, members } })]).toEqual([i, want]));
  });

  test('groups apart; a group that left and came back starts a new baseline; a failed collection changes nothing', () => {
    const t = new GroupTracker();
    messages(t, 0, { a: { state: 3 }, b: { state: 3 } });
    expect(messages(t, 1, { a: { state: 1 }, b: { state: 3 } })).toEqual([
      'group-rebalance info group=a 1: Consumer group a started a rebalance (Stable → PreparingRebalance)',
    ]);
    expect(messages(t, 2, { a: { state: 1 } })).toEqual([]); // b gone: forgotten
    expect(messages(t, 3, { a: { state: 1 }, b: { state: 5 } })).toEqual([]); // b is new again: baseline
    expect(t.observe('c1', [])).toEqual([]); // a failed lag collection
    expect(t.observe('c1', [{ clusterId: 'c1', target: 'broker-1', metric: 'kafka.broker.partitions', labels: {}, ts: 4, value: 1 }])).toEqual([]);
    expect(messages(t, 5, { a: { state: 3 }, b: { state: 5 } })).toEqual([
      'group-rebalance info group=a 3: Consumer group a is stable (PreparingRebalance → Stable)',
    ]);
  });
});

describe('GroupTracker: Burrow-style status', () => {
  test('consumers stop: lag grows without commits, status OK → ERR names STOP; commits again → OK', () => {
    const t = new GroupTracker();
    const got: string[][] = [];
    // running
    for (let i = 0; i <= 4; i++) got.push(messages(t, i * 10_000, { g: { state: 3, status: 0, parts: { 0: 0, 1: 0 } } }));
    // stopped at 40 s: the collector says STOP from 90 s
    for (let i = 5; i <= 9; i++) {
      const stop = i * 10_000 - 40_000 > 40_000;
      got.push(messages(t, i * 10_000, { g: { state: 5, status: stop ? 2 : 0, parts: stop ? { 0: 4, 1: 4 } : { 0: 0, 1: 0 } } }));
    }
    got.push(messages(t, 100_000, { g: { state: 3, status: 0, parts: { 0: 0, 1: 0 } } }));
    expect(got.filter((m) => m.length)).toEqual([
      ['group-rebalance warning group=g 5: Consumer group g has no members left: nothing consumes (Stable → Empty)'],
      [
        'group-status-changed critical group=g 2: Consumer group g status OK → ERR: STOP on 2 partitions (no commit for longer than the window spans while lag is > 0)',
      ],
      ['group-rebalance info group=g 3: Consumer group g is stable (Empty → Stable)', 'group-status-changed info group=g 0: Consumer group g status ERR → OK'],
    ]);
    expect(got[9]).toHaveLength(1); // the status event came at 90 s, the first collection with STOP
  });

  test('lag growing at every commit is WARN (a warning); an offset going backwards is REWIND', () => {
    const t = new GroupTracker();
    messages(t, 0, { g: { status: 0, parts: { 0: 0 } } });
    expect(messages(t, 10_000, { g: { status: 1, parts: { 0: 1 } } })).toEqual([
      'group-status-changed warning group=g 1: Consumer group g status OK → WARN: WARN on 1 partition (lag grew at every commit)',
    ]);
    expect(messages(t, 20_000, { g: { status: 2, parts: { 0: 2 } } })).toEqual([
      'group-status-changed critical group=g 2: Consumer group g status WARN → ERR: REWIND on 1 partition (the committed offset went backwards)',
    ]);
  });

  test('the reasons name what the collector gave: STALL when a member owns the partition', () => {
    const t = new GroupTracker();
    messages(t, 0, { g: { status: 0, parts: { 0: 0, 1: 0 } } });
    expect(messages(t, 10_000, { g: { status: 2, parts: { 0: 3, 1: 0 } } })).toEqual([
      'group-status-changed critical group=g 2: Consumer group g status OK → ERR: STALL on 1 partition (commits do not move while lag stays or grows)',
    ]);
  });

  test('status without partition values (offsets not readable this time): event without reasons', () => {
    const t = new GroupTracker();
    messages(t, 0, { g: { status: 0, parts: { 0: 0 } } });
    expect(messages(t, 10_000, { g: { status: 2 } })).toEqual(['group-status-changed critical group=g 2: Consumer group g status OK → ERR']);
  });
});

describe('GroupTracker: across a restart (baseline = the last stored status)', () => {
  const restarted = (last: Record<string, number>): GroupTracker => {
    const t = new GroupTracker();
    t.restore('c1', new Map(Object.entries(last)));
    return t;
  };

  test('ERR before and after the restart: no event (no ERR → OK → ERR of its own making)', () => {
    const t = restarted({ g: 2 });
    expect(messages(t, 0, { g: { state: 5, status: 2, parts: { 0: 4 } } })).toEqual([]);
    expect(messages(t, 10_000, { g: { state: 5, status: 2, parts: { 0: 4 } } })).toEqual([]);
  });

  test('status unknown at first (no history): nothing; once known and still ERR: nothing', () => {
    const t = restarted({ g: 2 });
    expect(messages(t, 0, { g: { state: 5 } })).toEqual([]);
    expect(messages(t, 300_000, { g: { state: 5, status: 2, parts: { 0: 4 } } })).toEqual([]);
  });

  test('a change while the sidecar was down is reported once, with its reasons', () => {
    const t = restarted({ g: 0, h: 2 });
    expect(messages(t, 0, { g: { status: 2, parts: { 0: 4 } }, h: { status: 0, parts: { 0: 0 } } })).toEqual([
      'group-status-changed critical group=g 2: Consumer group g status OK → ERR: STOP on 1 partition (no commit for longer than the window spans while lag is > 0)',
      'group-status-changed info group=h 0: Consumer group h status ERR → OK',
    ]);
    expect(messages(t, 10_000, { g: { status: 2, parts: { 0: 4 } }, h: { status: 0, parts: { 0: 0 } } })).toEqual([]);
  });

  test('a group already followed keeps its own baseline', () => {
    const t = new GroupTracker();
    messages(t, 0, { g: { status: 0, parts: { 0: 0 } } });
    t.restore('c1', new Map([['g', 2]]));
    expect(messages(t, 10_000, { g: { status: 0, parts: { 0: 0 } } })).toEqual([]);
  });
});

describe('pure builders', () => {
  test.each([
    [['OK', 'OK'], ''],
    [['STALL', 'OK', 'STALL', 'WARN'], 'STALL on 2 partitions (commits do not move while lag stays or grows); WARN on 1 partition (lag grew at every commit)'],
    [
      ['STOP', 'REWIND'],
      'REWIND on 1 partition (the committed offset went backwards); STOP on 1 partition (no commit for longer than the window spans while lag is > 0)',
    ],
  ] as const)('statusReasons %j', (parts, want) => {
    expect(statusReasons(parts)).toBe(want);
  });

  test('unknown codes are shown as codes', () => {
    expect(statusEvent('c', 1, 'g', 0, 7, '').message).toBe('Consumer group g status OK → code 7');
    expect(rebalanceEvent('c', 1, 'g', 3, 42).message).toBe('Consumer group g changed state (Stable → code 42)');
  });
});
