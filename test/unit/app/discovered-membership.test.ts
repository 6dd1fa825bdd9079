/** Discovered brokers that leave /brokers/ids stay targets for a while (pure, table-driven by rounds). */
import { reconcileDiscovered } from '../../../sidecar/src/app/discovered-membership';
import type { Target } from '../../../sidecar/src/core/model';

const H = 3_600_000;
const broker = (key: string, origin: Target['origin'] = 'discovered'): Target => ({
  clusterId: 'c',
  key,
  kind: 'kafka-broker',
  jolokiaUrl: `http://h:${key}/jolokia`,
  origin,
});
const keys = (ts: Target[]): string[] => ts.map((t) => t.key).sort();

/** Runs discovery rounds: each round is [time, keys in /brokers/ids]; returns what each round reported. */
function rounds(configured: Target[], steps: Array<[number, string[]]>, forgetAfterMs = 24 * H) {
  let targets: Target[] = [];
  let leftAt = new Map<string, number>();
  return steps.map(([now, inZk]) => {
    const r = reconcileDiscovered(
      targets,
      configured,
      inZk.map((k) => broker(k)),
      leftAt,
      now,
      forgetAfterMs,
    );
    targets = r.targets;
    leftAt = r.leftAt;
    return { targets: keys(r.targets), joined: keys(r.joined), left: r.left, forgotten: r.forgotten, absent: [...r.leftAt.keys()] };
  });
}

test('a broker that leaves stays a target until forgetAfterMs, then is forgotten once', () => {
  const r = rounds(
    [],
    [
      [0, ['b1', 'b2', 'b3']],
      [10_000, ['b1', 'b3']],
      [20_000, ['b1', 'b3']],
      [24 * H + 9_999, ['b1', 'b3']],
      [24 * H + 10_000, ['b1', 'b3']],
      [24 * H + 20_000, ['b1', 'b3']],
    ],
  );
  expect(r[0]).toEqual({ targets: ['b1', 'b2', 'b3'], joined: ['b1', 'b2', 'b3'], left: [], forgotten: [], absent: [] });
  expect(r[1]).toEqual({ targets: ['b1', 'b2', 'b3'], joined: [], left: ['b2'], forgotten: [], absent: ['b2'] });
  expect(r[2]).toEqual({ targets: ['b1', 'b2', 'b3'], joined: [], left: [], forgotten: [], absent: ['b2'] });
  expect(r[3]).toMatchObject({ targets: ['b1', 'b2', 'b3'], forgotten: [] });
  expect(r[4]).toEqual({ targets: ['b1', 'b3'], joined: [], left: [], forgotten: ['b2'], absent: [] });
  expect(r[5]).toEqual({ targets: ['b1', 'b3'], joined: [], left: [], forgotten: [], absent: [] });
});

test('a broker back before it is forgotten rejoins (joined again, no longer absent)', () => {
  const r = rounds(
    [],
    [
      [0, ['b1', 'b2']],
      [10_000, ['b1']],
      [40_000, ['b1', 'b2']],
      [50_000, ['b1', 'b2']],
    ],
  );
  expect(r[2]).toEqual({ targets: ['b1', 'b2'], joined: ['b2'], left: [], forgotten: [], absent: [] });
  expect(r[3]).toEqual({ targets: ['b1', 'b2'], joined: [], left: [], forgotten: [], absent: [] });
});

test('forgetAfterMs 0: gone at once (left and forgotten in the same round)', () => {
  const r = rounds(
    [],
    [
      [0, ['b1', 'b2']],
      [10_000, ['b1']],
      [20_000, ['b1', 'b2']],
    ],
    0,
  );
  expect(r[1]).toEqual({ targets: ['b1'], joined: [], left: ['b2'], forgotten: ['b2'], absent: [] });
  expect(r[2]).toMatchObject({ targets: ['b1', 'b2'], joined: ['b2'] });
});

test('configured targets never leave; a discovered broker the config names is the configured one', () => {
  const configured = [broker('broker-1', 'config')];
  const r = rounds(configured, [
    [0, ['broker-1', 'b2']],
    [10_000, []],
  ]);
  expect(r[0]).toMatchObject({ targets: ['b2', 'broker-1'], joined: ['b2', 'broker-1'] });
  expect(r[1]).toEqual({ targets: ['b2', 'broker-1'], joined: [], left: ['b2'], forgotten: [], absent: ['b2'] });
});

test('two brokers leaving at different times are forgotten each on its own clock', () => {
  const r = rounds(
    [],
    [
      [0, ['a', 'b', 'c']],
      [H, ['b', 'c']],
      [2 * H, ['c']],
      [25 * H, ['c']],
      [26 * H, ['c']],
    ],
  );
  expect(r[3]).toMatchObject({ targets: ['b', 'c'], forgotten: ['a'], absent: ['b'] });
  expect(r[4]).toMatchObject({ targets: ['c'], forgotten: ['b'], absent: [] });
});
