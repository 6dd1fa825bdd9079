/** nextHealth folds collection results into a target's health: one table of rounds, time only from the results. */
import { initialHealth, nextHealth } from '../../../sidecar/src/app/target-health';
import type { HealthTransition, TargetHealth } from '../../../sidecar/src/core/target-health';
import { CollectorError, type CollectionResult, type Rejections } from '../../../sidecar/src/core/collection';
import type { Sample } from '../../../sidecar/src/core/model';

const T0 = 1_000_000;
const sample = (value: number): Sample => ({ clusterId: 'c', target: 'broker-1', metric: 'm', labels: {}, ts: T0, value });

type Round = {
  what: string;
  at: number;
  ok: boolean;
  error?: CollectorError;
  samples?: number;
  warnings?: number;
  rejected?: Rejections;
  /** Expected health after the round (fields checked). */
  health: Partial<TargetHealth>;
  /** Expected transition, or none. */
  transition?: Partial<HealthTransition>;
};

const refused = new CollectorError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8781', true);
const timeout = new CollectorError('TIMEOUT', 'no answer within 5000 ms', true);

// One target's life, round after round; every row starts from the health the previous row left.
const rounds: Round[] = [
  {
    what: 'first success: unknown -> up, since the run',
    at: T0 + 10_000,
    ok: true,
    samples: 3,
    health: { state: 'up', since: T0 + 10_000, lastRunAt: T0 + 10_000, lastOkAt: T0 + 10_000, runs: 1, failures: 0, consecutiveFailures: 0, samplesLastRun: 3 },
    transition: { from: 'unknown', to: 'up', at: T0 + 10_000, error: undefined },
  },
  {
    what: 'another success: still up, since unchanged, no transition',
    at: T0 + 20_000,
    ok: true,
    samples: 2,
    warnings: 1,
    health: { state: 'up', since: T0 + 10_000, lastOkAt: T0 + 20_000, runs: 2, samplesLastRun: 2, warningsLastRun: 1 },
  },
  {
    what: 'first failure: up -> down at once (no threshold), with the error',
    at: T0 + 30_000,
    ok: false,
    error: refused,
    health: {
      state: 'down',
      since: T0 + 30_000,
      lastRunAt: T0 + 30_000,
      lastOkAt: T0 + 20_000,
      lastError: 'connect ECONNREFUSED 127.0.0.1:8781',
      lastErrorCode: 'ECONNREFUSED',
      consecutiveFailures: 1,
      failures: 1,
      runs: 3,
      samplesLastRun: 0,
      warningsLastRun: 0,
    },
    transition: { from: 'up', to: 'down', at: T0 + 30_000, error: 'connect ECONNREFUSED 127.0.0.1:8781' },
  },
  {
    what: 'still failing: no second transition, counters go on, the latest error is kept',
    at: T0 + 40_000,
    ok: false,
    error: timeout,
    health: {
      state: 'down',
      since: T0 + 30_000,
      lastOkAt: T0 + 20_000,
      lastError: 'no answer within 5000 ms',
      lastErrorCode: 'TIMEOUT',
      consecutiveFailures: 2,
      failures: 2,
      runs: 4,
    },
  },
  {
    what: 'a failure without an error object still reads as an error',
    at: T0 + 50_000,
    ok: false,
    health: { state: 'down', lastError: 'unknown error', lastErrorCode: undefined, consecutiveFailures: 3, failures: 3 },
  },
  {
    what: 'recovery: down -> up, error cleared, consecutive failures reset, totals kept',
    at: T0 + 60_000,
    ok: true,
    samples: 1,
    health: {
      state: 'up',
      since: T0 + 60_000,
      lastOkAt: T0 + 60_000,
      lastError: undefined,
      lastErrorCode: undefined,
      consecutiveFailures: 0,
      failures: 3,
      runs: 6,
      samplesLastRun: 1,
    },
    transition: { from: 'down', to: 'up', at: T0 + 60_000, error: undefined },
  },
  {
    what: 'implausible values: counted since start, the last reason kept',
    at: T0 + 70_000,
    ok: true,
    samples: 1,
    rejected: { count: 2, lastReason: 'jvm.os.open_fds: -1 below 0' },
    health: { state: 'up', rejected: 2, lastRejectReason: 'jvm.os.open_fds: -1 below 0' },
  },
  {
    what: 'more rejected: the count grows, the reason is the newest',
    at: T0 + 80_000,
    ok: true,
    rejected: { count: 1, lastReason: 'jvm.os.process_cpu_load: 42.5 above 1.05' },
    health: { rejected: 3, lastRejectReason: 'jvm.os.process_cpu_load: 42.5 above 1.05' },
  },
  {
    what: 'a clean round keeps the count and the last reason',
    at: T0 + 90_000,
    ok: true,
    health: { rejected: 3, lastRejectReason: 'jvm.os.process_cpu_load: 42.5 above 1.05' },
  },
];

const resultOf = ({ at, ok, error, samples = 0, warnings = 0, rejected }: Round): CollectionResult => ({
  clusterId: 'c',
  target: 'broker-1',
  ok,
  startedAt: at,
  durationMs: 42,
  samples: Array.from({ length: samples }, (_, i) => sample(i)),
  warnings: Array.from({ length: warnings }, (_, i) => `warning ${i}`),
  ...(rejected ? { rejected } : {}),
  error,
});

const start = (): TargetHealth => initialHealth('c', 'broker-1', 'jmx', T0);

describe('nextHealth over one target’s rounds', () => {
  it('starts unknown, since the creation time, with zero counters', () => {
    expect(start()).toEqual({
      clusterId: 'c',
      target: 'broker-1',
      job: 'jmx',
      state: 'unknown',
      since: T0,
      consecutiveFailures: 0,
      runs: 0,
      failures: 0,
      samplesLastRun: 0,
      warningsLastRun: 0,
      rejected: 0,
    });
  });

  it.each(rounds.map((round, i) => ({ ...round, i })))('$what', ({ i, health: want, transition: wantTransition }) => {
    const prev = rounds.slice(0, i).reduce((h, r) => nextHealth(h, resultOf(r)).health, start());
    const before = structuredClone(prev);
    const next = nextHealth(prev, resultOf(rounds[i] as Round));
    expect(prev).toEqual(before); // pure: the previous health is not touched
    expect(next.health).toMatchObject({ ...want, lastDurationMs: 42, clusterId: 'c', target: 'broker-1', job: 'jmx' });
    if (wantTransition) expect(next.transition).toEqual({ clusterId: 'c', target: 'broker-1', job: 'jmx', ...wantTransition });
    else expect(next.transition).toBeUndefined();
  });
});

describe('nextHealth from unknown', () => {
  it.each([
    { ok: true, to: 'up' },
    { ok: false, to: 'down' },
  ] as const)('a first result with ok=$ok goes unknown -> $to, at the result’s start time', ({ ok, to }) => {
    const { health, transition } = nextHealth(initialHealth('c', 'zk-1', 'zookeeper', T0), {
      clusterId: 'c',
      target: 'zk-1',
      ok,
      startedAt: T0 + 5,
      durationMs: 1,
      samples: [],
      warnings: [],
      error: ok ? undefined : timeout,
    });
    expect(health).toMatchObject({ state: to, since: T0 + 5, runs: 1, failures: ok ? 0 : 1, lastOkAt: ok ? T0 + 5 : undefined });
    expect(transition).toEqual({ clusterId: 'c', target: 'zk-1', job: 'zookeeper', from: 'unknown', to, at: T0 + 5, error: ok ? undefined : timeout.message });
  });
});
