/** TargetJob with fake collectors, a ManualClock and a recorded sleep: nothing waits for real time. */
import { TargetJob, type CollectedBatch, type EngineJobOptions } from '../../../sidecar/src/app/collection-engine';
import type { CollectFn } from '../../../sidecar/src/core/collection';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { CollectorError, type CollectionResult } from '../../../sidecar/src/core/collection';
import type { Target } from '../../../sidecar/src/core/model';
import type { Logger } from '../../../sidecar/src/log/logger';
import { stableOffsetMs } from '../../../sidecar/src/scheduler/job-scheduler';

const T0 = 1_700_000_000_000;
const tick = (tickNo: number, now = T0): { tickNo: number; now: number } => ({ tickNo, now });

const broker = (n: number, clusterId = 'c'): Target => ({
  clusterId,
  key: `broker-${n}`,
  kind: 'kafka-broker',
  jolokiaUrl: `http://b${n}/jolokia`,
  origin: 'config',
});
const brokers = (n: number): Target[] => Array.from({ length: n }, (_, i) => broker(i + 1));

function result(target: Target, ok: boolean, at: number, error?: CollectorError): CollectionResult {
  const samples = ok ? [{ clusterId: target.clusterId, target: target.key, metric: 'up', labels: {}, ts: at, value: 1 }] : [];
  return { clusterId: target.clusterId, target: target.key, ok, startedAt: at, durationMs: 3, samples, warnings: [], error };
}

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    debug: (m, f) => void lines.push(`debug ${m} ${String(f?.target)}`),
    info: (m, f) => void lines.push(`info ${m} ${String(f?.target)}`),
    warn: (m, f) => void lines.push(`warn ${m} ${String(f?.target)}`),
    error: (m, f) => void lines.push(`error ${m} ${String(f?.target)}`),
    child: () => log,
  };
  return log;
}

/** A TargetJob wired to records: what landed, what was slept, what the log said. */
function harness(collect: CollectFn, opts: Partial<EngineJobOptions> = {}) {
  const clock = new ManualClock(T0);
  const landed: CollectedBatch[] = [];
  const slept: number[] = [];
  const log = logger();
  const job = new TargetJob(
    {
      job: 'jmx',
      collect,
      maxJitterMs: 0,
      concurrency: 64,
      clock,
      sleep: async (ms) => void slept.push(ms),
      ...opts,
    },
    log,
    (b) => landed.push(b),
  );
  return { job, clock, landed, slept, log };
}

/** A collector whose every call waits until the test settles it. */
function heldCollector() {
  const calls: { target: Target; settle: (ok: boolean) => void; fail: (err: Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const collect: CollectFn = (target) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<CollectionResult>((resolve, reject) =>
      calls.push({
        target,
        settle: (ok) => {
          inFlight--;
          resolve(result(target, ok, T0));
        },
        fail: (err) => {
          inFlight--;
          reject(err);
        },
      }),
    );
  };
  return { collect, calls, maxInFlight: () => maxInFlight };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
const keys = (bs: CollectedBatch[]): string[] => bs.map((b) => b.target);

describe('TargetJob', () => {
  it.each([
    { targets: 10, concurrency: 3 },
    { targets: 2, concurrency: 5 },
    { targets: 7, concurrency: 1 },
  ])('collects $targets targets with at most $concurrency at a time, every one once', async ({ targets, concurrency }) => {
    const held = heldCollector();
    const { job, landed } = harness(held.collect, { concurrency });
    const run = job.run(brokers(targets), tick(1));
    for (let done = 0; done < targets; done++) {
      await settle();
      expect(held.calls.length - done).toBe(Math.min(concurrency, targets - done));
      held.calls[done]?.settle(true);
    }
    await run;
    expect(held.maxInFlight()).toBe(Math.min(concurrency, targets));
    expect(keys(landed).sort()).toEqual(
      brokers(targets)
        .map((t) => t.key)
        .sort(),
    );
  });

  it('an empty target list resolves at once and lands nothing', async () => {
    const { job, landed } = harness(async () => {
      throw new Error('not called');
    });
    await job.run([], tick(1));
    expect(landed).toEqual([]);
    expect(job.healthOf()).toEqual([]);
  });

  it('each target waits its own stable offset, never more than maxJitterMs', async () => {
    const maxJitterMs = 2000;
    const { job, slept } = harness(async (t) => result(t, true, T0), { maxJitterMs });
    const targets = brokers(40);
    await job.run(targets, tick(1));
    const offsets = targets.map((t) => stableOffsetMs(`jmx:c/${t.key}`, maxJitterMs));
    expect(slept.sort((a, b) => a - b)).toEqual(offsets.filter((o) => o > 0).sort((a, b) => a - b));
    for (const ms of slept) expect(ms).toBeLessThanOrEqual(maxJitterMs);
    expect(new Set(slept).size).toBeGreaterThan(30); // spread over the interval, not bunched
  });

  it('time already spent in the tick is taken off the offset; a target past its offset starts at once', async () => {
    const maxJitterMs = 2000;
    const { job, clock, slept } = harness(async (t) => result(t, true, T0), { maxJitterMs });
    const targets = brokers(40);
    const offsets = targets.map((t) => stableOffsetMs(`jmx:c/${t.key}`, maxJitterMs));
    clock.set(T0 + 1000); // the job starts 1 s into its tick
    await job.run(targets, tick(1, T0));
    const expected = offsets.map((o) => o - 1000).filter((d) => d > 0);
    expect(slept.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(expected.length).toBeLessThan(targets.length); // some were already due
  });

  it('without jitter nobody sleeps', async () => {
    const { job, slept, landed } = harness(async (t) => result(t, true, T0), { maxJitterMs: 0 });
    await job.run(brokers(5), tick(1));
    expect(slept).toEqual([]);
    expect(landed).toHaveLength(5);
  });

  it('a failing, a throwing and a slow target: the others land at once, each gets its own health, the run resolves', async () => {
    let releaseSlow: () => void = () => undefined;
    const collect: CollectFn = async (t) => {
      if (t.key === 'broker-1') return result(t, false, T0, new CollectorError('ECONNREFUSED', 'connect ECONNREFUSED', true));
      if (t.key === 'broker-2') {
        clock.advance(25);
        throw new Error('collector bug');
      }
      if (t.key === 'broker-3') await new Promise<void>((r) => (releaseSlow = r));
      return result(t, true, T0);
    };
    const { job, clock, landed, log } = harness(collect);
    const run = job.run(brokers(4), tick(1));
    await settle();
    expect(keys(landed).sort()).toEqual(['broker-1', 'broker-2', 'broker-4']); // not waiting for broker-3
    let resolved = false;
    void run.then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false); // the job itself waits for its slowest target
    releaseSlow();
    await run;
    expect(keys(landed)).toContain('broker-3');
    const health = Object.fromEntries(job.healthOf().map((h) => [h.target, h]));
    expect(health['broker-1']).toMatchObject({ state: 'down', lastErrorCode: 'ECONNREFUSED', lastError: 'connect ECONNREFUSED', consecutiveFailures: 1 });
    // a throwing collector becomes a failed result: INTERNAL, timed by the clock around the call
    expect(health['broker-2']).toMatchObject({ state: 'down', lastErrorCode: 'INTERNAL', lastError: 'collector bug', lastRunAt: T0, lastDurationMs: 25 });
    expect(health['broker-3']).toMatchObject({ state: 'up' });
    expect(health['broker-4']).toMatchObject({ state: 'up' });
    expect(log.lines.filter((l) => l.startsWith('warn')).sort()).toEqual(['warn target down broker-1', 'warn target down broker-2']);
  });

  it('hands every result to the landed callback: job, cluster, target, samples, health and the transition', async () => {
    const { job, landed } = harness(async (t) => result(t, true, T0 + 7));
    await job.run([broker(1, 'c1'), broker(1, 'c2')], tick(1));
    expect(landed).toHaveLength(2);
    const [a] = landed.filter((b) => b.clusterId === 'c2');
    expect(a).toMatchObject({
      job: 'jmx',
      clusterId: 'c2',
      target: 'broker-1',
      samples: [{ clusterId: 'c2', target: 'broker-1', metric: 'up', value: 1, ts: T0 + 7 }],
      health: { clusterId: 'c2', target: 'broker-1', job: 'jmx', state: 'up', runs: 1 },
      transition: { from: 'unknown', to: 'up', at: T0 + 7 },
    });
    expect(job.healthOf()).toHaveLength(2); // same key in two clusters: two targets
  });

  it('the collector gets the tick as given', async () => {
    const ticks: unknown[] = [];
    const { job } = harness(async (t, k) => {
      ticks.push(k);
      return result(t, true, T0);
    });
    await job.run(brokers(2), tick(9, T0 - 5));
    expect(ticks).toEqual([tick(9, T0 - 5), tick(9, T0 - 5)]);
  });

  it('health carries over between runs; only changes are transitions and logged', async () => {
    const up = new Set(['broker-1', 'broker-2']);
    const { job, landed, log } = harness(async (t, k) => result(t, up.has(t.key), k.now));
    await job.run(brokers(2), tick(1, T0));
    up.delete('broker-2');
    await job.run(brokers(2), tick(2, T0 + 10_000));
    await job.run(brokers(2), tick(3, T0 + 20_000));
    up.add('broker-2');
    await job.run(brokers(2), tick(4, T0 + 30_000));
    const transitions = landed
      .filter((b) => b.transition)
      .map((b) => `${b.target} ${b.transition?.from}->${b.transition?.to} @${(b.transition?.at ?? 0) - T0}`);
    expect(transitions).toEqual(['broker-1 unknown->up @0', 'broker-2 unknown->up @0', 'broker-2 up->down @10000', 'broker-2 down->up @30000']);
    expect(job.healthOf().find((h) => h.target === 'broker-2')).toMatchObject({ state: 'up', since: T0 + 30_000, runs: 4, failures: 2, lastOkAt: T0 + 30_000 });
    expect(job.healthOf().find((h) => h.target === 'broker-1')).toMatchObject({ state: 'up', since: T0, runs: 4, failures: 0 });
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual(['warn target down broker-2', 'info target state broker-2']);
  });

  it('retain() forgets the targets that are gone; one that comes back starts from unknown', async () => {
    const { job, landed } = harness(async (t) => result(t, true, T0));
    await job.run(brokers(3), tick(1));
    job.retain([broker(2)]);
    expect(job.healthOf().map((h) => h.target)).toEqual(['broker-2']);
    landed.length = 0;
    await job.run(brokers(3), tick(2));
    const fresh = landed.filter((b) => b.transition?.from === 'unknown').map((b) => b.target);
    expect(fresh.sort()).toEqual(['broker-1', 'broker-3']);
    expect(job.healthOf().find((h) => h.target === 'broker-2')?.runs).toBe(2);
    expect(job.healthOf().find((h) => h.target === 'broker-1')?.runs).toBe(1);
  });
});

describe('TargetJob with a failing landed callback', () => {
  it('one batch the callback throws on is logged; the other targets are still collected and the run resolves after all', async () => {
    const log = logger();
    const seen: string[] = [];
    const job = new TargetJob(
      { job: 'jmx', collect: async (t) => result(t, true, T0), maxJitterMs: 0, concurrency: 1, clock: new ManualClock(T0), sleep: async () => undefined },
      log,
      (b) => {
        seen.push(b.target);
        if (b.target === 'broker-1') throw new Error('consumer bug');
      },
    );
    await expect(job.run(brokers(3), tick(1))).resolves.toBeUndefined();
    expect(seen).toEqual(['broker-1', 'broker-2', 'broker-3']);
    expect(job.healthOf()).toHaveLength(3);
    expect(log.lines.filter((l) => l.startsWith('error'))).toEqual(['error collected batch not handed on broker-1']);
  });
});

describe('TargetJob plausibility stage', () => {
  const s = (target: Target, metric: string, value: number) => ({ clusterId: target.clusterId, target: target.key, metric, labels: {}, ts: T0, value });
  const bounds = { 'jvm.os.process_cpu_load': { min: 0, max: 1.05 }, 'jvm.os.open_fds': { min: 0, max: 2 ** 63 } } as Record<
    string,
    { min: number; max: number }
  >;

  it('drops samples that are not finite or out of bounds, counts them in the health with the collector’s own, logs the first once', async () => {
    const t = broker(1);
    const collect: CollectFn = (target) =>
      Promise.resolve({
        ...result(target, true, T0),
        samples: [
          s(target, 'jvm.os.process_cpu_load', 0.25),
          s(target, 'jvm.os.process_cpu_load', 42.5),
          s(target, 'jvm.os.open_fds', -1),
          s(target, 'other', Infinity),
        ],
        rejected: { count: 1, lastReason: 'jvm.heap.used: HeapMemoryUsage/used not finite (1e999)' },
      });
    const { job, landed, log } = harness(collect, { boundsFor: (kind, metric) => (kind === 'kafka-broker' ? bounds[metric] : undefined) });
    await job.run([t], tick(1));
    await job.run([t], tick(2, T0 + 10_000));
    expect(landed[0]?.samples).toEqual([s(t, 'jvm.os.process_cpu_load', 0.25)]);
    expect(landed[1]?.health).toMatchObject({ rejected: 8, lastRejectReason: 'other: not finite (Infinity)' });
    expect(log.lines.filter((l) => l.includes('implausible'))).toEqual(['warn target answers implausible values (counted in /status) broker-1']);
  });

  it('without bounds only non-finite samples are dropped', async () => {
    const t = broker(1);
    const collect: CollectFn = (target) => Promise.resolve({ ...result(target, true, T0), samples: [s(target, 'x', -5), s(target, 'x', NaN)] });
    const { job, landed } = harness(collect);
    await job.run([t], tick(1));
    expect(landed[0]?.samples).toEqual([s(t, 'x', -5)]);
    expect(landed[0]?.health).toMatchObject({ rejected: 1, lastRejectReason: 'x: not finite (NaN)' });
  });
});
