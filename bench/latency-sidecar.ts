/**
 * The real sidecar process for the latency benchmark, started the way an operator does
 * (`node bin/doflamingo.js serve --config <file>`), on a fresh database of the MySQL server in
 * DOFLAMINGO_MYSQL_URL (test/support/mysql.ts), a free API port (port 0, read back from its "serving" line) and a random
 * read token; plus a WebSocket client of its live socket that hands every message to listeners.
 */
import { spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import WebSocket from 'ws';
import { freshDatabase } from '../test/support/mysql';
import type { SocketMessage } from './latency-stats';

const PASSWORD_ENV = 'DOFLAMINGO_BENCH_LATENCY_MYSQL_PASSWORD';

export interface ServedSidecar {
  url: string;
  token: string;
  pid: number;
  /** Last 20 kB of its stdout + stderr. */
  logs(): string;
  /** SIGTERM (SIGKILL after 10 s), then drops the database and the config file. */
  stop(): Promise<void>;
}

/** The repository root (holds package.json), from bench/ or dist/bench/. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** Starts `doflamingo serve` with `config` (its mysql and api parts are set here). */
export async function serveSidecar(config: Record<string, unknown>, dbSuffix: string): Promise<ServedSidecar> {
  const root = repoRoot();
  const db = await freshDatabase(dbSuffix);
  const dbUrl = new URL(db.url);
  const password = decodeURIComponent(dbUrl.password);
  dbUrl.password = ''; // to the child through passwordEnv, never in the file
  const token = crypto.randomBytes(16).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'df-bench-latency-'));
  const file = path.join(dir, 'doflamingo.json');
  const full = {
    ...config,
    mysql: { url: dbUrl.toString(), ...(password ? { passwordEnv: PASSWORD_ENV } : {}) },
    api: { host: '127.0.0.1', port: 0, readToken: token },
  };
  fs.writeFileSync(file, JSON.stringify(full, null, 2));
  const env: NodeJS.ProcessEnv = { ...process.env, [PASSWORD_ENV]: password };
  delete env.DOFLAMINGO_MYSQL_URL; // it would override mysql.url (the shared database)

  const child = spawn(process.execPath, [path.join(root, 'bin', 'doflamingo.js'), 'serve', '--config', file], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const keep = (b: Buffer): void => void (output = (output + b.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve(void (exited = true))));

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
    await db.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /serving (http:\/\/\S+)/.exec(output);
    if (m?.[1]) return { url: m[1], token, pid: child.pid ?? 0, logs: () => output, stop };
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`doflamingo serve ${exited ? 'exited early' : 'did not start within 60 s'}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LiveSocket {
  /** Registers a listener of every message (arrival time `at` = performance.now() on receipt); returns its remover. */
  on(listener: (msg: SocketMessage, at: number) => void): () => void;
  close(): void;
}

/** Opens the live socket and subscribes to `view` of `cluster`; resolves once the first snapshot arrived. */
export async function openLiveSocket(sidecar: ServedSidecar, cluster: string, view: 'kafka' | 'zookeeper'): Promise<LiveSocket> {
  const ws = new WebSocket(`${sidecar.url.replace(/^http/, 'ws')}/api/v1/ws?token=${sidecar.token}`);
  const listeners = new Set<(msg: SocketMessage, at: number) => void>();
  ws.on('message', (data: WebSocket.RawData) => {
    const at = performance.now();
    const msg = JSON.parse(data.toString()) as SocketMessage;
    for (const l of listeners) l(msg, at);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const snapshot = new Promise<void>((resolve) => {
    const off = (): void => void listeners.delete(first);
    const first = (msg: SocketMessage): void => {
      if (msg.type === 'snapshot') resolve(off());
    };
    listeners.add(first);
  });
  ws.send(JSON.stringify({ type: 'subscribe', cluster, view }));
  await snapshot;
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => ws.close(),
  };
}

/** Resolves with the arrival time of the first message `match` accepts, or undefined after `timeoutMs`. */
export function waitForMessage(socket: LiveSocket, match: (msg: SocketMessage) => boolean, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, timeoutMs);
    const off = socket.on((msg, at) => {
      if (!match(msg)) return;
      clearTimeout(timer);
      off();
      resolve(at);
    });
  });
}
