/**
 * A week of a dead target and failing jobs on a 10 s schedule, through the real modules that log
 * (JobScheduler.tick, TargetJob) and the real logger with its repeat limiter, on a ManualClock.
 */
import { TargetJob } from '../../../sidecar/src/app/collection-engine';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { CollectorError, failedResult } from '../../../sidecar/src/core/collection';
import type { Target } from '../../../sidecar/src/core/model';
import { createLogger } from '../../../sidecar/src/log/logger';
import { RepeatLimiter } from '../../../sidecar/src/log/repeat-limiter';
import { JobScheduler } from '../../../sidecar/src/scheduler/job-scheduler';

const T0 = Date.UTC(2026, 0, 5);
const EVERY_MS = 10_000;
const WEEK_TICKS = (7 * 24 * 3600_000) / EVERY_MS; // 60,480
const WINDOW_MS = 10 * 60_000;
/** Lines the week may write at most (measured: 2,018; 2 per 10-minute window for the job whose error changes every tick). */
const MAX_LINES = 2_100;

const deadBroker: Target = { clusterId: 'c1', key: 'broker-9', kind: 'kafka-broker', jolokiaUrl: 'http://b9:8778/jolokia', origin: 'config' };

test('a dead target and failing jobs for a week write a bounded log, every suppression summary counting what it held back', async () => {
  const clock = new ManualClock(T0);
  const lines: string[] = [];
  const limiter = new RepeatLimiter(WINDOW_MS);
  const log = createLogger('info', (l) => lines.push(l), { app: 'doflamingo' }, { clock, limiter });

  const targets = new TargetJob(
    {
      job: 'jmx',
      collect: async (target) => failedResult(target, new CollectorError('UNREACHABLE', 'connect ECONNREFUSED 10.0.0.9:8778', true)),
      maxJitterMs: 0,
      concurrency: 4,
      clock,
      sleep: async () => undefined,
    },
    log.child({ module: 'collection' }),
    () => undefined,
  );
  const scheduler = new JobScheduler(log.child({ module: 'scheduler' }), undefined, { clock });
  scheduler.add({ name: 'jmx', cron: '*/10 * * * * *', run: (tick) => targets.run([deadBroker], { tickNo: tick.tickNo, now: tick.scheduledAt }) });
  // Fails the same way on every tick: logged when it starts failing, at the source.
  scheduler.add({ name: 'flamingo-sync', cron: '*/10 * * * * *', run: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:3306')) });
  // Fails with a different message on every tick: logged on every tick at the source, bounded by the limiter.
  scheduler.add({ name: 'webhooks', cron: '*/10 * * * * *', run: (tick) => Promise.reject(new Error(`timed out after ${10_000 + (tick.tickNo % 97)} ms`)) });

  for (let i = 0; i < WEEK_TICKS; i++) {
    const at = T0 + i * EVERY_MS;
    clock.set(at);
    for (const job of ['jmx', 'flamingo-sync', 'webhooks']) await scheduler.tick(job, at);
  }
  for (const r of limiter.flush(clock.now())) lines.push(JSON.stringify(r));

  const records = lines.map((l) => JSON.parse(l) as { msg: string; job?: string; target?: string; suppressed?: number; time: string });
  expect(scheduler.stats().map((s) => s.runs)).toEqual([WEEK_TICKS, WEEK_TICKS, WEEK_TICKS]);
  expect(records.length).toBeLessThanOrEqual(MAX_LINES);

  // The dead target and the job that fails the same way: one line each for the whole week.
  expect(records.filter((r) => r.target === 'broker-9')).toHaveLength(1);
  expect(records.filter((r) => r.job === 'flamingo-sync')).toHaveLength(1);

  // The job whose message changes: each line written or held back is accounted for exactly once.
  const webhooks = records.filter((r) => r.job === 'webhooks');
  const written = webhooks.filter((r) => r.suppressed === undefined);
  const summaries = webhooks.filter((r) => r.suppressed !== undefined);
  expect(written.length + summaries.reduce((n, r) => n + r.suppressed!, 0)).toBe(WEEK_TICKS);
  const perWindow = WINDOW_MS / EVERY_MS - 1; // 59 ticks after the first of each window
  for (const s of summaries) {
    expect(s.suppressed).toBe(perWindow);
    expect(s.msg).toBe(`job failed (suppressed ${perWindow} similar lines in the last 10 min)`);
  }
  expect(written).toHaveLength(WEEK_TICKS / (WINDOW_MS / EVERY_MS)); // 1,008: one per window
  expect(summaries).toHaveLength(written.length);
  expect(records.length).toBe(2 + written.length + summaries.length);
});

test('a job is logged when it starts failing, when its error changes and when it recovers, not on every tick', async () => {
  const clock = new ManualClock(T0);
  const lines: string[] = [];
  const scheduler = new JobScheduler(
    createLogger('info', (l) => lines.push(l), {}, { clock }),
    undefined,
    { clock },
  );
  const outcomes = ['ok', 'e1', 'e1', 'e1', 'e2', 'e2', 'ok', 'ok', 'e1'];
  scheduler.add({
    name: 'j',
    cron: '*/10 * * * * *',
    run: (tick) => (outcomes[tick.tickNo - 1] === 'ok' ? Promise.resolve() : Promise.reject(new Error(outcomes[tick.tickNo - 1]))),
  });
  for (let i = 0; i < outcomes.length; i++) await scheduler.tick('j', clock.advance(EVERY_MS));
  const said = lines.map((l) => JSON.parse(l) as { msg: string; error?: string }).map((r) => `${r.msg}${r.error ? ` ${r.error}` : ''}`);
  expect(said).toEqual(['job failed e1', 'job failed e2', 'job recovered', 'job failed e1']);
  expect(scheduler.stats()[0]!.failures).toBe(6);
});
