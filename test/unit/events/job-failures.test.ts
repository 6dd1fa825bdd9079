import { JobFailureTracker } from '../../../sidecar/src/events/job-failures';

describe('JobFailureTracker', () => {
  test.each([
    ['always fine', [undefined, undefined], [[], []]],
    [
      'fails once, recovers',
      [undefined, 'boom', undefined],
      [[], ['job-failing warning: Job discovery is failing: boom'], ['job-recovered info: Job discovery works again after failing for 10 s']],
    ],
    [
      'keeps failing: one event',
      [undefined, 'a', 'b', 'c', undefined],
      [[], ['job-failing warning: Job discovery is failing: a'], [], [], ['job-recovered info: Job discovery works again after failing for 30 s']],
    ],
    ['fails at its first run', ['down'], [['job-failing warning: Job discovery is failing: down']]],
  ])('%s', (_, errors, want) => {
    const t = new JobFailureTracker();
    expect(
      errors.map((error, i) => t.observe({ job: 'discovery', error, at: i * 10_000 }, ['c1']).map((e) => `${e.kind} ${e.severity}: ${e.message}`)),
    ).toEqual(want);
  });

  test('one event per cluster, subject job=<name>; jobs tracked apart', () => {
    const t = new JobFailureTracker();
    expect(t.observe({ job: 'lag', error: 'x', at: 5 }, ['a', 'b']).map((e) => [e.clusterId, e.subject, e.ts])).toEqual([
      ['a', 'job=lag', 5],
      ['b', 'job=lag', 5],
    ]);
    expect(t.observe({ job: 'jmx', at: 6 }, ['a'])).toEqual([]);
    expect(t.observe({ job: 'lag', at: 7 }, ['a'])).toEqual([
      { clusterId: 'a', ts: 7, kind: 'job-recovered', severity: 'info', subject: 'job=lag', value: 0, message: 'Job lag works again after failing for 0 s' },
    ]);
  });
});
