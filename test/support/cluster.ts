/**
 * The real local cluster started by scripts/cluster.sh (test.sh brings it up before the
 * integration tests): its endpoints, its ready sidecar config, and node stop/start.
 */
import { execFile } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { promisify } from 'util';

export const ROOT = path.resolve(__dirname, '..', '..');
const CLUSTER_DIR = path.join(ROOT, '.sandbox', 'cluster');
const run = promisify(execFile);

export interface ClusterNode {
  key: string;
  kind: 'zookeeper' | 'kafka-broker' | 'kafka-client';
  jolokia?: string;
  admin?: string;
  client?: string;
  role?: string;
  group?: string;
}

export interface Endpoints {
  bootstrap: string;
  zookeeperConnect: string;
  consumerGroup: string;
  topics: { name: string; partitions: number; replicationFactor: number }[];
  nodes: ClusterNode[];
}

export function endpoints(): Endpoints {
  const file = path.join(CLUSTER_DIR, 'endpoints.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`bash scripts/cluster.sh up\` first (scripts/test.sh does)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
}

/** The sidecar config cluster.sh wrote, as a plain object (to be adjusted and validated by the test). */
export function clusterConfig(): Record<string, unknown> & { clusters: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(path.join(CLUSTER_DIR, 'doflamingo.json'), 'utf8'));
}

/** `scripts/cluster.sh stop|start <node>`. */
export async function clusterCtl(action: 'stop' | 'start', node: string): Promise<void> {
  await run('bash', [path.join(ROOT, 'scripts', 'cluster.sh'), action, node], { cwd: ROOT, timeout: 170_000 });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Jolokia `search`: the MBean names matching a pattern on one agent (empty when none). */
export async function jolokiaSearch(url: string, pattern: string): Promise<string[]> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ type: 'search', mbean: pattern }), signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { status: number; value?: string[] };
  return body.status === 200 ? (body.value ?? []) : [];
}
