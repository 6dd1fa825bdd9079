/**
 * jmx-exporter-compare: broker-side CPU of (a) one Doflamingo collection — the one Jolokia bulk read
 * of exactly what the catalogue reads from a broker (every cadence) — against (b) one Prometheus
 * scrape of jmx_exporter's Java agent configured for the same MBeans and attributes (generated from
 * the catalogue, bench/jmx-exporter-config.ts) and (c) one scrape with jmx_exporter's default
 * "everything" config. All three on the same broker JVM, which is restarted for this with both
 * agents (`DOFLAMINGO_JMX_EXPORTER_PORT=… scripts/cluster.sh restart <broker>`) and restarted
 * normally at the end, whatever happens. Prints a Markdown section.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { buildCatalog } from '../sidecar/src/catalog/catalog';
import { BULK_READ_PARAMS, buildBulkRequest } from '../sidecar/src/collector/jolokia/request-builder';
import { catalogueYaml, EVERYTHING_YAML, exclusionsYaml, withExclusions, type FullReadAnswer } from './jmx-exporter-config';
import { costOf, idleRate, idleWindow, runBlock, send, text, type Block, type Cost, type HttpProbe, type IdleWindow } from './jmx-exporter-measure';
import { fmt, sleep } from './proc-cpu';

const ROOT = path.resolve(__dirname, '..', '..');
const BROKER = process.env.BENCH_JMX_BROKER ?? 'broker-3';
const PORT = Number(process.env.BENCH_JMX_PORT ?? 8799);
const N = Number(process.env.BENCH_JMX_N ?? 200);
const N_EVERYTHING = Number(process.env.BENCH_JMX_N_EVERYTHING ?? 100);
const ROUNDS = Number(process.env.BENCH_JMX_ROUNDS ?? 4);
const WORK = path.join(ROOT, '.sandbox/bench/jmx-exporter');
const ACTIVE = path.join(WORK, 'active.yaml');
/** What Prometheus 2.x/3.x sends on a scrape. */
const PROMETHEUS_HEADERS = {
  Accept: 'application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
  'Accept-Encoding': 'gzip',
};

const log = (msg: string): void => void process.stderr.write(`[jmx-exporter-compare] ${msg}\n`);

function cluster(args: string[], jmxExporter: boolean): void {
  const env = { ...process.env };
  delete env.DOFLAMINGO_JMX_EXPORTER_PORT;
  delete env.DOFLAMINGO_JMX_EXPORTER_CONFIG;
  if (jmxExporter) Object.assign(env, { DOFLAMINGO_JMX_EXPORTER_PORT: String(PORT), DOFLAMINGO_JMX_EXPORTER_CONFIG: ACTIVE });
  execFileSync('bash', [path.join(ROOT, 'scripts/cluster.sh'), ...args], { env, stdio: ['ignore', process.stderr, process.stderr] });
}

function brokerNode(): { pid: number; jolokia: string } {
  const eps = JSON.parse(readFileSync(path.join(ROOT, '.sandbox/cluster/endpoints.json'), 'utf8')) as {
    nodes: { key: string; pid?: number; jolokia?: string }[];
  };
  const n = eps.nodes.find((x) => x.key === BROKER);
  if (!n?.pid || !n.jolokia) throw new Error(`${BROKER} is not running (endpoints.json)`);
  return { pid: n.pid, jolokia: n.jolokia };
}

/** Prometheus samples in an exposition (lines that are neither comments nor empty). */
function sampleLines(exposition: string): number {
  return exposition.split('\n').filter((l) => l && !l.startsWith('#')).length;
}

function reloads(exposition: string): number {
  return Number(/^jmx_config_reload_success_total (\S+)/m.exec(exposition)?.[1] ?? NaN);
}

/** Makes the running agent use `yaml` (it reloads a changed file on the next scrape); checked. */
async function switchConfig(yaml: string, scrape: HttpProbe): Promise<void> {
  const before = reloads(text(await send(scrape)));
  writeFileSync(ACTIVE, yaml);
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    if (reloads(text(await send(scrape))) > before) return;
  }
  throw new Error('jmx_exporter did not reload its configuration');
}

interface Variant {
  probe: HttpProbe;
  n: number;
  yaml?: string;
}

async function measure(pid: number, variants: Variant[], scrape: HttpProbe): Promise<{ blocks: Block[]; idle: IdleWindow[] }> {
  const blocks: Block[] = [];
  const idle: IdleWindow[] = [];
  let active: string | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order every round: no variant always follows the same one.
    const order = variants.map((_, i) => variants[(i + r) % variants.length] as Variant);
    for (const v of order) {
      if (v.yaml && v.yaml !== active) {
        await switchConfig(v.yaml, scrape);
        active = v.yaml;
      }
      for (let i = 0; i < 3; i++) await send(v.probe); // after a reload: caches, connection
      const b = await runBlock(pid, v.probe, Math.max(1, Math.round(v.n / ROUNDS)));
      blocks.push(b);
      idle.push(await idleWindow(pid, b.wallMs));
    }
    log(`round ${r + 1}/${ROUNDS} done`);
  }
  return { blocks, idle };
}

async function main(): Promise<void> {
  const requests = buildBulkRequest(buildCatalog([]).jmxFor('kafka-broker', 'all')).requests;
  mkdirSync(WORK, { recursive: true });
  const catalogue = catalogueYaml(requests);
  writeFileSync(path.join(WORK, 'catalogue.yaml'), catalogue);
  writeFileSync(ACTIVE, catalogue);
  const t0 = Date.now();
  log(`restarting ${BROKER} with the jmx_exporter agent on port ${PORT}`);
  cluster(['restart', BROKER], true);
  let costs: Cost[];
  let samples: Record<string, number>;
  let idle: IdleWindow[];
  try {
    const { pid, jolokia } = brokerNode();
    const query = new URLSearchParams(Object.entries(BULK_READ_PARAMS).map(([k, v]) => [k, String(v)])).toString();
    const dof: HttpProbe = {
      name: 'doflamingo',
      method: 'POST',
      url: `${jolokia}/?${query}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(requests),
    };
    const scrape: HttpProbe = { name: 'jmx-exporter', method: 'GET', url: `http://127.0.0.1:${PORT}/metrics`, headers: PROMETHEUS_HEADERS };
    const variants: Variant[] = [
      { probe: dof, n: N },
      { probe: { ...scrape, name: 'jmx-catalogue' }, n: N, yaml: catalogue },
      { probe: { ...scrape, name: 'jmx-everything' }, n: N_EVERYTHING, yaml: EVERYTHING_YAML },
    ];
    await sleep(5000); // the restart's own work (replica catch-up, elections) settles
    const full = await send({ ...dof, name: 'full-read', body: JSON.stringify(requests.map((r) => ({ type: 'read', mbean: r.mbean }))) });
    const floor = withExclusions(catalogue, exclusionsYaml(requests, JSON.parse(text(full)) as FullReadAnswer[]));
    writeFileSync(path.join(WORK, 'catalogue-excluded.yaml'), floor);
    variants.splice(2, 0, { probe: { ...scrape, name: 'jmx-catalogue-excluded' }, n: N, yaml: floor });
    for (let i = 0; i < 20; i++) for (const v of variants.slice(0, 2)) await send(v.probe); // JIT warm-up
    const run = await measure(pid, variants, scrape);
    idle = run.idle;
    const rate = idleRate(idle);
    costs = variants.map((v) => costOf(v.probe.name, run.blocks, rate));
    samples = { doflamingo: countJolokiaValues(text(await send(dof))) };
    for (const v of variants.slice(1)) {
      await switchConfig(v.yaml as string, scrape);
      samples[v.probe.name] = sampleLines(text(await send(v.probe)));
    }
  } finally {
    log(`restarting ${BROKER} normally (without the jmx_exporter agent)`);
    cluster(['restart', BROKER], false);
    cluster(['status', '--quiet'], false);
  }
  print(costs, samples, idle, requests.length, (Date.now() - t0) / 1000);
}

/** Leaf values in a Jolokia bulk answer (a composite counts each of its numbers). */
function countJolokiaValues(body: string): number {
  const leaves = (v: unknown): number =>
    v !== null && typeof v === 'object' ? Object.values(v as Record<string, unknown>).reduce<number>((s, x) => s + leaves(x), 0) : 1;
  return (JSON.parse(body) as { value?: unknown; status: number }[]).filter((r) => r.status === 200).reduce((s, r) => s + leaves(r.value), 0);
}

function print(costs: Cost[], samples: Record<string, number>, idle: IdleWindow[], mbeans: number, seconds: number): void {
  const [a, b, b2, c] = costs as [Cost, Cost, Cost, Cost];
  const idleCpu = idle.reduce((s, w) => s + w.cpuMs, 0);
  const idleWall = idle.reduce((s, w) => s + w.wallMs, 0);
  const what: Record<string, string> = {
    doflamingo: `(a) Doflamingo: one Jolokia bulk read (${mbeans} reads, catalogue, every cadence)`,
    'jmx-catalogue': '(b) jmx_exporter 1.0.1, config generated from the catalogue (includeObjectNames + rules, `cache: true`)',
    'jmx-catalogue-excluded': '(b′) the same + `excludeObjectNameAttributes` for every other attribute of the live MBeans (floor, not a production config)',
    'jmx-everything': '(c) jmx_exporter 1.0.1, default config (`rules: [{pattern: ".*"}]`)',
  };
  console.log('## 5. Broker-side cost: Doflamingo vs Prometheus jmx_exporter (same broker JVM)');
  console.log();
  console.log(
    `Command: \`node dist/bench/jmx-exporter-compare.js\` (BENCH_JMX_BROKER=${BROKER}, BENCH_JMX_N=${N}, BENCH_JMX_N_EVERYTHING=${N_EVERYTHING}, BENCH_JMX_ROUNDS=${ROUNDS}; ` +
      `${BROKER} restarted with both agents — \`DOFLAMINGO_JMX_EXPORTER_PORT=${PORT} scripts/cluster.sh restart ${BROKER}\` — and restarted normally afterwards; took ${fmt(seconds, 0)} s). ` +
      `Requests back to back on a keep-alive connection, in ${ROUNDS} rounds of interleaved blocks (order rotated); the broker's CPU from /proc/<pid>/stat around each block, ` +
      `minus its idle CPU rate (${fmt(idleCpu / (idleWall / 1000), 1)} ms/s, measured in an equally long idle window after every block). Scrapes send Prometheus' Accept and Accept-Encoding: gzip headers.`,
  );
  console.log();
  console.log(
    '| what | requests | broker CPU ms / request (minus idle) | per block | wall ms / request | response bytes on the wire (encoding) | as text | samples |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const x of costs) {
    console.log(
      `| ${what[x.probe] ?? x.probe} | ${x.n} | ${fmt(x.cpuMsPer, 2)} | ${x.cpuMsPerBlock.map((v) => fmt(v, 1)).join(' / ')} | ${fmt(x.wallMsPer, 1)} | ${x.wireBytes} (${x.contentEncoding}) | ${x.textBytes} | ${samples[x.probe] ?? '-'} |`,
    );
  }
  console.log();
  console.log(
    `Ratios of broker CPU: (a)/(b) **${fmt(a.cpuMsPer / b.cpuMsPer, 2)}×** (goal ≤ 0.2×); (a)/(b′) ${fmt(a.cpuMsPer / b2.cpuMsPer, 2)}×; (a)/(c) ${fmt(a.cpuMsPer / c.cpuMsPer, 3)}×.`,
  );
  console.log();
  console.log(
    'jmx_exporter 1.0.1 is the newest 1.x on the Maven Central this project reaches. It reads every attribute of an included MBean ' +
      '(no includeObjectNameAttributes before 1.1; the rules only choose what is exported), and its Java agent always adds the ' +
      'client_java JVM and process metrics (the samples column counts them). (b′) shows what attribute filtering would save; ' +
      'it needs one entry per live MBean (per topic, per partition). Configs: .sandbox/bench/jmx-exporter/*.yaml.',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
