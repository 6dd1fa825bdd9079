/**
 * Scale: one sidecar collecting N simulated brokers every 10 s (bench/jolokia-sim.ts, a separate
 * process answering with a real broker's MBeans), writing into a fresh MySQL database. Reports
 * the sidecar's CPU as % of one core, its peak RSS, samples per cycle, skipped ticks and the
 * writer's state. Runs N = 1000 (CPU target < 25 %) and N = 100 (RSS target ≤ 150 MB).
 * BENCH_SCALE_PROF=<dir> adds `--cpu-prof` to the sidecar process (the profile covers warm-up too).
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import mysql from 'mysql2/promise';
import { buildSidecar } from '../sidecar/src/app/root';
import { parseConfig } from '../sidecar/src/config/load';
import { silentLogger } from '../sidecar/src/log/logger';
import { fmt, ownCpuMs, rssMb, sleep } from './proc-cpu';

const WARMUP_MS = Number(process.env.BENCH_SCALE_WARMUP_MS ?? 25_000);
const MEASURE_MS = Number(process.env.BENCH_SCALE_MEASURE_MS ?? 60_000);
const SIZES = (process.env.BENCH_SCALE_TARGETS ?? '1000,100').split(',').map(Number);
const SOURCE = process.env.BENCH_SIM_FROM ?? 'http://127.0.0.1:8781/jolokia';

async function startSim(): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [path.join(__dirname, 'jolokia-sim.js'), '--from', SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    proc.stdout?.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
  });
  return { port, proc };
}

async function run(n: number, simPort: number): Promise<string> {
  const base = new URL(process.env.DOFLAMINGO_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/doflamingo');
  const db = `doflamingo_bench_scale_${n}_${Date.now().toString(36)}`;
  const url = `${base.protocol}//${base.username ? base.username + '@' : ''}${base.host}/${db}`;
  const sidecar = buildSidecar(
    parseConfig(
      {
        mysql: { url },
        schedule: { jmx: '*/10 * * * * *', maxJitterMs: 5000 },
        clusters: [
          {
            id: 'scale',
            name: `${n} simulated brokers`,
            brokers: Array.from({ length: n }, (_, i) => ({ key: `sim-${i + 1}`, jolokia: `http://127.0.0.1:${simPort}/b${i + 1}/jolokia` })),
          },
        ],
      },
      'bench',
    ),
    silentLogger,
    { api: false },
  );
  await sidecar.start();
  let peakRss = rssMb();
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 500);
  try {
    await sleep(WARMUP_MS);
    const cpu0 = ownCpuMs();
    const t0 = Date.now();
    const written0 = sidecar.writerStats().written ?? 0;
    await sleep(MEASURE_MS);
    const cpuPct = ((ownCpuMs() - cpu0) / (Date.now() - t0)) * 100;
    const w = sidecar.writerStats();
    const jmx = sidecar.jobStats().find((j) => j.name === 'jmx');
    const health = sidecar.health();
    const up = health.filter((h) => h.state === 'up').length;
    const perCycle = health.reduce((a, h) => a + h.samplesLastRun, 0);
    const writtenPerS = (((w?.written ?? 0) - written0) / MEASURE_MS) * 1000;
    return `| ${n} | ${fmt(cpuPct)} % | ${fmt(peakRss, 0)} MB | ${up}/${n} | ${perCycle} | ${fmt(writtenPerS, 0)} | ${jmx?.lastDurationMs ?? '-'} ms | ${jmx?.skippedTicks ?? '-'} | ${w?.buffered ?? '-'} / ${w?.dropped ?? '-'} |`;
  } finally {
    clearInterval(rssTimer);
    await sidecar.stop();
    const conn = await mysql.createConnection({ uri: `${base.protocol}//${base.username ? base.username + '@' : ''}${base.host}/` });
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.end();
  }
}

/** Runs one size in a fresh process, so the RSS of one run never carries into the next. */
function runChild(n: number, simPort: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // BENCH_SCALE_PROF=<dir>: the sidecar process (never the simulator) writes a V8 CPU profile there.
    const prof = process.env.BENCH_SCALE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SCALE_PROF}`] : [];
    const child = spawn(process.execPath, [...prof, __filename, '--one', String(n), String(simPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`scale run for ${n} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--one') {
    console.log(await run(Number(process.argv[3]), Number(process.argv[4])));
    return;
  }
  const sim = await startSim();
  const rows: string[] = [];
  try {
    for (const n of SIZES) rows.push(await runChild(n, sim.port));
  } finally {
    sim.proc.kill();
  }
  console.log('## 3. Scale: simulated brokers every 10 s (one sidecar)');
  console.log();
  console.log(
    `Command: \`node dist/bench/scale.js\` (BENCH_SCALE_TARGETS=${SIZES.join(',')}, each size in a fresh sidecar process, warm-up ${WARMUP_MS / 1000} s, measured ${MEASURE_MS / 1000} s, start offsets spread over 5 s). ` +
      "The simulator (bench/jolokia-sim.ts) is a separate process serving a snapshot of broker-1's MBeans; it, MariaDB and the local cluster share the same 2 cores.",
  );
  console.log();
  console.log(
    '| brokers | sidecar CPU (% of one core) | peak RSS | up | samples / cycle | rows written / s | last jmx job | skipped ticks | buffered / dropped |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
