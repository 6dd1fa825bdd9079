/** JobScheduler with a ManualClock: ticks are handed in by the test, nothing waits for real time. */
import { ManualClock } from '../../../sidecar/src/core/clock';
import { silentLogger } from '../../../sidecar/src/log/logger';
import { JobScheduler, stableOffsetMs, type JobDefinition, type JobEvent } from '../../../sidecar/src/scheduler/job-scheduler';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const NEVER = '0 0 1 1 *'; // New Year only: node-cron never fires during a test

/** A job whose runs stay open until the test finishes them (one at a time, in order). */
function heldJob(name = 'held'): JobDefinition & { started: { scheduledAt: number; tickNo: number }[]; finish(err?: Error): Promise<void>; active: number } {
  const pending: ((err?: Error) => void)[] = [];
  const job = {
    name,
    cron: NEVER,
    started: [] as { scheduledAt: number; tickNo: number }[],
    active: 0,
    run: (tick: { scheduledAt: number; tickNo: number }) => {
      job.started.push(tick);
      job.active++;
      return new Promise<void>((resolve, reject) =>
        pending.push((err) => {
          job.active--;
          if (err) reject(err);
          else resolve();
        }),
      );
    },
    finish: async (err?: Error) => {
      pending.shift()?.(err);
      await new Promise((r) => setImmediate(r)); // let the scheduler record the end
    },
  };
  return job;
}

function scheduler(clock = new ManualClock(T0), misfireToleranceMs?: number): { s: JobScheduler; clock: ManualClock; events: JobEvent[] } {
  const events: JobEvent[] = [];
  const s = new JobScheduler(silentLogger, (e) => events.push(e), { clock, misfireToleranceMs });
  return { s, clock, events };
}

describe('JobScheduler', () => {
  it('rejects invalid cron expressions and duplicate names', () => {
    const { s } = scheduler();
    expect(() => s.add({ name: 'a', cron: '61 * * * * *', run: async () => undefined })).toThrow(/invalid cron/);
    s.add({ name: 'b', cron: '*/10 * * * * *', run: async () => undefined });
    expect(() => s.add({ name: 'b', cron: '*/10 * * * * *', run: async () => undefined })).toThrow(/already registered/);
  });

  it('a tick of an unknown job is an error', async () => {
    const { s } = scheduler();
    await expect(s.tick('nope', T0)).rejects.toThrow(/unknown job "nope"/);
    await expect(s.runNow('nope')).rejects.toThrow(/unknown job "nope"/);
  });

  it('never runs a job twice at once: ticks while it runs are skipped and counted, not queued', async () => {
    const { s, clock, events } = scheduler();
    const job = heldJob();
    s.add(job);
    const first = s.tick('held', T0);
    clock.advance(10_000);
    expect(await s.tick('held', T0 + 10_000)).toBe(false);
    clock.advance(10_000);
    expect(await s.runNow('held')).toBe(false);
    expect(s.stats()[0]).toMatchObject({ running: true, runs: 0, skippedTicks: 2 });
    await job.finish();
    expect(await first).toBe(true);
    expect(job.started).toEqual([{ scheduledAt: T0, tickNo: 1 }]);
    expect(s.stats()[0]).toMatchObject({ running: false, runs: 1, skippedTicks: 2, misfires: 0, failures: 0 });
    expect(events.map((e) => e.kind)).toEqual(['skipped', 'skipped', 'finished']);
    expect(events.map((e) => e.stats.skippedTicks)).toEqual([1, 2, 2]);
  });

  describe.each([
    // tick handled this late (ms) | tolerance | counted as a misfire | the job still runs (fire once now)
    { lateMs: 0, tolerance: 1000, misfire: false },
    { lateMs: 1000, tolerance: 1000, misfire: false },
    { lateMs: 1001, tolerance: 1000, misfire: true },
    { lateMs: 30_000, tolerance: 1000, misfire: true },
    { lateMs: 250, tolerance: 200, misfire: true },
    { lateMs: 250, tolerance: undefined, misfire: false }, // default tolerance: 1000 ms
    { lateMs: 1500, tolerance: undefined, misfire: true },
  ])('a tick handled $lateMs ms late with a tolerance of $tolerance ms', ({ lateMs, tolerance, misfire }) => {
    it(`${misfire ? 'is' : 'is not'} a misfire and runs once`, async () => {
      const { s, clock, events } = scheduler(new ManualClock(T0 + lateMs), tolerance);
      const job = heldJob();
      s.add(job);
      const ran = s.tick('held', T0);
      await job.finish();
      expect(await ran).toBe(true);
      expect(job.started).toEqual([{ scheduledAt: T0, tickNo: 1 }]);
      expect(s.stats()[0]).toMatchObject({ misfires: misfire ? 1 : 0, runs: 1, lastStartedAt: clock.now() });
      expect(events.map((e) => e.kind)).toEqual(misfire ? ['misfire', 'finished'] : ['finished']);
    });
  });

  it('a late tick while the job still runs counts as both a misfire and a skipped tick', async () => {
    const { s, clock, events } = scheduler();
    const job = heldJob();
    s.add(job);
    const first = s.tick('held', T0);
    clock.advance(15_000);
    expect(await s.tick('held', T0 + 10_000)).toBe(false);
    await job.finish();
    await first;
    expect(s.stats()[0]).toMatchObject({ runs: 1, misfires: 1, skippedTicks: 1 });
    expect(events.map((e) => e.kind)).toEqual(['misfire', 'skipped', 'finished']);
  });

  it('start time and duration come from the clock; tick numbers count the runs', async () => {
    const { s, clock } = scheduler();
    const job = heldJob();
    s.add(job);
    const a = s.tick('held', T0);
    clock.advance(2_345);
    await job.finish();
    await a;
    expect(s.stats()[0]).toMatchObject({ lastStartedAt: T0, lastDurationMs: 2_345 });
    clock.set(T0 + 10_000);
    const b = s.tick('held', T0 + 10_000);
    clock.advance(7);
    await job.finish();
    await b;
    expect(s.stats()[0]).toMatchObject({ runs: 2, lastStartedAt: T0 + 10_000, lastDurationMs: 7 });
    expect(job.started.map((t) => t.tickNo)).toEqual([1, 2]);
  });

  it('runNow runs at once, outside the schedule, with the clock as its scheduled time', async () => {
    const { s, clock, events } = scheduler();
    const job = heldJob();
    s.add(job);
    clock.set(T0 + 123);
    const ran = s.runNow('held');
    await job.finish();
    expect(await ran).toBe(true);
    expect(job.started).toEqual([{ scheduledAt: T0 + 123, tickNo: 1 }]);
    expect(s.stats()[0]).toMatchObject({ runs: 1, misfires: 0, lastStartedAt: T0 + 123 });
    expect(events.map((e) => e.kind)).toEqual(['finished']);
  });

  it('a failed run is counted with its error, the job stays usable and a success clears the error', async () => {
    const { s, clock, events } = scheduler();
    const job = heldJob();
    s.add(job);
    const a = s.tick('held', T0);
    clock.advance(40);
    await job.finish(new Error('boom'));
    expect(await a).toBe(true);
    expect(s.stats()[0]).toMatchObject({ runs: 1, failures: 1, lastError: 'boom', running: false, lastDurationMs: 40 });
    const thrown = s.tick('held', clock.now());
    await job.finish(new Error('bang'));
    await thrown;
    expect(s.stats()[0]).toMatchObject({ runs: 2, failures: 2, lastError: 'bang' });
    const ok = s.tick('held', clock.now());
    await job.finish();
    await ok;
    expect(s.stats()[0]).toMatchObject({ runs: 3, failures: 2, lastError: undefined });
    expect(events.map((e) => e.kind)).toEqual(['failed', 'failed', 'finished']);
    expect(events[0]?.stats).toMatchObject({ failures: 1, lastError: 'boom' });
  });

  it('a job whose run throws synchronously is recorded as failed, not thrown', async () => {
    const { s } = scheduler();
    s.add({
      name: 'sync-throw',
      cron: NEVER,
      run: () => {
        throw new Error('not even a promise');
      },
    });
    expect(await s.tick('sync-throw', T0)).toBe(true);
    expect(s.stats()[0]).toMatchObject({ runs: 1, failures: 1, lastError: 'not even a promise', running: false });
  });

  it('stop waits for the runs in progress, scheduled or runNow', async () => {
    const { s } = scheduler();
    const a = heldJob('a');
    const b = heldJob('b');
    s.add(a);
    s.add(b);
    await s.start();
    void s.tick('a', T0);
    void s.runNow('b');
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await a.finish();
    expect(stopped).toBe(false); // b is still running
    await b.finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(s.stats().map((j) => [j.name, j.runs, j.running])).toEqual([
      ['a', 1, false],
      ['b', 1, false],
    ]);
    await s.stop(); // idempotent, nothing left to wait for
  });

  it('a throwing event listener neither counts a run twice nor turns it into a failure or a rejection', async () => {
    const s = new JobScheduler(silentLogger, () => {
      throw new Error('listener bug');
    });
    s.add({ name: 'ok', cron: NEVER, run: async () => undefined });
    s.add({
      name: 'bad',
      cron: NEVER,
      run: async () => {
        throw new Error('boom');
      },
    });
    await expect(s.tick('ok', T0)).resolves.toBe(true);
    await expect(s.tick('bad', T0)).resolves.toBe(true);
    expect(s.stats().map((j) => [j.name, j.runs, j.failures, j.lastError, j.running])).toEqual([
      ['ok', 1, 0, undefined, false],
      ['bad', 1, 1, 'boom', false],
    ]);
  });

  it('stats: one entry per job in the order added, copies that later ticks do not change', async () => {
    const { s } = scheduler();
    s.add({ name: 'a', cron: NEVER, run: async () => undefined });
    s.add({ name: 'b', cron: '*/10 * * * * *', run: async () => undefined });
    const before = s.stats();
    expect(before).toEqual([
      { name: 'a', cron: NEVER, runs: 0, failures: 0, skippedTicks: 0, misfires: 0, running: false, nextRunAt: undefined },
      { name: 'b', cron: '*/10 * * * * *', runs: 0, failures: 0, skippedTicks: 0, misfires: 0, running: false, nextRunAt: undefined },
    ]);
    await s.tick('b', T0);
    expect(before[1]?.runs).toBe(0);
    expect(s.stats()[1]).toMatchObject({ runs: 1, lastDurationMs: 0 });
  });
});

describe('JobScheduler on node-cron (fake timers)', () => {
  afterEach(() => jest.useRealTimers());

  it('fires on aligned wall-clock ticks, reports the next run, and stops idempotently', async () => {
    jest.useFakeTimers({ now: T0 + 300 });
    const s = new JobScheduler(silentLogger);
    const at: number[] = [];
    const tens: number[] = [];
    s.add({ name: 'every-second', cron: '* * * * * *', run: async ({ scheduledAt }) => void at.push(scheduledAt) });
    s.add({ name: 'every-ten', cron: '*/10 * * * * *', run: async ({ scheduledAt }) => void tens.push(scheduledAt) });
    await s.start();
    await s.start();
    expect(s.stats().map((j) => j.nextRunAt)).toEqual([T0 + 1000, T0 + 10_000]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(at).toEqual(Array.from({ length: 10 }, (_, i) => T0 + 1000 * (i + 1)));
    expect(tens).toEqual([T0 + 10_000]);
    await s.stop();
    await s.stop();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(at).toHaveLength(10);
    expect(tens).toHaveLength(1);
    expect(s.stats().map((j) => j.nextRunAt)).toEqual([undefined, undefined]);
  });

  it('ticks node-cron could not fire (the clock jumped 5 s) are misfires, counted and not run', async () => {
    jest.useFakeTimers({ now: T0 });
    const events: JobEvent[] = [];
    const s = new JobScheduler(silentLogger, (e) => events.push(e));
    const at: number[] = [];
    s.add({ name: 'every-second', cron: '* * * * * *', run: async ({ scheduledAt }) => void at.push(scheduledAt) });
    await s.start();
    jest.setSystemTime(T0 + 5_000);
    await jest.advanceTimersByTimeAsync(1_000);
    await s.stop();
    expect(at).toEqual([T0 + 6_000]);
    expect(s.stats()[0]).toMatchObject({ runs: 1, misfires: 5 });
    expect(events.map((e) => e.kind)).toEqual(['misfire', 'misfire', 'misfire', 'misfire', 'misfire', 'finished']);
  });

  it('a job added after start is scheduled at once', async () => {
    jest.useFakeTimers({ now: T0 });
    const s = new JobScheduler(silentLogger);
    await s.start();
    let runs = 0;
    s.add({ name: 'late', cron: '*/2 * * * * *', run: async () => void runs++ });
    await jest.advanceTimersByTimeAsync(6_000);
    await s.stop();
    expect(runs).toBe(3);
  });
});

describe('stableOffsetMs', () => {
  it('is stable per id, bounded, and spreads different ids', () => {
    expect(stableOffsetMs('1/broker-1', 2000)).toBe(stableOffsetMs('1/broker-1', 2000));
    const offsets = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const o = stableOffsetMs(`1/broker-${i}`, 2000);
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThanOrEqual(2000);
      offsets.add(o);
    }
    expect(offsets.size).toBeGreaterThan(150);
    expect(stableOffsetMs('x', 0)).toBe(0);
  });
});
