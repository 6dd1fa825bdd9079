/**
 * No secret leaves the sidecar, whatever path a text takes out of it: a Jolokia password (given by
 * environment variable) that also sits in a failing target's URL, and a webhook's header value,
 * are looked for in every log line, every API answer, every webhook payload and every row of every
 * table of the database, after that target was collected, then failed (its error and the
 * target-down event carry its URL).
 */
import http from 'http';
import crypto from 'crypto';
import type { AddressInfo } from 'net';
import type { RowDataPacket } from 'mysql2/promise';
import { buildSidecar, type Sidecar } from '../../sidecar/src/app/root';
import { parseConfig } from '../../sidecar/src/config/load';
import { createLogger } from '../../sidecar/src/log/logger';
import { clusterConfig, waitFor } from '../support/cluster';
import { loadFixture, startFakeJolokia, type FakeJolokia } from '../support/fake-jolokia';
import { freshDatabase } from '../support/mysql';

const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
const hookToken = `Bearer hook-${crypto.randomBytes(6).toString('hex')}`;
/** Every form a leaked secret could take. */
const forbidden = [password, encodeURIComponent(password), Buffer.from(`mon:${password}`).toString('base64'), hookToken.slice('Bearer '.length)];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let sidecar: Sidecar;
let agent: FakeJolokia;
let receiver: http.Server;
const hookBodies: string[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  agent = await startFakeJolokia({ snapshot: loadFixture('consumer') });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hookBodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));

  db = await freshDatabase('secrets');
  const raw = clusterConfig();
  raw.mysql = { url: db.url, flushIntervalMs: 200 };
  raw.schedule = { maxJitterMs: 0, slowEvery: 1 };
  raw.api = { port: 0 };
  raw.jolokia = { timeoutMs: 3000, auth: { username: 'mon', passwordEnv: 'DOF_SECRET_PW' } };
  raw.notify = {
    webhooks: [
      { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, minSeverity: 'info', headersEnv: { Authorization: 'DOF_HOOK_TOKEN' } },
    ],
  };
  const cluster = raw.clusters[0] as { clients: unknown[] };
  cluster.clients = [...cluster.clients, { key: 'leaky', jolokia: `http://127.0.0.1:${agent.port}/jolokia?pw=${password}` }];
  const log = createLogger('debug', (line) => logLines.push(line));
  sidecar = buildSidecar(parseConfig(raw, 'test'), log, { schedule: false, env: { ...process.env, DOF_SECRET_PW: password, DOF_HOOK_TOKEN: hookToken } });
  await sidecar.start();
  await sidecar.collectOnce();
  agent.mode = 'unauthorized';
  await sidecar.collectOnce();
  await waitFor('the target-down webhook', async () => hookBodies.some((b) => b.includes('target-down') && b.includes('leaky')), 30_000, 200);
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  await agent?.stop();
  await new Promise((r) => receiver?.close(r));
  await db?.drop();
});

async function api(path: string): Promise<string> {
  const res = await fetch(`${sidecar.url}/api/v1${path}`, { signal: AbortSignal.timeout(10_000) });
  expect([path, res.status]).toEqual([path, 200]);
  return res.text();
}

async function everyRow(): Promise<Record<string, string>> {
  const [tables] = await db.pool.query<RowDataPacket[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()');
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [rows] = await db.pool.query<RowDataPacket[]>(`SELECT * FROM \`${String(t)}\``);
    out[String(t)] = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  }
  return out;
}

const leaksIn = (text: string): string[] => forbidden.filter((s) => text.includes(s));

test('the failing target really carried the secret out: its error and its event are there, redacted', async () => {
  const targets = JSON.parse(await api('/clusters/1/targets')) as { key: string; state: string; lastError: string | null }[];
  const leaky = targets.find((t) => t.key === 'leaky');
  expect(leaky?.state).toBe('down');
  expect(leaky?.lastError).toContain('pw=[redacted]');
  const [events] = await db.pool.query<RowDataPacket[]>("SELECT message FROM FL_DOF_EVENT WHERE kind = 'target-down' AND subject = 'leaky'");
  expect(events.map((e) => String(e.message))).toEqual([expect.stringContaining('pw=[redacted]')]);
});

test('no secret in any API answer', async () => {
  for (const path of ['/status', '/clusters', '/clusters/1/targets', '/clusters/1/events?limit=1000', '/clusters/1/alerts']) {
    expect([path, leaksIn(await api(path))]).toEqual([path, []]);
  }
});

test('no secret in any webhook payload', () => {
  expect(hookBodies.length).toBeGreaterThan(0);
  expect(hookBodies.flatMap(leaksIn)).toEqual([]);
});

test('no secret in any row of any table', async () => {
  const rows = await everyRow();
  expect(Object.keys(rows)).toEqual(expect.arrayContaining(['FL_DOF_EVENT', 'FL_DOF_COLLECTOR_STATUS', 'FL_DOF_TARGET']));
  expect(Object.entries(rows).filter(([, text]) => leaksIn(text).length > 0)).toEqual([]);
});

test('no secret in any log line', () => {
  expect(logLines.length).toBeGreaterThan(0);
  expect(logLines.filter((l) => leaksIn(l).length > 0)).toEqual([]);
});
