import { JobScheduler, stableOffsetMs, type JobEvent } from '../../../sidecar/src/scheduler/job-scheduler';
import { silentLogger } from '../../../sidecar/src/log/logger';

describe('JobScheduler', () => {
  it('rejects invalid cron expressions and duplicate names', () => {
    const s = new JobScheduler(silentLogger);
    expect(() => s.add({ name: 'a', cron: '61 * * * * *', run: async () => undefined })).toThrow(/invalid cron/);
    s.add({ name: 'b', cron: '*/10 * * * * *', run: async () => undefined });
    expect(() => s.add({ name: 'b', cron: '*/10 * * * * *', run: async () => undefined })).toThrow(/already registered/);
  });

  it('never runs a job twice at once: the overlapping tick is skipped and counted', async () => {
    const events: JobEvent[] = [];
    const s = new JobScheduler(silentLogger, (e) => events.push(e));
    let release: () => void = () => undefined;
    let active = 0;
    let maxActive = 0;
    s.add({
      name: 'slow',
      cron: '0 0 1 1 *',
      run: () => {
        active++;
        maxActive = Math.max(maxActive, active);
        return new Promise<void>(
          (r) =>
            (release = () => {
              active--;
              r();
            }),
        );
      },
    });
    const first = s.runNow('slow');
    const second = await s.runNow('slow');
    expect(second).toBe(false);
    release();
    expect(await first).toBe(true);
    const [stats] = s.stats();
    expect(stats).toMatchObject({ runs: 1, skippedTicks: 1, running: false, failures: 0 });
    expect(maxActive).toBe(1);
    expect(events.map((e) => e.kind)).toEqual(['skipped', 'finished']);
  });

  it('records a failing run and keeps the job usable', async () => {
    const s = new JobScheduler(silentLogger);
    let fail = true;
    s.add({
      name: 'flaky',
      cron: '0 0 1 1 *',
      run: async () => {
        if (fail) throw new Error('boom');
      },
    });
    await s.runNow('flaky');
    expect(s.stats()[0]).toMatchObject({ runs: 1, failures: 1, lastError: 'boom' });
    fail = false;
    await s.runNow('flaky');
    expect(s.stats()[0]).toMatchObject({ runs: 2, failures: 1, lastError: undefined });
  });

  it('fires on aligned wall-clock ticks and stops idempotently', async () => {
    const s = new JobScheduler(silentLogger);
    const at: number[] = [];
    s.add({
      name: 'every-second',
      cron: '* * * * * *',
      run: async ({ scheduledAt }) => {
        at.push(scheduledAt);
      },
    });
    s.start();
    await new Promise((r) => setTimeout(r, 2300));
    await s.stop();
    await s.stop();
    expect(at.length).toBeGreaterThanOrEqual(1);
    for (const t of at) expect(t % 1000).toBe(0);
    const n = at.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(at.length).toBe(n);
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
