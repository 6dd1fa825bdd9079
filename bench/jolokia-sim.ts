/**
 * A Jolokia agent simulator for scale benchmarks: one HTTP server answering as N brokers
 * (`/b<N>/jolokia`), speaking Jolokia's real protocol for `read` (bulk POST arrays, MBean
 * patterns with wildcards in domain and key values, attribute lists, paths, per-request 404s).
 * Its MBeans and values are a snapshot read from a REAL broker's agent at start-up, so the
 * responses have the real size and shape; counters (`Count`) keep increasing.
 *
 *   node dist/bench/jolokia-sim.js --from http://127.0.0.1:8781/jolokia [--port 0]
 * Prints `{"port": P, "mbeans": M}` on stdout when ready.
 */
import http from 'http';
import { parseArgs } from 'util';

type Attrs = Record<string, unknown>;
const DOMAINS = ['kafka.server:*', 'kafka.network:*', 'kafka.controller:*', 'kafka.log:*', 'java.lang:*', 'java.nio:*'];

interface ParsedName {
  domain: string;
  props: Map<string, string>;
  propertyListPattern: boolean;
}

function parseName(name: string): ParsedName {
  const colon = name.indexOf(':');
  const domain = name.slice(0, colon);
  const props = new Map<string, string>();
  let propertyListPattern = false;
  for (const part of name.slice(colon + 1).split(',')) {
    if (part === '*') propertyListPattern = true;
    else {
      const eq = part.indexOf('=');
      props.set(part.slice(0, eq), part.slice(eq + 1));
    }
  }
  return { domain, props, propertyListPattern };
}

function glob(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return re.test(value);
}

export function matches(pattern: ParsedName, name: ParsedName): boolean {
  if (!glob(pattern.domain, name.domain)) return false;
  for (const [k, v] of pattern.props) {
    const actual = name.props.get(k);
    if (actual === undefined || !glob(v, actual)) return false;
  }
  return pattern.propertyListPattern || pattern.props.size === name.props.size;
}

async function snapshot(from: string): Promise<Map<string, Attrs>> {
  const out = new Map<string, Attrs>();
  for (const mbean of DOMAINS) {
    const res = await fetch(`${from}?ignoreErrors=true&serializeException=false`, { method: 'POST', body: JSON.stringify({ type: 'read', mbean }) });
    const body = (await res.json()) as { status: number; value?: Record<string, Attrs> };
    if (body.status === 200 && body.value) for (const [name, attrs] of Object.entries(body.value)) out.set(name, attrs);
  }
  return out;
}

function pick(attrs: Attrs, wanted: string[] | undefined, path: string | undefined, ageS: number, single: boolean): unknown {
  const names = wanted && wanted.length ? wanted : Object.keys(attrs);
  const value = (a: string): unknown => {
    let v = a === 'Count' && typeof attrs[a] === 'number' ? (attrs[a] as number) + Math.floor(ageS * 100) : attrs[a];
    if (path) for (const p of path.split('/')) v = v && typeof v === 'object' ? (v as Attrs)[p] : undefined;
    return v;
  };
  if (single && wanted?.[0] !== undefined) return value(wanted[0]);
  return Object.fromEntries(names.filter((n) => n in attrs).map((n) => [n, value(n)]));
}

/** Names matching each pattern: the snapshot never changes, so each pattern is matched once. */
const patternCache = new Map<string, string[]>();

function answer(req: Record<string, unknown>, mbeans: Map<string, Attrs>, parsed: Map<string, ParsedName>, ageS: number): unknown {
  const now = Math.floor(Date.now() / 1000);
  const mbean = String(req.mbean ?? '');
  const attribute = req.attribute;
  const wanted = attribute === undefined ? undefined : Array.isArray(attribute) ? attribute.map(String) : [String(attribute)];
  const path = typeof req.path === 'string' ? req.path : undefined;
  if (req.type !== 'read') return { request: req, status: 400, error_type: 'java.lang.IllegalArgumentException', error: 'only read is simulated' };
  if (/[*?]/.test(mbean)) {
    let names = patternCache.get(mbean);
    if (!names) {
      const p = parseName(mbean);
      names = [...mbeans.keys()].filter((name) => matches(p, parsed.get(name) as ParsedName));
      patternCache.set(mbean, names);
    }
    const value: Record<string, unknown> = {};
    for (const name of names) value[name] = pick(mbeans.get(name) as Attrs, wanted, path, ageS, false);
    if (Object.keys(value).length === 0)
      return { request: req, status: 404, error_type: 'javax.management.InstanceNotFoundException', error: `No matching MBeans: ${mbean}` };
    return { request: req, value, status: 200, timestamp: now };
  }
  const attrs = mbeans.get(mbean);
  if (!attrs) return { request: req, status: 404, error_type: 'javax.management.InstanceNotFoundException', error: mbean };
  return { request: req, value: pick(attrs, wanted, path, ageS, typeof attribute === 'string'), status: 200, timestamp: now };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, port: { type: 'string', default: '0' } } });
  if (!values.from) throw new Error('--from <jolokia url of a real broker> is required');
  const mbeans = await snapshot(values.from);
  const parsed = new Map([...mbeans.keys()].map((n) => [n, parseName(n)]));
  const started = Date.now();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 400, error_type: 'java.lang.IllegalArgumentException', error: 'invalid JSON' }));
        return;
      }
      const ageS = (Date.now() - started) / 1000;
      const out = Array.isArray(body)
        ? body.map((r) => answer(r as Record<string, unknown>, mbeans, parsed, ageS))
        : answer(body as Record<string, unknown>, mbeans, parsed, ageS);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  server.listen(Number(values.port), '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, mbeans: mbeans.size }) + '\n');
  });
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(String(err) + '\n');
    process.exit(1);
  });
}
