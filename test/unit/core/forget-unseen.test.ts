import { ManualClock } from '../../../sidecar/src/core/clock';
import { forgetOlderThan, SweepSchedule } from '../../../sidecar/src/core/forget-unseen';

describe('forgetOlderThan', () => {
  test.each([
    { name: 'nothing older: nothing forgotten', seen: { a: 10, b: 20 }, cutoff: 10, gone: [], kept: ['a', 'b'] },
    { name: 'seen exactly at the cutoff is kept', seen: { a: 9, b: 10 }, cutoff: 10, gone: ['a'], kept: ['b'] },
    { name: 'all older: all forgotten', seen: { a: 1, b: 2 }, cutoff: 100, gone: ['a', 'b'], kept: [] },
    { name: 'an empty index', seen: {}, cutoff: 100, gone: [], kept: [] },
    { name: 'only the old of a mix', seen: { a: 5, b: 50, c: 6, d: 60 }, cutoff: 40, gone: ['a', 'c'], kept: ['b', 'd'] },
  ])('$name', ({ seen, cutoff, gone, kept }) => {
    const entries = new Map(Object.entries(seen).map(([k, ts]) => [k, { ts }]));
    expect(forgetOlderThan(entries, (v) => v.ts, cutoff)).toEqual(gone);
    expect([...entries.keys()]).toEqual(kept);
  });
});

describe('SweepSchedule', () => {
  test.each([
    { name: 'first call sweeps', steps: [0], forgetAfter: 1000, every: 100, cutoffs: [-1000] },
    { name: 'not again before `every`', steps: [0, 50, 99], forgetAfter: 1000, every: 100, cutoffs: [-1000, undefined, undefined] },
    { name: 'again once `every` passed', steps: [0, 100, 150, 250], forgetAfter: 1000, every: 100, cutoffs: [-1000, -900, undefined, -750] },
    { name: 'the cutoff follows the clock', steps: [5000, 9000], forgetAfter: 2000, every: 1000, cutoffs: [3000, 7000] },
  ])('$name', ({ steps, forgetAfter, every, cutoffs }) => {
    const clock = new ManualClock(0);
    const schedule = new SweepSchedule(forgetAfter, clock, every);
    expect(
      steps.map((t) => {
        clock.set(t);
        return schedule.due();
      }),
    ).toEqual(cutoffs);
  });

  test('sweeps at most hourly by default, more often only when forgetting sooner', () => {
    const clock = new ManualClock(0);
    const days = new SweepSchedule(7 * 86_400_000, clock);
    const minute = new SweepSchedule(60_000, clock);
    expect([days.due(), minute.due()]).toEqual([-7 * 86_400_000, -60_000]);
    clock.set(60_000);
    expect([days.due(), minute.due()]).toEqual([undefined, 0]);
    clock.set(3_600_000);
    expect(days.due()).toBe(3_600_000 - 7 * 86_400_000);
  });
});
