import {
  GROUP_STATES,
  groupLagValues,
  groupStateCode,
  parseOffset,
  partitionLag,
  topicValues,
  totalLag,
  type GroupSnapshot,
} from '../../../../sidecar/src/collector/lag/lag-math';

describe('partitionLag', () => {
  test.each([
    // committed, logEnd, expected lag, expected committed, expected logEnd
    ['caught up', 100, 100, 0, 100, 100],
    ['behind', 40, 100, 60, 40, 100],
    ['empty partition, committed 0', 0, 0, 0, 0, 0],
    ['committed beyond log end (truncation): never negative', 120, 100, 0, 120, 100],
    ['no commit (-1): no lag, log end still known', -1, 100, undefined, undefined, 100],
    ['log end unknown: no lag, committed still known', 40, undefined, undefined, 40, undefined],
    ['neither', -1, undefined, undefined, undefined, undefined],
    ['NaN committed is no commit', NaN, 5, undefined, undefined, 5],
    ['negative log end is unknown', 3, -1, undefined, 3, undefined],
  ])('%s', (_name, committed, logEnd, lag, expCommitted, expLogEnd) => {
    expect(partitionLag({ topic: 't', partition: 0, committed: committed as number, logEnd: logEnd as number | undefined })).toEqual({
      topic: 't',
      partition: 0,
      committed: expCommitted,
      logEnd: expLogEnd,
      lag,
    });
  });
});

describe('totalLag', () => {
  test.each([
    ['sum of known lags', [5, 0, 7], 12],
    ['unknown partitions are skipped', [5, undefined, 2], 7],
    ['all zero is 0, not undefined', [0, 0], 0],
    ['none known', [undefined, undefined], undefined],
    ['no partitions', [], undefined],
  ])('%s', (_name, lags, expected) => {
    expect(totalLag((lags as (number | undefined)[]).map((lag, i) => ({ topic: 't', partition: i, lag })))).toBe(expected);
  });
});

describe('group states (codes as documented in the catalogue and decoded by the API)', () => {
  test.each([
    ['Unknown', 0],
    ['PreparingRebalance', 1],
    ['CompletingRebalance', 2],
    ['Stable', 3],
    ['Dead', 4],
    ['Empty', 5],
    ['Assigning', 6],
    ['Reconciling', 7],
    ['stable', 0],
    ['', 0],
    ['constructor', 0],
  ])('%p → %p', (state, code) => expect(groupStateCode(state)).toBe(code));

  test('GROUP_STATES order is the code', () => expect(GROUP_STATES.map(groupStateCode)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]));
});

describe('parseOffset', () => {
  test.each([
    ['123', 123],
    ['0', 0],
    [42, 42],
    ['-1', -1],
    [-1, -1],
    ['', -1],
    ['1e3', -1],
    [' 5', -1],
    ['99999999999999999999', -1],
    [null, -1],
    [undefined, -1],
    [1.5, -1],
  ])('%p → %p', (raw, n) => expect(parseOffset(raw as string)).toBe(n));
});

describe('groupLagValues', () => {
  const logEnds = new Map([
    [
      'orders',
      new Map([
        [0, 100],
        [1, 50],
        [2, 10],
      ]),
    ],
    ['payments', new Map([[0, 7]])],
  ]);
  const compact = (v: ReturnType<typeof groupLagValues>) => v.map((x) => `${x.key}${JSON.stringify(x.labels)}=${x.value}`);

  test('per partition and per group, partitions sorted, no lag where nothing was committed', () => {
    const groups: GroupSnapshot[] = [
      {
        groupId: 'g1',
        state: 'Stable',
        members: 2,
        committed: [
          { topic: 'payments', partition: 0, offset: 7 },
          { topic: 'orders', partition: 1, offset: 45 },
          { topic: 'orders', partition: 0, offset: 90 },
          { topic: 'orders', partition: 2, offset: -1 },
        ],
      },
    ];
    expect(compact(groupLagValues(groups, logEnds))).toEqual([
      'group_members{"group":"g1"}=2',
      'group_state{"group":"g1"}=3',
      'lag{"group":"g1","topic":"orders","partition":"0"}=10',
      'committed_offset{"group":"g1","topic":"orders","partition":"0"}=90',
      'log_end_offset{"group":"g1","topic":"orders","partition":"0"}=100',
      'lag{"group":"g1","topic":"orders","partition":"1"}=5',
      'committed_offset{"group":"g1","topic":"orders","partition":"1"}=45',
      'log_end_offset{"group":"g1","topic":"orders","partition":"1"}=50',
      'log_end_offset{"group":"g1","topic":"orders","partition":"2"}=10',
      'lag{"group":"g1","topic":"payments","partition":"0"}=0',
      'committed_offset{"group":"g1","topic":"payments","partition":"0"}=7',
      'log_end_offset{"group":"g1","topic":"payments","partition":"0"}=7',
      'group_lag{"group":"g1"}=15',
    ]);
  });

  test('a group that could not be described or whose offsets could not be read reports what is known', () => {
    expect(
      compact(
        groupLagValues(
          [
            { groupId: 'a', committed: [{ topic: 'gone', partition: 0, offset: 3 }] },
            { groupId: 'b', state: 'Empty', members: 0 },
          ],
          logEnds,
        ),
      ),
    ).toEqual(['committed_offset{"group":"a","topic":"gone","partition":"0"}=3', 'group_members{"group":"b"}=0', 'group_state{"group":"b"}=5']);
  });

  test('hostile group ids and topic names are label values, unchanged', () => {
    const id = '<img src=x onerror=alert(1)>';
    const topic = 'a"b\\c\n{x="y"}';
    const v = groupLagValues(
      [{ groupId: id, state: 'Stable', members: 1, committed: [{ topic, partition: 0, offset: 1 }] }],
      new Map([[topic, new Map([[0, 4]])]]),
    );
    expect(v.find((x) => x.key === 'lag')).toEqual({ key: 'lag', labels: { group: id, topic, partition: '0' }, value: 3 });
    expect(v.find((x) => x.key === 'group_lag')).toEqual({ key: 'group_lag', labels: { group: id }, value: 3 });
  });
});

describe('topicValues', () => {
  test('partitions, under-replicated (ISR < replicas) and offline (no leader); internal topics left out', () => {
    const v = topicValues([
      {
        name: 'orders',
        partitions: [
          { leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] },
          { leader: 2, replicas: [1, 2, 3], isr: [2] },
          { leader: -1, replicas: [1, 2, 3], isr: [] },
        ],
      },
      { name: '__consumer_offsets', partitions: [{ leader: 1, replicas: [1], isr: [1] }] },
      { name: 'clicks', partitions: [] },
    ]);
    expect(v.map((x) => `${x.key}:${x.labels.topic}=${x.value}`)).toEqual([
      'topic_partitions:clicks=0',
      'topic_under_replicated:clicks=0',
      'topic_offline:clicks=0',
      'topic_partitions:orders=3',
      'topic_under_replicated:orders=2',
      'topic_offline:orders=1',
    ]);
  });
});
