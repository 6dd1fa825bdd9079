/** SampleWriter against a fake pool and registry: state changes, logging once, stop(). No MySQL. */
import type { Pool } from 'mysql2/promise';
import type { Logger } from '../../../sidecar/src/log/logger';
import type { Sample } from '../../../sidecar/src/core/model';
import type { SeriesRegistry } from '../../../sidecar/src/store/registry';
import { ManualClock } from '../../../sidecar/src/core/clock';
import { SampleWriter } from '../../../sidecar/src/store/sample-writer';

function fakePool(): { pool: Pool; inserted: unknown[][]; rollupIds: number; failNext: number; partitionCalls: number } {
  const state = { inserted: [] as unknown[][], rollupIds: 0, failNext: 0, partitionCalls: 0, pool: undefined as unknown as Pool };
  const query = async (sql: string, values?: unknown[]) => {
    if (/information_schema\.PARTITIONS/.test(sql)) {
      if (values?.[0] === 'FL_DOF_SAMPLE') state.partitionCalls += 1;
      return [[{ name: 'p29991231' }, { name: 'pmax' }], []];
    }
    if (state.failNext > 0) {
      state.failNext -= 1;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    }
    const rows = (values?.[0] as unknown[][]) ?? [];
    if (/^INSERT IGNORE INTO FL_DOF_SAMPLE /.test(sql)) state.inserted.push(...rows);
    else if (/^INSERT INTO FL_DOF_SAMPLE_1/.test(sql)) state.rollupIds += rows.length; // recompute: values[0] = series ids
    return [{ affectedRows: rows.length }, []];
  };
  state.pool = { query } as unknown as Pool;
  return state;
}

const registry = {
  resolve: async (batch: Sample[]) => batch.map((s) => (s.metric === 'unknown' ? undefined : 1 + Number(s.labels.i ?? 0))),
} as unknown as SeriesRegistry;

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    debug: () => undefined,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    child: () => log,
  };
  return log;
}

const samples = (n: number, metric = 'm'): Sample[] =>
  Array.from({ length: n }, (_, i) => ({ clusterId: 'c', target: 't', metric, labels: { i: String(i) }, ts: 1_700_000_000_000 + i, value: i }));

test('failures keep the samples, flip mysqlUp once each way and log once each way', async () => {
  const f = fakePool();
  const log = logger();
  const w = new SampleWriter(f.pool, registry, { bufferMaxSamples: 1000, batchSize: 4, flushIntervalMs: 10, minBackoffMs: 1, maxBackoffMs: 2 }, log);
  f.failNext = 3;
  w.enqueue(samples(10));
  for (let i = 0; i < 3; i++) {
    await w.flush();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(w.stats()).toMatchObject({ buffered: 10, written: 0, failedFlushes: 3, mysqlUp: false, lastError: 'connect ECONNREFUSED 127.0.0.1:3306' });
  await w.flush();
  expect(w.stats()).toMatchObject({ buffered: 0, written: 10, mysqlUp: true, dropped: 0 });
  expect(w.stats().lastError).toBeUndefined();
  expect(f.inserted).toHaveLength(10);
  // the samples' minute and hour are long closed: both recomputed for the 10 series after the flush
  expect(f.rollupIds).toBe(20);
  expect(w.stats()).toMatchObject({ rollupPending: 0, rollupFailures: 0 });
  expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual(['warn MySQL unavailable: samples kept in memory until it is back']);
  expect(log.lines.filter((l) => l.startsWith('info MySQL is back'))).toHaveLength(1);
});

test('during the backoff a flush returns at once without trying', async () => {
  const f = fakePool();
  const w = new SampleWriter(
    f.pool,
    registry,
    { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 10, minBackoffMs: 60_000, maxBackoffMs: 60_000 },
    logger(),
  );
  f.failNext = 1;
  w.enqueue(samples(3));
  await w.flush();
  await w.flush();
  expect(w.stats()).toMatchObject({ failedFlushes: 1, buffered: 3 });
  await w.stop(); // stop ignores the backoff for its final flush
  expect(w.stats()).toMatchObject({ buffered: 0, written: 3 });
});

test('unknown series are skipped and counted, never retried', async () => {
  const f = fakePool();
  const w = new SampleWriter(f.pool, registry, { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 10 }, logger());
  w.enqueue([...samples(2), ...samples(3, 'unknown')]);
  await w.flush();
  expect(w.stats()).toMatchObject({ buffered: 0, written: 2, skipped: 3 });
});

test('enqueue never throws, even on nonsense; an empty enqueue is a no-op', () => {
  const w = new SampleWriter(fakePool().pool, registry, { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 10 }, logger());
  expect(() => w.enqueue(undefined as unknown as Sample[])).not.toThrow();
  expect(() => w.enqueue([])).not.toThrow();
  expect(w.stats().buffered).toBe(0);
});

test('overflow logs once, not per enqueue', () => {
  const log = logger();
  const w = new SampleWriter(fakePool().pool, registry, { bufferMaxSamples: 10, batchSize: 100, flushIntervalMs: 10 }, log);
  for (let i = 0; i < 20; i++) w.enqueue(samples(5));
  expect(w.stats()).toMatchObject({ buffered: 10, dropped: 90 });
  expect(log.lines.filter((l) => l.includes('oldest samples dropped'))).toHaveLength(1);
});

test('start/stop: the loop flushes by itself; stop is idempotent and shares one final flush; partitions checked on the first flush', async () => {
  const f = fakePool();
  const w = new SampleWriter(f.pool, registry, { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 5 }, logger());
  await w.start();
  await w.start();
  w.enqueue(samples(7));
  for (let i = 0; i < 100 && w.stats().written < 7; i++) await new Promise((r) => setTimeout(r, 5));
  expect(w.stats().written).toBe(7);
  expect(f.partitionCalls).toBe(1);
  w.enqueue(samples(2));
  const a = w.stop();
  const b = w.stop();
  expect(a).toBe(b);
  await a;
  expect(w.stats()).toMatchObject({ buffered: 0, written: 9 });
  await w.start(); // a stopped writer stays stopped
  w.enqueue(samples(1));
  await new Promise((r) => setTimeout(r, 30));
  expect(w.stats().buffered).toBe(1);
});

describe('with a ManualClock', () => {
  // the samples' own time: 1_700_000_000_000 is 22:13:20 UTC, inside its minute and hour
  const T0 = 1_700_000_000_000;
  const opts = { bufferMaxSamples: 1000, batchSize: 100, flushIntervalMs: 10, minBackoffMs: 1000, maxBackoffMs: 4000, partitionCheckMs: 60_000 };

  test('a failed flush waits out its backoff (half to all of the exponential delay) and the delay doubles per failure', async () => {
    const f = fakePool();
    const clock = new ManualClock(T0);
    const w = new SampleWriter(f.pool, registry, { ...opts, clock }, logger());
    f.failNext = 2;
    w.enqueue(samples(3));
    const attemptsAfter = async (ms: number): Promise<number> => {
      clock.set(T0 + ms);
      await w.flush();
      return w.stats().failedFlushes + w.stats().written / 3;
    };
    expect(await attemptsAfter(0)).toBe(1); // fails: next attempt in [500, 1000] ms
    expect(await attemptsAfter(499)).toBe(1);
    expect(await attemptsAfter(1000)).toBe(2); // fails again: next attempt in [1000, 2000] ms from now
    expect(await attemptsAfter(1999)).toBe(2);
    expect(await attemptsAfter(3000)).toBe(3); // written
    expect(w.stats()).toMatchObject({ buffered: 0, written: 3, failedFlushes: 2, mysqlUp: true, lastFlushAt: T0 + 3000 });
  });

  test('the backoff never exceeds maxBackoffMs, however many failures in a row', async () => {
    const f = fakePool();
    const clock = new ManualClock(T0);
    const w = new SampleWriter(f.pool, registry, { ...opts, clock }, logger());
    f.failNext = 12;
    w.enqueue(samples(1));
    for (let i = 1; i <= 12; i++) {
      await w.flush();
      expect(w.stats().failedFlushes).toBe(i);
      clock.advance(opts.maxBackoffMs);
    }
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 1, mysqlUp: true });
  });

  test('daily partitions are checked on the first flush, then once per partitionCheckMs of the clock', async () => {
    const f = fakePool();
    const clock = new ManualClock(0); // even at the epoch's first millisecond the first flush checks
    const w = new SampleWriter(f.pool, registry, { ...opts, clock }, logger());
    await w.flush();
    expect(f.partitionCalls).toBe(1);
    clock.advance(opts.partitionCheckMs - 1);
    await w.flush();
    expect(f.partitionCalls).toBe(1);
    clock.advance(1);
    await w.flush();
    expect(f.partitionCalls).toBe(2);
  });

  test('rollups wait until the clock has closed their minute and hour', async () => {
    const f = fakePool();
    const clock = new ManualClock(T0 + 1000);
    const w = new SampleWriter(f.pool, registry, { ...opts, clock }, logger());
    w.enqueue(samples(2));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 2, rollupPending: 2 });
    expect(f.rollupIds).toBe(0);
    clock.set(T0 + 60_000); // the minute is closed (and its grace over); the hour is not
    await w.flush();
    expect(f.rollupIds).toBe(2);
    expect(w.stats().rollupPending).toBe(2);
    clock.set(T0 + 2 * 3_600_000);
    await w.flush();
    expect(f.rollupIds).toBe(4);
    expect(w.stats().rollupPending).toBe(0);
  });

  test('a rollup failure that waiting will not fix turns rollups off for partitionCheckMs of the clock; raw rows go on', async () => {
    const f = fakePool();
    const clock = new ManualClock(T0 + 2 * 3_600_000); // every bucket of the samples is closed
    const log = logger();
    const w = new SampleWriter(f.pool, registry, { ...opts, clock }, log);
    const query = f.pool.query.bind(f.pool);
    let rollupTableMissing = true;
    (f.pool as unknown as { query: typeof query }).query = (async (...args: Parameters<typeof query>) => {
      if (rollupTableMissing && /FL_DOF_SAMPLE_1/.test(String(args[0])))
        throw Object.assign(new Error("Table 'FL_DOF_SAMPLE_1M' doesn't exist"), { code: 'ER_NO_SUCH_TABLE' });
      return query(...args);
    }) as typeof query;
    w.enqueue(samples(2));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 2, rollupPending: 2, rollupFailures: 1, mysqlUp: true });
    rollupTableMissing = false;
    clock.advance(opts.partitionCheckMs - 1);
    w.enqueue(samples(1, 'm'));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 3, rollupFailures: 1 }); // not tried again yet
    expect(f.rollupIds).toBe(0);
    clock.advance(1);
    await w.flush();
    expect(w.stats()).toMatchObject({ rollupPending: 0, rollupFailures: 1 });
    expect(f.rollupIds).toBeGreaterThan(0);
    expect(log.lines.filter((l) => l.includes('rollups'))).toEqual([
      'warn rollups not written (raw samples are kept; retried later)',
      'info rollups written again',
    ]);
  });

  test('stop gives up at its deadline of the clock: what is left is logged as lost', async () => {
    const f = fakePool();
    const clock = new ManualClock(T0);
    const log = logger();
    const w = new SampleWriter(f.pool, registry, { ...opts, clock, stopDeadlineMs: 5000 }, log);
    w.enqueue(samples(4));
    f.failNext = 1_000;
    const query = f.pool.query.bind(f.pool);
    // every failing attempt takes 3 s of the clock: the attempts at 0 and 3 s, then the 5 s deadline has passed
    (f.pool as unknown as { query: typeof query }).query = (async (...args: Parameters<typeof query>) => {
      try {
        return await query(...args);
      } catch (err) {
        clock.advance(3000);
        throw err;
      }
    }) as typeof query;
    await w.stop();
    expect(w.stats()).toMatchObject({ buffered: 4, written: 0, failedFlushes: 2 });
    expect(log.lines).toContain('error writer stopped with unwritten samples (lost)');
  });
});
