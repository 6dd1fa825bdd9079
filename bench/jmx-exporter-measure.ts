/**
 * Broker-side cost of one request, for bench/jmx-exporter-compare.ts: blocks of back-to-back HTTP
 * requests against one JVM, its CPU from /proc (utime + stime) before and after each block, and an
 * idle window of the same length after every block (the broker keeps serving the demo producer
 * and consumers, so its idle CPU is not zero). Cost per request = (CPU in the blocks − idle CPU
 * rate × block time) / requests, the idle rate pooled over all idle windows of the run.
 */
import http from 'http';
import { gunzipSync } from 'zlib';
import { processCpuMs, sleep } from './proc-cpu';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface HttpProbe {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  /** Bytes on the wire (gzip when the server compressed). */
  wireBytes: number;
  contentEncoding: string;
  body: Buffer;
}

/** One request on a keep-alive connection; the body as received (not decompressed). */
export function send(p: HttpProbe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(p.url, { method: p.method, agent, headers: p.headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, wireBytes: body.length, contentEncoding: String(res.headers['content-encoding'] ?? 'identity'), body });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${p.name}: timeout`)));
    req.on('error', reject);
    req.end(p.body);
  });
}

/** The body as text (gunzipped when needed). */
export function text(a: Answer): string {
  return (a.contentEncoding === 'gzip' ? gunzipSync(a.body) : a.body).toString('utf8');
}

export interface Block {
  probe: string;
  n: number;
  cpuMs: number;
  wallMs: number;
  wireBytes: number;
  textBytes: number;
  contentEncoding: string;
}

export interface IdleWindow {
  cpuMs: number;
  wallMs: number;
}

/** n requests back to back; fails on any non-200 answer (a wrong number is worse than none). */
export async function runBlock(pid: number, p: HttpProbe, n: number): Promise<Block> {
  let last: Answer | undefined;
  const cpu0 = processCpuMs(pid);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    last = await send(p);
    if (last.status !== 200) throw new Error(`${p.name}: HTTP ${last.status}: ${text(last).slice(0, 300)}`);
  }
  const wallMs = performance.now() - t0;
  const cpuMs = processCpuMs(pid) - cpu0;
  const a = last as Answer;
  return { probe: p.name, n, cpuMs, wallMs, wireBytes: a.wireBytes, textBytes: Buffer.byteLength(text(a)), contentEncoding: a.contentEncoding };
}

/** The JVM's CPU over wallMs of doing nothing to it. */
export async function idleWindow(pid: number, wallMs: number): Promise<IdleWindow> {
  const cpu0 = processCpuMs(pid);
  const t0 = performance.now();
  await sleep(wallMs);
  return { cpuMs: processCpuMs(pid) - cpu0, wallMs: performance.now() - t0 };
}

export interface Cost {
  probe: string;
  n: number;
  /** Broker CPU ms per request, idle subtracted. */
  cpuMsPer: number;
  /** The same per block, to show the spread between blocks. */
  cpuMsPerBlock: number[];
  wallMsPer: number;
  wireBytes: number;
  textBytes: number;
  contentEncoding: string;
}

/** Idle CPU ms per wall ms, pooled over every idle window. */
export function idleRate(idle: readonly IdleWindow[]): number {
  const wall = idle.reduce((s, w) => s + w.wallMs, 0);
  return wall > 0 ? idle.reduce((s, w) => s + w.cpuMs, 0) / wall : 0;
}

/** Per-probe cost from its blocks (pure). */
export function costOf(probe: string, blocks: readonly Block[], rate: number): Cost {
  const mine = blocks.filter((b) => b.probe === probe);
  const n = mine.reduce((s, b) => s + b.n, 0);
  const cpu = mine.reduce((s, b) => s + b.cpuMs - rate * b.wallMs, 0);
  const wall = mine.reduce((s, b) => s + b.wallMs, 0);
  const last = mine[mine.length - 1];
  return {
    probe,
    n,
    cpuMsPer: n > 0 ? cpu / n : NaN,
    cpuMsPerBlock: mine.map((b) => (b.cpuMs - rate * b.wallMs) / b.n),
    wallMsPer: n > 0 ? wall / n : NaN,
    wireBytes: last?.wireBytes ?? 0,
    textBytes: last?.textBytes ?? 0,
    contentEncoding: last?.contentEncoding ?? '',
  };
}
