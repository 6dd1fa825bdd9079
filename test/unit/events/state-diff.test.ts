import type { ClusterState, PartitionState } from '../../../sidecar/src/events/cluster-state';
import { diffClusterState, MAX_LISTED_PARTITIONS } from '../../../sidecar/src/events/state-diff';

const NOW = 1_700_000_000_000;

/** `leader:isr` shorthand, e.g. `1:1,2,3`; `-1:2` for no leader. */
function ps(spec: string, epoch = 1): PartitionState {
  const [leader, isr] = spec.split(':') as [string, string];
  return { leader: Number(leader), leaderEpoch: epoch, isr: isr ? isr.split(',').map(Number) : [] };
}

function state(topics: Record<string, string[]>, extra: Partial<ClusterState> = {}): ClusterState {
  return {
    controller: 1,
    controllerEpoch: 5,
    liveBrokers: [1, 2, 3],
    ...extra,
    topics: new Map(Object.entries(topics).map(([t, parts]) => [t, new Map(parts.map((s, i) => [i, ps(s)]))])),
  };
}

const brief = (prev: ClusterState | undefined, next: ClusterState) =>
  diffClusterState(prev, next, 'c1', NOW).map((e) => ({ kind: e.kind, severity: e.severity, subject: e.subject, value: e.value, message: e.message }));

describe('diffClusterState', () => {
  test('the first reading is only the baseline', () => {
    expect(diffClusterState(undefined, state({ orders: ['1:1,2,3'] }, { controller: undefined }), 'c1', NOW)).toEqual([]);
  });

  test('no change, no events (also with other key order in the maps)', () => {
    expect(brief(state({ orders: ['1:1,2,3', '2:2,3,1'], clicks: ['3:3'] }), state({ clicks: ['3:3'], orders: ['1:1,2,3', '2:2,3,1'] }))).toEqual([]);
  });

  test.each([
    [
      'leader moved (ISR unchanged)',
      state({ orders: ['2:1,2,3'] }),
      state({ orders: ['1:1,2,3'] }),
      [
        {
          kind: 'partition-leader-changed',
          severity: 'info',
          subject: 'orders/0',
          value: 1,
          message: 'Leader of orders/0 moved from broker 2 to broker 1 (leader epoch 1)',
        },
      ],
    ],
    [
      'ISR shrink',
      state({ orders: ['1:1,2,3'] }),
      state({ orders: ['1:1,3'] }),
      [
        {
          kind: 'isr-shrink',
          severity: 'warning',
          subject: 'orders/0',
          value: 1,
          message: 'ISR of orders/0 shrank from [1,2,3] to [1,3]: broker 2 fell out of sync',
        },
      ],
    ],
    [
      'ISR expand',
      state({ orders: ['1:1,3'] }),
      state({ orders: ['1:1,3,2'] }),
      [{ kind: 'isr-expand', severity: 'info', subject: 'orders/0', value: 1, message: 'ISR of orders/0 grew from [1,3] to [1,3,2]: broker 2 caught up' }],
    ],
    [
      'leader lost with its ISR: offline + shrink',
      state({ orders: ['2:2,3'] }),
      state({ orders: ['-1:3'] }),
      [
        { kind: 'partition-offline', severity: 'critical', subject: 'orders/0', value: 1, message: 'orders/0 is offline: no leader (was broker 2; ISR [3])' },
        {
          kind: 'isr-shrink',
          severity: 'warning',
          subject: 'orders/0',
          value: 1,
          message: 'ISR of orders/0 shrank from [2,3] to [3]: broker 2 fell out of sync',
        },
      ],
    ],
    [
      'back online',
      state({ orders: ['-1:3'] }),
      state({ orders: ['3:3'] }),
      [{ kind: 'partition-online', severity: 'info', subject: 'orders/0', value: 1, message: 'orders/0 is online again: leader broker 3 (ISR [3])' }],
    ],
    [
      'leader not among the live brokers counts as offline',
      state({ orders: ['2:2'] }),
      state({ orders: ['2:2'] }, { liveBrokers: [1, 3] }),
      [{ kind: 'partition-offline', severity: 'critical', subject: 'orders/0', value: 1, message: 'orders/0 is offline: no leader (was broker 2; ISR [2])' }],
    ],
    ['ISR order only: nothing', state({ orders: ['1:1,2,3'] }), state({ orders: ['1:3,2,1'] }), []],
    [
      'the same broker leaves and another joins: shrink and expand',
      state({ orders: ['1:1,2'] }),
      state({ orders: ['1:1,3'] }),
      [
        {
          kind: 'isr-shrink',
          severity: 'warning',
          subject: 'orders/0',
          value: 1,
          message: 'ISR of orders/0 shrank from [1,2] to [1,3]: broker 2 fell out of sync',
        },
        { kind: 'isr-expand', severity: 'info', subject: 'orders/0', value: 1, message: 'ISR of orders/0 grew from [1,2] to [1,3]: broker 3 caught up' },
      ],
    ],
    [
      'topic created or deleted, partitions added: nothing',
      state({ orders: ['1:1,2,3'], old: ['2:2'] }),
      state({ orders: ['1:1,2,3', '2:2'], fresh: ['3:3'] }),
      [],
    ],
  ])('%s', (_, prev, next, want) => {
    expect(brief(prev, next)).toEqual(want);
  });

  test('several partitions of a topic changing the same way: one event per kind and topic', () => {
    const prev = state({ orders: ['2:2,1,3', '2:2,3,1', '1:1,2,3', '3:3,2'], clicks: ['2:2,3'] });
    const next = state({ orders: ['1:1,3', '3:3,1', '1:1,3', '3:3'], clicks: ['3:3'] });
    expect(brief(prev, next)).toEqual([
      {
        kind: 'partition-leader-changed',
        severity: 'info',
        subject: 'clicks/0',
        value: 1,
        message: 'Leader of clicks/0 moved from broker 2 to broker 3 (leader epoch 1)',
      },
      { kind: 'partition-leader-changed', severity: 'info', subject: 'orders', value: 2, message: 'Leader moved on 2 partitions of orders: 0 (2→1), 1 (2→3)' },
      {
        kind: 'isr-shrink',
        severity: 'warning',
        subject: 'clicks/0',
        value: 1,
        message: 'ISR of clicks/0 shrank from [2,3] to [3]: broker 2 fell out of sync',
      },
      {
        kind: 'isr-shrink',
        severity: 'warning',
        subject: 'orders',
        value: 4,
        message: 'ISR shrank on 4 partitions of orders: broker 2 fell out of sync (partitions 0, 1, 2, 3)',
      },
    ]);
  });

  test('many partitions: the message lists at most MAX_LISTED_PARTITIONS and counts the rest', () => {
    const n = MAX_LISTED_PARTITIONS + 5;
    const [e] = diffClusterState(state({ big: Array(n).fill('1:1,2') }), state({ big: Array(n).fill('-1:1') }, { liveBrokers: [2] }), 'c1', NOW);
    expect(e).toMatchObject({ kind: 'partition-offline', subject: 'big', value: n });
    expect(e?.message).toMatch(new RegExp(`^${n} partitions of big are offline \\(no leader\\): 0, 1, .*, 19, … \\(\\+5 more\\)$`));
  });

  test('every event carries the cluster and the time of the reading, without rule', () => {
    for (const e of diffClusterState(state({ orders: ['1:1,2'] }), state({ orders: ['2:2'] }, { controller: 2 }), 'c9', NOW)) {
      expect(e).toMatchObject({ clusterId: 'c9', ts: NOW });
      expect(e.ruleId).toBeUndefined();
    }
  });

  describe('controller', () => {
    test.each([
      [
        'moved',
        { controller: 1, controllerEpoch: 5 },
        { controller: 3, controllerEpoch: 6 },
        [{ severity: 'warning', subject: 'broker-3', value: 3, message: 'Controller moved from broker 1 to broker 3 (controller epoch 5 → 6)' }],
      ],
      [
        're-elected itself (epoch bumped)',
        { controller: 1, controllerEpoch: 5 },
        { controller: 1, controllerEpoch: 6 },
        [{ severity: 'warning', subject: 'broker-1', value: 1, message: 'Broker 1 was elected controller again (controller epoch 5 → 6)' }],
      ],
      [
        'gone (election under way)',
        { controller: 1, controllerEpoch: 5 },
        { controller: undefined, controllerEpoch: 5 },
        [{ severity: 'critical', subject: 'broker-1', value: undefined, message: 'No active controller: broker 1 gave up the role and none is elected yet' }],
      ],
      [
        'back after none',
        { controller: undefined, controllerEpoch: 5 },
        { controller: 2, controllerEpoch: 6 },
        [{ severity: 'warning', subject: 'broker-2', value: 2, message: 'Broker 2 is the active controller again (controller epoch 5 → 6)' }],
      ],
      ['still none', { controller: undefined }, { controller: undefined }, []],
      ['same controller and epoch', { controller: 1, controllerEpoch: 5 }, { controller: 1, controllerEpoch: 5 }, []],
      [
        'moved, epochs unknown',
        { controller: 1, controllerEpoch: undefined },
        { controller: 2, controllerEpoch: undefined },
        [{ severity: 'warning', subject: 'broker-2', value: 2, message: 'Controller moved from broker 1 to broker 2' }],
      ],
    ] as const)('%s', (_, a, b, want) => {
      const got = brief(state({}, a), state({}, b));
      expect(got).toEqual(want.map((w) => ({ kind: 'controller-changed', ...w })));
    });
  });
});
