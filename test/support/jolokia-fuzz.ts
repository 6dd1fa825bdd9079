/**
 * Property-based Jolokia answers (fast-check) for the fuzz tests: for the reads of a real bulk,
 * the body text an agent might send back. Mostly well-formed, with values of every JSON type:
 * huge and non-finite numbers (1.7e308, -0, 2^64, the literal 1e999 that JSON.parse makes
 * Infinity), strings like "1e999", "Infinity", "NaN", "-1", nested objects and arrays, error
 * objects in place of values, per-request statuses 200/404/500, wildcard answers with many
 * generated bean names (quotes, backslashes, unicode, very long), and now and then a body cut
 * short, one that is not JSON, a wrong top-level type or the wrong number of responses.
 */
import fc from 'fast-check';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { isPattern } from '../../sidecar/src/catalog/object-name';
import type { JolokiaReadRequest } from '../../sidecar/src/collector/jolokia/request-builder';

/** Number literals JSON.stringify cannot write: generated as a marker string, put in the text unquoted. */
const RAW = '\u0000raw:';
const RAW_LITERALS = ['1e999', '-1e999', '1E400', '123456789012345678901234567890', '-98765432109876543210', '1.7976931348623157e309', '-0.0'];

export interface FuzzShape {
  /** Most beans one wildcard read may answer. */
  maxBeans: number;
}

const oddChars = fc.constantFrom('"', '\\', '\\"', ',', '=', ':', '*', '?', '\n', '\u0000', 'é', '한글', '😀', '\u202e', ' ', '%', '/');

/** A bean key-property value: plain, with odd characters, quoted, or very long. */
const propValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9._-]{1,20}$/) },
  { weight: 3, arbitrary: fc.array(fc.oneof(oddChars, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 5000 }).map((n) => 'x'.repeat(n)) },
);

/** A bean name answering `pattern`: its wildcards filled in, or now and then any string at all. */
function beanName(pattern: string): fc.Arbitrary<string> {
  const wild = pattern.split('*').length - 1;
  const filled = fc.array(propValue, { minLength: wild, maxLength: wild }).map((vs) => {
    let i = 0;
    return pattern.replace(/\*/g, () => vs[i++] ?? '');
  });
  return fc.oneof({ weight: 9, arbitrary: filled }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) });
}

const hugeNumber = fc.constantFrom(1.7e308, -1.7e308, Number.MAX_VALUE, -0, 0, 2 ** 53, 2 ** 63, 2 ** 64, -(2 ** 63), 5e-324, -1, 42.5, 1e21);
const numericString = fc.constantFrom(
  '1e999',
  '-1e999',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'NaN',
  'inf',
  '-1',
  '  12  ',
  '0x10',
  '1e308',
  '',
  '-0',
  '9'.repeat(400),
  '1,5',
  '٣',
);

/** A value of any JSON type, weighted towards numbers that break things. */
export const fuzzValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hugeNumber },
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_LITERALS).map((l) => RAW + l) },
  { weight: 3, arbitrary: numericString },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  // composite values (HeapMemoryUsage/used) with the same numbers inside
  { weight: 2, arbitrary: fc.record({ used: hugeNumber, max: numericString, committed: fc.double(), init: fc.integer() }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constant({ '.error': true, error_type: 'javax.management.AttributeNotFoundException', error: 'No such attribute' }) },
);

/** Attributes of one bean: the requested ones, some missing, now and then extra ones. */
function attrsFor(req: JolokiaReadRequest): fc.Arbitrary<unknown> {
  const wanted = Object.fromEntries(req.attribute.map((a) => [a, fuzzValue]));
  return fc.oneof({ weight: 9, arbitrary: fc.record(wanted, { requiredKeys: [] }) }, { weight: 1, arbitrary: fuzzValue });
}

function manyBeans(req: JolokiaReadRequest, shape: FuzzShape): fc.Arbitrary<unknown> {
  const few = fc.dictionary(beanName(req.mbean), attrsFor(req), { maxKeys: 20 });
  // many beans: the names generated cheaply (a counter in a wildcard), the values still generated
  const many = fc
    .tuple(fc.integer({ min: 21, max: shape.maxBeans }), fc.array(attrsFor(req), { minLength: 1, maxLength: 8 }), propValue)
    .map(([n, vals, odd]) => {
      const beans: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) beans[req.mbean.replace(/\*/g, () => `${odd}${i}`)] = vals[i % vals.length];
      return beans;
    });
  return shape.maxBeans > 20 ? fc.oneof({ weight: 49, arbitrary: few }, { weight: 1, arbitrary: many }) : few;
}

/** One response of the bulk, for `req`. */
function responseFor(req: JolokiaReadRequest, shape: FuzzShape): fc.Arbitrary<unknown> {
  const value = isPattern(req.mbean) ? manyBeans(req, shape) : attrsFor(req);
  const ok = value.map((v) => ({ request: req, value: v, status: 200, timestamp: 1_700_000_000 }));
  const error = fc.constantFrom(404, 500, 403).map((status) => ({
    request: req,
    status,
    error_type: status === 404 ? 'javax.management.InstanceNotFoundException' : 'java.lang.IllegalStateException',
    error: `simulated ${status}`,
  }));
  const odd = fc.oneof(
    fuzzValue.map((v) => ({ request: req, value: v, status: 200 })),
    fc.record({ status: fc.oneof(fc.constantFrom(200, 404, 500), fuzzValue), value: fuzzValue }, { requiredKeys: [] }),
    fuzzValue,
  );
  return fc.oneof({ weight: 14, arbitrary: ok }, { weight: 3, arbitrary: error }, { weight: 1, arbitrary: odd });
}

const withRawLiterals = (json: string): string => json.replace(/"\\u0000raw:([^"]*)"/g, '$1');

/** The body text of an answer to `requests`. */
export function fuzzAnswerText(requests: readonly JolokiaReadRequest[], shape: FuzzShape): fc.Arbitrary<string> {
  const bulk = fc.tuple(...requests.map((r) => responseFor(r, shape))).map((rs) => withRawLiterals(JSON.stringify(rs)));
  const broken = fc.oneof(
    // cut short
    fc.tuple(bulk, fc.double({ min: 0, max: 1, noNaN: true })).map(([t, at]) => t.slice(0, Math.floor(t.length * at))),
    // wrong number of responses
    bulk.map((t) => t.replace(/^\[/, '[{"status":200,"value":1},')),
    // a whole-bulk error or another top-level type
    fc.constantFrom(
      '{"status":400,"error_type":"java.lang.IllegalArgumentException","error":"Invalid request"}',
      '{"status":"x"}',
      '{}',
      '1e999',
      '"ok"',
      'null',
      '42',
      '[]',
    ),
    fuzzValue.map((v) => withRawLiterals(JSON.stringify(v) ?? 'undefined')),
    // not JSON
    fc.constantFrom('<html><body>nginx</body></html>', '', '[{"status":200,', 'NaN', '[Infinity]'),
  );
  return fc.oneof({ weight: 19, arbitrary: bulk }, { weight: 1, arbitrary: broken });
}

export interface FuzzAgent {
  /** Agent URL for `name` (any path ending in /jolokia is an agent of this server). */
  urlFor(name: string): string;
  /** Answers generated so far (one per bulk POST). */
  answers: number;
  /** The reads of the last bulk received, as the collector sent them. */
  lastRequests: JolokiaReadRequest[];
  stop(): Promise<void>;
}

/**
 * A Jolokia agent answering every bulk POST with a new generated answer to the reads it got
 * (answer n from seed `seed + n`, so a failing round can be generated again).
 */
export async function startFuzzAgent(seed: number, shape: FuzzShape): Promise<FuzzAgent> {
  const arbitraries = new Map<string, fc.Arbitrary<string>>();
  const agent: FuzzAgent = { urlFor: () => '', answers: 0, lastRequests: [], stop: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let requests: JolokiaReadRequest[];
      try {
        requests = JSON.parse(body) as JolokiaReadRequest[];
      } catch {
        res.writeHead(400).end();
        return;
      }
      agent.lastRequests = requests;
      let arb = arbitraries.get(body);
      if (!arb) arbitraries.set(body, (arb = fuzzAnswerText(requests, shape)));
      const [text = ''] = fc.sample(arb, { seed: seed + agent.answers++, numRuns: 1 });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  agent.urlFor = (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}/jolokia`;
  agent.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return agent;
}
