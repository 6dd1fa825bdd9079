import { isOffline, parseControllerEpoch, parsePartitionState } from '../../../sidecar/src/events/cluster-state';

describe('parsePartitionState', () => {
  test.each([
    [
      'Kafka 3.9 state znode',
      '{"controller_epoch":5,"leader":1,"version":1,"leader_epoch":7,"isr":[1,2,3]}',
      { leader: 1, leaderEpoch: 7, isr: [1, 2, 3], controllerEpoch: 5 },
    ],
    ['no leader', '{"controller_epoch":5,"leader":-1,"version":1,"leader_epoch":8,"isr":[2]}', { leader: -1, leaderEpoch: 8, isr: [2], controllerEpoch: 5 }],
    ['no leader_epoch / controller_epoch', '{"leader":2,"isr":[2]}', { leader: 2, leaderEpoch: 0, isr: [2] }],
    ['empty ISR', '{"leader":-1,"leader_epoch":3,"isr":[]}', { leader: -1, leaderEpoch: 3, isr: [] }],
  ])('%s', (_, json, want) => {
    expect(parsePartitionState(json)).toEqual(want);
  });

  test.each([
    ['not JSON', '{leader'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['leader missing', '{"isr":[1]}'],
    ['leader a string', '{"leader":"1","isr":[1]}'],
    ['leader below -1', '{"leader":-2,"isr":[1]}'],
    ['isr missing', '{"leader":1}'],
    ['isr with a negative id', '{"leader":1,"isr":[1,-1]}'],
    ['isr with a fraction', '{"leader":1,"isr":[1.5]}'],
  ])('unusable: %s', (_, json) => {
    expect(parsePartitionState(json)).toBeUndefined();
  });
});

describe('parseControllerEpoch', () => {
  test.each([
    ['5', 5],
    [' 12\n', 12],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['{"epoch":1}', undefined],
  ])('%j → %j', (text, want) => {
    expect(parseControllerEpoch(text)).toBe(want);
  });
});

describe('isOffline', () => {
  const p = (leader: number) => ({ leader, leaderEpoch: 1, isr: [1, 2] });
  test.each([
    ['leader -1', p(-1), undefined, true],
    ['leader -1 even with live brokers known', p(-1), new Set([1, 2, 3]), true],
    ['a leader, live brokers unknown', p(2), undefined, false],
    ['a live leader', p(2), new Set([1, 2]), false],
    ['a leader that is not a live broker', p(2), new Set([1, 3]), true],
  ])('%s', (_, state, live, want) => {
    expect(isOffline(state, live)).toBe(want);
  });
});
