/**
 * A fake Jolokia agent (node http) speaking the real bulk-read protocol from canned MBean
 * snapshots captured from the live cluster (test/fixtures/jolokia/*.json). Used by unit tests
 * and by the scale benchmark (many simulated agents on one port: any path ending in `/jolokia`
 * is an agent; `snapshotFor(path)` may give each its own snapshot).
 *
 * Protocol fidelity (checked against agent 2.6.0): pattern reads answer `{ "<bean name>": {attr: v} }`,
 * a pattern matching nothing answers 404 InstanceNotFoundException; with `ignoreErrors=true`
 * a missing plain MBean or attribute answers status 200 with an error object as the value.
 */
import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { isPattern, parseObjectName } from '../../sidecar/src/catalog/object-name';

export interface Snapshot {
  capturedFrom?: string;
  /** Full MBean name → attributes. */
  beans: Record<string, Record<string, unknown>>;
}

export type FixtureName = 'broker' | 'zookeeper' | 'consumer' | 'producer';

/** Modes: normal; every second read fails (404/403/500 in turn); one whole-bulk error object; never answers; HTML page; HTTP 401; a JSON body that never ends. */
export type FakeMode = 'normal' | 'per-request-errors' | 'bulk-error' | 'slow' | 'html' | 'unauthorized' | 'endless';

export function loadFixture(name: FixtureName): Snapshot {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'jolokia', `${name}.json`), 'utf8')) as Snapshot;
}

const glob = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

/** Pure: does MBean `name` match `pattern` (value wildcards, trailing `,*` property-list pattern, `domain:*`)? */
export function matchesMbean(pattern: string, name: string): boolean {
  const p = parseObjectName(pattern.endsWith(',*') ? pattern.slice(0, -2) : pattern);
  const n = parseObjectName(name);
  if (!n) return false;
  const [pDomain, pRest] = [pattern.slice(0, pattern.indexOf(':')), pattern.slice(pattern.indexOf(':') + 1)];
  if (!glob(pDomain, n.domain)) return false;
  if (pRest === '*') return true;
  if (!p) return false;
  const listPattern = pattern.endsWith(',*');
  const pKeys = Object.keys(p.props);
  if (!listPattern && pKeys.length !== Object.keys(n.props).length) return false;
  return pKeys.every((k) => n.props[k] !== undefined && glob(p.props[k] ?? '', n.props[k] ?? ''));
}

interface ReadRequest {
  type?: string;
  mbean?: string;
  attribute?: string | string[];
}

const errorValue = (type: string, error: string) => ({ error_type: type, '.error': true, error_type_jmx: type, error });
const errorResponse = (request: unknown, status: number, type: string, error: string) => ({ request, error_type: type, '.error': true, error, status });

function pick(attrs: Record<string, unknown>, wanted: string[] | undefined, ignoreErrors: boolean, pattern: boolean): Record<string, unknown> | undefined {
  if (!wanted || wanted.length === 0) return { ...attrs };
  const out: Record<string, unknown> = {};
  for (const a of wanted) {
    if (a in attrs) out[a] = attrs[a];
    else if (!pattern && ignoreErrors) out[a] = errorValue('javax.management.AttributeNotFoundException', `No such attribute: ${a}`);
    else if (!pattern) return undefined;
  }
  return out;
}

/** Pure: the answer a real agent gives to one bulk of reads against `snapshot`. `valueOf` may rewrite values (e.g. growing counters). */
export function answerBulk(snapshot: Snapshot, requests: ReadRequest[], opts: { ignoreErrors?: boolean; timestamp?: number } = {}): unknown[] {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const ignoreErrors = opts.ignoreErrors ?? false;
  return requests.map((request) => {
    if (request.type !== 'read' || !request.mbean) return errorResponse(request, 400, 'java.lang.IllegalArgumentException', 'only read is simulated');
    const wanted = request.attribute === undefined ? undefined : Array.isArray(request.attribute) ? request.attribute : [request.attribute];
    const mbean = request.mbean;
    if (isPattern(mbean)) {
      const value: Record<string, unknown> = {};
      for (const [name, attrs] of Object.entries(snapshot.beans)) {
        if (!matchesMbean(mbean, name)) continue;
        const picked = pick(attrs, wanted, ignoreErrors, true);
        if (picked && Object.keys(picked).length > 0) value[name] = picked;
      }
      if (Object.keys(value).length === 0)
        return errorResponse(request, 404, 'javax.management.InstanceNotFoundException', `No MBean with pattern ${mbean} found for READ request`);
      return { request, value, status: 200, timestamp };
    }
    const name = Object.keys(snapshot.beans).find((n) => matchesMbean(mbean, n));
    if (!name) {
      if (!ignoreErrors || !wanted) return errorResponse(request, 404, 'javax.management.InstanceNotFoundException', mbean);
      return {
        request,
        value: Object.fromEntries(wanted.map((a) => [a, errorValue('javax.management.InstanceNotFoundException', mbean)])),
        status: 200,
        timestamp,
      };
    }
    const picked = pick(snapshot.beans[name] ?? {}, wanted, ignoreErrors, false);
    if (!picked) return errorResponse(request, 404, 'javax.management.AttributeNotFoundException', `No such attribute: ${wanted?.join(',')}`);
    return { request, value: picked, status: 200, timestamp };
  });
}

/** Adds `perSecond × elapsed seconds` to every `Count` attribute, so counters move like a broker's. */
export function growingCounters(s: Snapshot, startedAt: number, perSecond = 100, now = Date.now()): Snapshot {
  const add = Math.floor(((now - startedAt) / 1000) * perSecond);
  const beans: Snapshot['beans'] = {};
  for (const [n, attrs] of Object.entries(s.beans)) beans[n] = typeof attrs.Count === 'number' ? { ...attrs, Count: attrs.Count + add } : attrs;
  return { ...s, beans };
}

export interface FakeJolokiaOptions {
  snapshot?: Snapshot;
  /** Per-agent snapshot by request path (e.g. `/broker-17/jolokia`), for simulators. */
  snapshotFor?: (path: string) => Snapshot;
  mode?: FakeMode;
  port?: number;
}

export class FakeJolokia {
  mode: FakeMode;
  /** Bulk POSTs received (every mode). */
  posts = 0;
  /** Last bulk body received. */
  lastBody: unknown;
  private server?: Server;
  private readonly pending = new Set<ServerResponse>();

  constructor(private readonly opts: FakeJolokiaOptions = {}) {
    this.mode = opts.mode ?? 'normal';
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Agent URL (`/jolokia`); any other path ending in /jolokia also works. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/jolokia`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server?.listen(this.opts.port ?? 0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.pending) r.destroy();
    this.pending.clear();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (!/\/jolokia\/?$/.test(url.pathname)) return this.send(res, 404, 'text/plain', 'not found');
      this.posts++;
      switch (this.mode) {
        case 'slow':
          this.pending.add(res);
          return;
        case 'unauthorized':
          res.setHeader('WWW-Authenticate', 'Basic realm="jolokia"');
          return this.send(res, 401, 'text/html', '<html><body>401 Unauthorized</body></html>');
        case 'endless':
          return this.endless(res);
        case 'html':
          return this.send(res, 200, 'text/html', '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>');
        case 'bulk-error':
          return this.json(res, {
            error_type: 'java.lang.IllegalArgumentException',
            error: 'java.lang.IllegalArgumentException : Invalid request',
            status: 400,
          });
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return this.json(res, { error_type: 'java.lang.IllegalArgumentException', error: 'Invalid JSON request', status: 400 });
      }
      this.lastBody = body;
      const requests = (Array.isArray(body) ? body : [body]) as ReadRequest[];
      const snapshot = this.opts.snapshotFor?.(url.pathname) ?? this.opts.snapshot ?? { beans: {} };
      let answers = answerBulk(snapshot, requests, { ignoreErrors: url.searchParams.get('ignoreErrors') === 'true' });
      if (this.mode === 'per-request-errors') {
        const shapes: [number, string][] = [
          [404, 'javax.management.InstanceNotFoundException'],
          [403, 'java.lang.SecurityException'],
          [500, 'java.lang.IllegalStateException'],
        ];
        answers = answers.map((a, i) => {
          const [status, type] = shapes[Math.floor(i / 2) % shapes.length] ?? [500, 'x'];
          return i % 2 === 1 ? errorResponse(requests[i], status, type, `simulated ${status}`) : a;
        });
      }
      this.json(res, Array.isArray(body) ? answers : answers[0]);
    });
  }

  /** `[{"status":200,"value":{"` and then bean names for as long as the client reads (no Content-Length). */
  private endless(res: ServerResponse): void {
    this.pending.add(res);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('[{"status":200,"value":{"');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
    };
    res.on('close', () => this.pending.delete(res));
    pump();
  }

  private json(res: ServerResponse, v: unknown): void {
    this.send(res, 200, 'application/json', JSON.stringify(v));
  }

  private send(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
}

export async function startFakeJolokia(opts: FakeJolokiaOptions = {}): Promise<FakeJolokia> {
  return new FakeJolokia(opts).start();
}
