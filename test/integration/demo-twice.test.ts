/**
 * The demo command as a user runs it, twice on the same machine and database: `bash scripts/demo.sh`
 * (build, MySQL, cluster up, config, migrate, Flamingo-shaped menu, sidecar) until the UI answers and
 * the API lists the cluster, then Ctrl-C (SIGINT: the sidecar exits 0), then the same again. The second
 * run must come up the same way, reuse the admin token and leave one row per menu item.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import type { RowDataPacket } from 'mysql2/promise';
import { clusterConfig, ROOT } from '../support/cluster';
import { freshDatabase, type FreshDatabase } from '../support/mysql';

const RUN_TIMEOUT_MS = 300_000;

interface DemoRun {
  output: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  upAfterMs: number;
}

let db: FreshDatabase;
let demoDir: string;
let running: ChildProcess | undefined;

beforeAll(async () => {
  db = await freshDatabase('demo');
  demoDir = mkdtempSync(path.join(os.tmpdir(), 'doflamingo-demo-'));
});

afterAll(async () => {
  if (running && running.exitCode === null && running.pid) process.kill(running.pid, 'SIGTERM');
  await db.drop();
  rmSync(demoDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

/** True once the host page answers 200 and the API lists the cluster of the local config. */
async function demoIsUp(port: number, clusterId: string): Promise<boolean> {
  const page = await answers(`http://127.0.0.1:${port}/`);
  if (page?.status !== 200) return false;
  const api = await answers(`http://127.0.0.1:${port}/api/v1/clusters`);
  if (api?.status !== 200) return false;
  const clusters = JSON.parse(api.body) as Array<{ id: string }> | { clusters?: Array<{ id: string }> };
  const list = Array.isArray(clusters) ? clusters : (clusters.clusters ?? []);
  return list.some((c) => String(c.id) === clusterId);
}

async function runDemoUntilUpThenInterrupt(port: number, clusterId: string): Promise<DemoRun> {
  const started = Date.now();
  const child = spawn('bash', [path.join(ROOT, 'scripts/demo.sh')], {
    cwd: ROOT,
    env: { ...process.env, DOFLAMINGO_PORT: String(port), DOFLAMINGO_MYSQL_URL: db.url, DOFLAMINGO_DEMO_DIR: demoDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  const keep = (b: Buffer): void => {
    output += b.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  let upAfterMs = -1;
  while (Date.now() - started < RUN_TIMEOUT_MS && child.exitCode === null) {
    if (await demoIsUp(port, clusterId)) {
      upAfterMs = Date.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (upAfterMs < 0) {
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
    await exited;
    throw new Error(`the demo did not come up on port ${port} within ${RUN_TIMEOUT_MS} ms; its output:\n${output.slice(-6000)}`);
  }
  // scripts/demo.sh execs the sidecar, so this pid is the sidecar now: Ctrl-C as a user sends it
  process.kill(child.pid!, 'SIGINT');
  const { code, signal } = await exited;
  running = undefined;
  return { output, exitCode: code, signal, upAfterMs };
}

const adminTokenIn = (output: string): string | undefined => /Admin token[^:]*:\s+(\S+)/.exec(output)?.[1];

test(
  'bash scripts/demo.sh comes up, stops cleanly on Ctrl-C, and does the same on a second run over the same database',
  async () => {
    const clusterId = String(clusterConfig().clusters[0]?.id);
    const port = await freePort();

    const first = await runDemoUntilUpThenInterrupt(port, clusterId);
    expect({ code: first.exitCode, signal: first.signal, outputTail: first.output.slice(-3000) }).toEqual({
      code: 0,
      signal: null,
      outputTail: expect.any(String),
    });
    const second = await runDemoUntilUpThenInterrupt(port, clusterId);
    expect({ code: second.exitCode, signal: second.signal, outputTail: second.output.slice(-3000) }).toEqual({
      code: 0,
      signal: null,
      outputTail: expect.any(String),
    });
    console.log(`demo up after ${first.upAfterMs} ms (first run), ${second.upAfterMs} ms (second run)`);

    for (const run of [first, second]) {
      expect(run.output).not.toMatch(/Duplicate entry|\bER_[A-Z_]+\b/);
      expect(run.output).not.toMatch(/doflamingo: .*error/i);
      expect(run.output).toContain('FL_COMM_MENU: Monitoring has 9 items');
      expect(run.output).toContain('monitoring.kafka.Kafka, monitoring.zookeeper.ZooKeeper');
    }
    const token = adminTokenIn(first.output);
    expect(token).toMatch(/^[0-9a-f]{24}$/);
    expect(adminTokenIn(second.output)).toBe(token);

    const [menus] = await db.pool.query<RowDataPacket[]>('SELECT MENU_ID, COUNT(*) AS n FROM FL_COMM_MENU GROUP BY MENU_ID HAVING n > 1');
    expect(menus).toEqual([]);
    const [auth] = await db.pool.query<RowDataPacket[]>(
      'SELECT USERLEVEL, MENU_ID, COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH GROUP BY USERLEVEL, MENU_ID HAVING n > 1',
    );
    expect(auth).toEqual([]);
    const [ours] = await db.pool.query<RowDataPacket[]>(
      "SELECT MENU_ID, SORT_ORDR FROM FL_COMM_MENU WHERE MENU_ID IN ('MN001901', 'MN001902') ORDER BY MENU_ID",
    );
    expect(ours.map((r) => [r.MENU_ID, r.SORT_ORDR])).toEqual([
      ['MN001901', 9],
      ['MN001902', 10],
    ]);
  },
  2 * RUN_TIMEOUT_MS + 60_000,
);
