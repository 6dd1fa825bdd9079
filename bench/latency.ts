/**
 * Latency end to end, through the real sidecar process (`doflamingo serve`, fresh database, jmx
 * schedule every BENCH_LATENCY_INTERVAL_S s, default 10 as in production) and its live socket:
 *   1. a gauge change on a broker (jvm.heap.used of an in-process fake Jolokia agent serving the
 *      broker fixture) → the `update` carrying the new value on a socket subscribed to view `kafka`
 *      (target: ≤ interval + 0.5 s);
 *   2. a broker's agent stopped (connection refused) → the `event` alert-fired of rule target-down
 *      for it (target: ≤ 2 × interval); it is restarted and the alert's resolve awaited in between.
 * Changes and stops happen at stratified random phases of the interval. Prints a RESULTS.md section.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { FakeJolokia, type Snapshot } from '../test/support/fake-jolokia';
import { distribution, eventIs, nextAtPhase, phaseOf, secondsCells, stratifiedPhases, updateCarries, type Distribution } from './latency-stats';
import { openLiveSocket, repoRoot, serveSidecar, waitForMessage, type LiveSocket } from './latency-sidecar';

const INTERVAL_S = Number(process.env.BENCH_LATENCY_INTERVAL_S ?? 10);
const BROKERS = Number(process.env.BENCH_LATENCY_BROKERS ?? 4);
const CHANGES = Number(process.env.BENCH_LATENCY_CHANGES ?? 24);
const KILLS = Number(process.env.BENCH_LATENCY_KILLS ?? 6);
const INTERVAL_MS = INTERVAL_S * 1000;
const CLUSTER = 'lat';
const METRIC = 'jvm.heap.used';
const MEMORY_BEAN = 'java.lang:type=Memory';

const sleepUntil = (wallMs: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, wallMs - Date.now())));

/** One fake broker agent whose heap-used gauge can be changed and whose HTTP server can be stopped and restarted on its port. */
class FakeBroker {
  private server: FakeJolokia;
  private heapUsed: number;
  /** Kept across stop/start: a stopped FakeJolokia reports port 0. */
  private port = 0;
  /** performance.now() of the first read that served the current heap value. */
  servedAt: number | undefined;

  constructor(
    readonly key: string,
    private readonly fixture: Snapshot,
  ) {
    this.heapUsed = this.memory().used;
    this.server = this.make(0);
  }

  async start(): Promise<this> {
    await this.server.start();
    this.port = this.server.port;
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  /** Sets a new heap-used value (served from the next read on). */
  setHeapUsed(v: number): void {
    this.heapUsed = v;
    this.servedAt = undefined;
  }

  kill(): Promise<void> {
    return this.server.stop();
  }

  async revive(): Promise<void> {
    this.server = this.make(this.port);
    await this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private memory(): { used: number } & Record<string, unknown> {
    return (this.fixture.beans[MEMORY_BEAN]?.HeapMemoryUsage ?? { used: 0 }) as { used: number } & Record<string, unknown>;
  }

  private make(port: number): FakeJolokia {
    return new FakeJolokia({
      port,
      snapshotFor: () => {
        this.servedAt ??= performance.now();
        const memory = { ...this.fixture.beans[MEMORY_BEAN], HeapMemoryUsage: { ...this.memory(), used: this.heapUsed } };
        return { beans: { ...this.fixture.beans, [MEMORY_BEAN]: memory } };
      },
    });
  }
}

interface ChangeResult {
  phaseMs: number;
  latencyMs?: number;
  /** Change → the agent's first read serving it, and that read → the socket. */
  waitMs?: number;
  pipelineMs?: number;
}

/** Part 1: each broker makes its share of the changes one after the other; brokers run side by side. */
async function measureChanges(brokers: FakeBroker[], socket: LiveSocket): Promise<ChangeResult[]> {
  const phases = stratifiedPhases(CHANGES, INTERVAL_MS);
  let next = 0;
  const results: ChangeResult[] = [];
  await Promise.all(
    brokers.map(async (b, bi) => {
      for (let i = bi; i < phases.length; i += brokers.length) {
        await sleepUntil(nextAtPhase(Date.now() + 50, phases[i] ?? 0, INTERVAL_MS));
        const value = 500_000_000 + ++next * 4096;
        const arrival = waitForMessage(socket, (m) => updateCarries(m, b.key, METRIC, value), 3 * INTERVAL_MS);
        const wall = Date.now();
        const t0 = performance.now();
        b.setHeapUsed(value);
        const at = await arrival;
        const served = b.servedAt;
        results.push({
          phaseMs: phaseOf(wall, INTERVAL_MS),
          latencyMs: at === undefined ? undefined : at - t0,
          waitMs: served === undefined ? undefined : served - t0,
          pipelineMs: at === undefined || served === undefined ? undefined : at - served,
        });
      }
    }),
  );
  return results;
}

interface KillResult {
  broker: string;
  phaseMs: number;
  firedMs?: number;
  downEventMs?: number;
  resolvedMs?: number;
}

/** Part 2: one broker at a time (in turn) is stopped, its alert awaited, then restarted and the resolve awaited. */
async function measureKills(brokers: FakeBroker[], socket: LiveSocket): Promise<KillResult[]> {
  const phases = stratifiedPhases(KILLS, INTERVAL_MS);
  const results: KillResult[] = [];
  for (let i = 0; i < phases.length; i++) {
    const b = brokers[i % brokers.length];
    if (!b) break;
    await sleepUntil(nextAtPhase(Date.now() + 50, phases[i] ?? 0, INTERVAL_MS));
    const fired = waitForMessage(socket, (m) => eventIs(m, 'alert-fired', b.key, 'target-down'), 3 * INTERVAL_MS);
    const down = waitForMessage(socket, (m) => eventIs(m, 'target-down', b.key), 3 * INTERVAL_MS);
    const wall = Date.now();
    const t0 = performance.now();
    await b.kill();
    const [firedAt, downAt] = await Promise.all([fired, down]);
    const resolved = waitForMessage(socket, (m) => eventIs(m, 'alert-resolved', b.key, 'target-down'), 3 * INTERVAL_MS);
    const t1 = performance.now();
    await b.revive();
    const resolvedAt = await resolved;
    results.push({
      broker: b.key,
      phaseMs: phaseOf(wall, INTERVAL_MS),
      firedMs: firedAt === undefined ? undefined : firedAt - t0,
      downEventMs: downAt === undefined ? undefined : downAt - t0,
      resolvedMs: resolvedAt === undefined ? undefined : resolvedAt - t1,
    });
    if (resolvedAt === undefined) await sleepUntil(Date.now() + INTERVAL_MS); // let it be collected again before the next stop
  }
  return results;
}

const defined = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);

function row(what: string, bound: string, boundMs: number | undefined, attempts: number, d: Distribution): string {
  const met = boundMs === undefined ? '-' : d.n === attempts && d.max <= boundMs ? '**yes**' : '**no**';
  return `| ${what} | ${bound} | ${d.n}/${attempts} | ${secondsCells(d)} | ${met} |`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'jolokia', 'broker.json'), 'utf8')) as Snapshot;
  const brokers = await Promise.all(Array.from({ length: BROKERS }, (_, i) => new FakeBroker(`lat-broker-${i + 1}`, fixture).start()));
  const sidecar = await serveSidecar(
    {
      schedule: { jmx: `*/${INTERVAL_S} * * * * *` },
      clusters: [{ id: CLUSTER, name: 'latency bench', brokers: brokers.map((b) => ({ key: b.key, jolokia: b.url })) }],
      log: { level: 'warn' },
    },
    'bench_latency',
  );
  let socket: LiveSocket | undefined;
  try {
    socket = await openLiveSocket(sidecar, CLUSTER, 'kafka');
    const live = socket;
    // BENCH_LATENCY_DEBUG=1: every timeline event on stderr as it arrives
    if (process.env.BENCH_LATENCY_DEBUG) live.on((m) => void (m.type === 'event' && console.error(new Date().toISOString(), JSON.stringify(m.event))));
    // warm-up: every broker collected twice (series registered, connections open)
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        brokers.map((b) =>
          waitForMessage(live, (m) => m.type === 'update' && !!m.samples?.some((s) => s.target === b.key && s.metric === METRIC), 4 * INTERVAL_MS),
        ),
      );
    }
    const changes = await measureChanges(brokers, live);
    const kills = await measureKills(brokers, live);
    const tookS = Math.round((Date.now() - started) / 1000);
    const phases = changes.map((c) => c.phaseMs / 1000);
    const phaseRange = phases.length ? `${Math.min(...phases).toFixed(2)}–${Math.max(...phases).toFixed(2)} s` : '-';
    console.log('## 6. Latency end to end: metric change → chart, dead broker → alert (real sidecar process)');
    console.log();
    console.log(
      `Command: \`node dist/bench/latency.js\` (BENCH_LATENCY_INTERVAL_S=${INTERVAL_S}, BENCH_LATENCY_BROKERS=${BROKERS}, BENCH_LATENCY_CHANGES=${CHANGES}, BENCH_LATENCY_KILLS=${KILLS}; ` +
        `run ${new Date(started).toISOString().slice(0, 16)}Z, took ${tookS} s, load average ${os.loadavg()[0]?.toFixed(1)}). ` +
        `\`node bin/doflamingo.js serve\` in its own process on a fresh database, jmx schedule \`*/${INTERVAL_S} * * * * *\` (default jitter, up to 2 s per target), ` +
        `collecting ${BROKERS} in-process fake Jolokia agents (test/support/fake-jolokia.ts, broker fixture); a WebSocket client subscribed to view \`kafka\` in the benchmark process. ` +
        `Changes and stops at stratified random phases of the interval (changes here at ${phaseRange} into it); ` +
        'times taken in the benchmark process (change/stop → message received).',
    );
    console.log();
    console.log('| what | bound | arrived | min s | median s | p95 s | max s | bound met (max) |');
    console.log('|---|---|---|---|---|---|---|---|');
    const bound1 = INTERVAL_MS + 500;
    const bound2 = 2 * INTERVAL_MS;
    console.log(
      row(
        `${METRIC} changed on one broker → \`update\` with the new value`,
        `interval + 0.5 s = ${bound1 / 1000} s`,
        bound1,
        changes.length,
        distribution(defined(changes.map((c) => c.latencyMs))),
      ),
    );
    console.log(row("… of which: change → the agent's next read", '-', undefined, changes.length, distribution(defined(changes.map((c) => c.waitMs)))));
    console.log(row('… of which: that read → `update` on the socket', '-', undefined, changes.length, distribution(defined(changes.map((c) => c.pipelineMs)))));
    console.log(
      row(
        'broker agent stopped (connection refused) → `event` alert-fired `target-down`',
        `2 × interval = ${bound2 / 1000} s`,
        bound2,
        kills.length,
        distribution(defined(kills.map((k) => k.firedMs))),
      ),
    );
    console.log(row('… the timeline `event` target-down (same stop)', '-', undefined, kills.length, distribution(defined(kills.map((k) => k.downEventMs)))));
    console.log(
      row('broker agent restarted → `event` alert-resolved `target-down`', '-', undefined, kills.length, distribution(defined(kills.map((k) => k.resolvedMs)))),
    );
    console.log();
    console.log(
      `Stops: ${kills.map((k) => `${k.broker} at ${(k.phaseMs / 1000).toFixed(1)} s → ${k.firedMs === undefined ? 'no alert' : (k.firedMs / 1000).toFixed(2) + ' s'}`).join('; ')}.`,
    );
  } finally {
    socket?.close();
    await sidecar.stop();
    await Promise.all(brokers.map((b) => b.stop()));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
