/**
 * Collection cost per target on the real local cluster: for every Jolokia target, K collections
 * back to back with the production collector (one bulk POST each): wall ms, sidecar CPU ms and
 * samples per collection, and the CPU the target JVM itself spent answering (from /proc, minus
 * its idle CPU over an equally long quiet window). Prints a Markdown section.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { buildCatalog } from '../sidecar/src/catalog/catalog';
import { createJolokiaCollector } from '../sidecar/src/collector/jolokia/collect-target';
import { RateTracker } from '../sidecar/src/collector/rates';
import { silentLogger } from '../sidecar/src/log/logger';
import type { Target, TargetKind } from '../sidecar/src/core/model';
import { fmt, ownCpuMs, processCpuMs, sleep } from './proc-cpu';

const K = Number(process.env.BENCH_COLLECTIONS ?? 100);
const ROOT = path.resolve(__dirname, '..', '..');

interface Node {
  key: string;
  kind: TargetKind;
  jolokia?: string;
  pid?: number;
}

async function main(): Promise<void> {
  const eps = JSON.parse(readFileSync(path.join(ROOT, '.sandbox/cluster/endpoints.json'), 'utf8')) as { nodes: Node[] };
  const catalog = buildCatalog([]);
  const collect = createJolokiaCollector({ catalog, timeoutMs: 5000, slowEvery: 1, rates: new RateTracker(), log: silentLogger });
  const rows: string[] = [];
  for (const n of eps.nodes.filter((x) => x.jolokia && x.pid)) {
    const target: Target = { clusterId: 'bench', key: n.key, kind: n.kind, jolokiaUrl: n.jolokia, origin: 'config' };
    await collect(target, { tickNo: 0, now: Date.now() }); // warm-up (JIT on both sides, connection)
    const pid = n.pid as number;
    const wallStart = Date.now();
    const cpu0 = ownCpuMs();
    const jvm0 = processCpuMs(pid);
    let samples = 0;
    for (let i = 0; i < K; i++) {
      const r = await collect(target, { tickNo: i + 1, now: Date.now() });
      samples += r.samples.length;
    }
    const wall = Date.now() - wallStart;
    const sidecarCpu = ownCpuMs() - cpu0;
    const jvmBusy = processCpuMs(pid) - jvm0;
    // Idle baseline: the same JVM, same wall time, no collection.
    const idle0 = processCpuMs(pid);
    await sleep(wall);
    const jvmIdle = processCpuMs(pid) - idle0;
    rows.push(
      `| ${n.key} | ${n.kind} | ${fmt(wall / K)} | ${fmt(sidecarCpu / K, 2)} | ${fmt(Math.max(0, jvmBusy - jvmIdle) / K, 2)} | ${fmt(samples / K, 0)} |`,
    );
  }
  console.log('## 1. Collection cost per target (real cluster)');
  console.log();
  console.log(
    `Command: \`node dist/bench/collect-cost.js\` (BENCH_COLLECTIONS=${K}; every cadence, i.e. slow per-partition MBeans included in every collection)`,
  );
  console.log();
  console.log('| target | kind | wall ms / collection | sidecar CPU ms / collection | target JVM CPU ms / collection (minus idle) | samples / collection |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
