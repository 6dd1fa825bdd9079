/**
 * Starts the REAL sidecar for the browser tests, the way an operator does:
 * `node bin/doflamingo.js migrate|serve --config <file>`, with the config the local cluster
 * generated (.sandbox/cluster/doflamingo.json) adjusted for the test: its own fresh MySQL
 * database, a free API port, demo mode on, a random read token and a random admin token (alert rule writes).
 */
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import mysql from 'mysql2/promise';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLUSTER_CONFIG = path.join(ROOT, '.sandbox', 'cluster', 'doflamingo.json');
const CLI = path.join(ROOT, 'bin', 'doflamingo.js');
const PASSWORD_ENV = 'DOFLAMINGO_BROWSER_TEST_MYSQL_PASSWORD';

export interface RunningSidecar {
  /** http://127.0.0.1:<port> */
  url: string;
  token: string;
  /** api.adminToken of the test sidecar (never given to the page). */
  adminToken: string;
  /** Runs SQL in the test sidecar's own database (e.g. to seed FL_DOF_EVENT rows). */
  sql(statement: string, values?: unknown[]): Promise<unknown>;
  clusterId: string;
  /** GET a JSON endpoint of the API (path after /api/v1). */
  api<T>(p: string): Promise<T>;
  logs(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The MySQL server URL (no database) from DOFLAMINGO_MYSQL_URL or the cluster's config. */
function serverUrl(clusterConfig: { mysql?: { url?: string } }): URL {
  const raw = process.env['DOFLAMINGO_MYSQL_URL'] || clusterConfig.mysql?.url;
  if (!raw) throw new Error('no MySQL: set DOFLAMINGO_MYSQL_URL (scripts/test.sh does) or mysql.url in ' + CLUSTER_CONFIG);
  const u = new URL(raw);
  u.pathname = '/';
  return u;
}

export interface SidecarOptions {
  /** Extra `api` config keys, e.g. `demoExtJs` (another Ext JS runtime for the demo page). */
  api?: Record<string, unknown>;
}

export async function startSidecar(options: SidecarOptions = {}): Promise<RunningSidecar> {
  if (!fs.existsSync(CLUSTER_CONFIG)) {
    throw new Error(`${CLUSTER_CONFIG} is missing: bring the local cluster up first (bash scripts/cluster.sh up)`);
  }
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing`);
  const config = JSON.parse(fs.readFileSync(CLUSTER_CONFIG, 'utf8'));
  const server = serverUrl(config);
  const database = `df_browser_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  const password = decodeURIComponent(server.password);
  const admin = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: password || undefined,
  });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);

  const dbUrl = new URL(server.toString());
  dbUrl.password = '';
  dbUrl.pathname = '/' + database;
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const adminToken = crypto.randomBytes(16).toString('hex');
  config.mysql = { ...(config.mysql || {}), url: dbUrl.toString().replace(/\/$/, '') };
  if (password) config.mysql.passwordEnv = PASSWORD_ENV;
  config.api = { ...(config.api || {}), ...options.api, host: '127.0.0.1', port, demo: true, readToken: token, adminToken };
  delete config.api.readTokenEnv;
  delete config.api.adminTokenEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'df-browser-'));
  const file = path.join(dir, 'doflamingo.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const env: NodeJS.ProcessEnv = { ...process.env, [PASSWORD_ENV]: password };
  delete env['DOFLAMINGO_MYSQL_URL'];

  const dropDb = async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await admin.end().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const migrate = spawnSync(process.execPath, [CLI, 'migrate', '--config', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 120000 });
  if (migrate.status !== 0) {
    await dropDb();
    throw new Error(`doflamingo migrate failed (${migrate.status}): ${migrate.stderr || migrate.stdout}`);
  }
  // the Flamingo-shaped menu tables + Doflamingo's own menu rows, as the demo has them
  const menu = spawnSync(process.execPath, [CLI, 'demo-menu', '--config', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });
  if (menu.status !== 0) {
    await dropDb();
    throw new Error(`doflamingo demo-menu failed (${menu.status}): ${menu.stderr || menu.stdout}`);
  }

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--config', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    await dropDb();
  };

  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`doflamingo serve exited early:\n${output}`);
    }
    const ok = await fetch(`${url}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`doflamingo serve did not answer /api/v1/health within 60 s:\n${output}`);
    }
    await sleep(500);
  }

  const clusterId = String(config.clusters?.[0]?.id ?? '');
  return {
    url,
    token,
    adminToken,
    sql: async (statement: string, values?: unknown[]) => {
      await admin.changeUser({ database });
      const [rows] = await admin.query(statement, values);
      return rows;
    },
    clusterId,
    api: async <T>(p: string) => {
      const res = await fetch(`${url}/api/v1${p}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    logs: () => output,
    stop,
  };
}

/** Waits until the sidecar has collected `cycles` rounds of data for a view (samples with distinct timestamps). */
export async function waitForData(sidecar: RunningSidecar, view: 'kafka' | 'zookeeper', metric: string, minPoints: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await sidecar.api<{ series: Array<{ points: unknown[] }> }>(
        `/clusters/${encodeURIComponent(sidecar.clusterId)}/series?metric=${encodeURIComponent(metric)}&from=${Date.now() - 15 * 60000}`,
      );
      const most = Math.max(0, ...res.series.map((s) => s.points.length));
      if (most >= minPoints) return;
      last = `${metric}: ${most} points`;
    } catch (e) {
      last = String(e);
    }
    await sleep(2000);
  }
  throw new Error(`no ${view} data after ${timeoutMs} ms (${last})\n${sidecar.logs()}`);
}
