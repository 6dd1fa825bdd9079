import http from 'http';
import { createServer, type AddressInfo, type Server } from 'net';
import { buildCatalog } from '../../../../sidecar/src/catalog/catalog';
import { createJolokiaCollector, isSlowTick } from '../../../../sidecar/src/collector/jolokia/collect-target';
import { toCollectorError } from '../../../../sidecar/src/collector/jolokia/jolokia-client';
import { RateTracker } from '../../../../sidecar/src/collector/rates';
import { silentLogger as log } from '../../../../sidecar/src/log/logger';
import type { Target } from '../../../../sidecar/src/core/model';
import { type FakeJolokia, growingCounters, loadFixture, startFakeJolokia, type Snapshot } from '../../../support/fake-jolokia';

const catalog = buildCatalog();
const broker = (url: string): Target => ({ clusterId: 'c1', key: 'broker-1', kind: 'kafka-broker', jolokiaUrl: url, origin: 'config' });

function collector(timeoutMs = 2000, rates = new RateTracker()) {
  return createJolokiaCollector({ catalog, timeoutMs, slowEvery: 6, rates, log });
}

describe('Jolokia collector against a fake agent', () => {
  let fake: FakeJolokia;
  const start = Date.now();
  let snapshot: Snapshot = loadFixture('broker');
  beforeAll(async () => {
    fake = await startFakeJolokia({ snapshotFor: () => snapshot });
  });
  afterAll(() => fake.stop());
  afterEach(() => {
    fake.mode = 'normal';
    snapshot = loadFixture('broker');
  });

  test('one bulk POST per target per cycle; gauges at once, counters as rates from the second cycle', async () => {
    const collect = collector();
    const posts = fake.posts;
    const r1 = await collect(broker(fake.url), { tickNo: 1, now: 1_000_000 });
    expect(fake.posts).toBe(posts + 1);
    expect(r1).toMatchObject({ ok: true, clusterId: 'c1', target: 'broker-1' });
    expect(r1.error).toBeUndefined();
    const ids1 = new Set(r1.samples.map((s) => s.metric));
    expect(ids1).toContain('kafka.broker.state');
    expect(ids1).toContain('jvm.heap.used');
    expect(ids1).not.toContain('kafka.broker.bytes_in'); // counter: no rate yet
    expect(ids1).not.toContain('kafka.log.size'); // slow cadence, tick 1 % 6 != 0
    for (const s of r1.samples) expect(s.ts).toBe(1_000_000);

    snapshot = growingCounters(loadFixture('broker'), start, 100, start + 10_000); // +1000 on every Count
    const r2 = await collect(broker(fake.url), { tickNo: 2, now: 1_010_000 });
    const bytesIn = r2.samples.find((s) => s.metric === 'kafka.broker.bytes_in');
    expect(bytesIn?.value).toBeCloseTo(100, 6); // 1000 over 10 s
    expect(r2.samples.filter((s) => s.value < 0)).toEqual([]);
  });

  test("the request carries only the catalogue's MBeans and attributes", async () => {
    await collector()(broker(fake.url), { tickNo: 1, now: 1 });
    const body = fake.lastBody as { mbean: string; attribute: string[] }[];
    expect(Array.isArray(body)).toBe(true);
    for (const r of body) expect(r.attribute.length).toBeGreaterThan(0);
    expect(body.map((r) => r.mbean)).not.toContain('kafka.log:type=Log,name=Size,topic=*,partition=*');
  });

  test('slow-cadence entries are read on ticks where tickNo % slowEvery === 0', async () => {
    const r = await collector()(broker(fake.url), { tickNo: 12, now: 1 });
    const sizes = r.samples.filter((s) => s.metric === 'kafka.log.size');
    expect(sizes.length).toBeGreaterThan(0);
    expect(Object.keys(sizes[0]?.labels ?? {}).sort()).toEqual(['partition', 'topic']);
    expect([0, 6, 12].map((t) => isSlowTick(t, 6))).toEqual([true, true, true]);
    expect([1, 5, 7].map((t) => isSlowTick(t, 6))).toEqual([false, false, false]);
  });

  test('a counter reset (broker restart) gives no rate that cycle, never a negative one', async () => {
    const collect = collector();
    snapshot = growingCounters(loadFixture('broker'), 0, 100, 100_000);
    await collect(broker(fake.url), { tickNo: 1, now: 0 });
    snapshot = loadFixture('broker'); // counters back to their captured (lower) values
    const r = await collect(broker(fake.url), { tickNo: 2, now: 10_000 });
    expect(r.samples.find((s) => s.metric === 'kafka.broker.bytes_in')).toBeUndefined();
    expect(r.samples.filter((s) => s.value < 0)).toEqual([]);
  });

  test('per-request errors become warnings; the other samples are still there', async () => {
    fake.mode = 'per-request-errors';
    const r = await collector()(broker(fake.url), { tickNo: 1, now: 1 });
    expect(r.ok).toBe(true);
    expect(r.warnings.length).toBeGreaterThan(3);
    expect(r.warnings.join('\n')).toMatch(/InstanceNotFoundException: simulated 404/);
    expect(r.warnings.join('\n')).toMatch(/SecurityException: simulated 403/);
    expect(r.samples.length).toBeGreaterThan(5);
  });

  test.each([
    ['bulk-error', 'BULK_ERROR', false],
    ['html', 'BAD_RESPONSE', true],
    ['unauthorized', 'AUTH', false],
  ] as const)('mode %s → CollectorError %s (retriable %s), no samples', async (mode, code, retriable) => {
    fake.mode = mode;
    const r = await collector()(broker(fake.url), { tickNo: 1, now: 1 });
    expect(r).toMatchObject({ ok: false, samples: [], error: { code, retriable } });
  });

  test('a slow agent times out: retriable TIMEOUT within about the timeout', async () => {
    fake.mode = 'slow';
    const t0 = Date.now();
    const r = await collector(300)(broker(fake.url), { tickNo: 1, now: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT', retriable: true } });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test('basic auth is sent as a header', async () => {
    const seen: (string | undefined)[] = [];
    const srv = await new Promise<http.Server>((resolve) => {
      const s = http.createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.writeHead(401).end();
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/jolokia`;
    const c = createJolokiaCollector({ catalog, timeoutMs: 1000, slowEvery: 6, rates: new RateTracker(), log, auth: { username: 'mon', password: 'p:w' } });
    const r = await c(broker(url), { tickNo: 1, now: 1 });
    await new Promise((res) => srv.close(res));
    expect(seen).toEqual(['Basic ' + Buffer.from('mon:p:w').toString('base64')]);
    expect(r.error).toMatchObject({ code: 'AUTH', retriable: false });
  });
});

describe('unreachable agents', () => {
  test('a dead port is a retriable UNREACHABLE error, not an exception', async () => {
    const srv: Server = createServer();
    const port = await new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as AddressInfo).port)));
    await new Promise((res) => srv.close(res));
    const r = await collector()(broker(`http://127.0.0.1:${port}/jolokia`), { tickNo: 1, now: 1 });
    expect(r).toMatchObject({ ok: false, samples: [], error: { code: 'UNREACHABLE', retriable: true } });
  });

  test('a target without a Jolokia URL fails without I/O', async () => {
    const r = await collector()({ clusterId: 'c1', key: 'zk-1', kind: 'zookeeper', origin: 'config' }, { tickNo: 1, now: 1 });
    expect(r.error).toMatchObject({ code: 'CONFIG', retriable: false });
  });

  test('error classification', () => {
    expect(toCollectorError(new Response('', { status: 403 }), 'u')).toMatchObject({ code: 'AUTH', retriable: false });
    expect(toCollectorError(new Response('', { status: 502 }), 'u')).toMatchObject({ code: 'HTTP_502', retriable: true });
    expect(toCollectorError(Object.assign(new Error('x'), { name: 'TimeoutError' }), 'u', 5)).toMatchObject({ code: 'TIMEOUT', retriable: true });
    expect(toCollectorError(new SyntaxError('Unexpected token <'), 'u')).toMatchObject({ code: 'BAD_RESPONSE', retriable: true });
    expect(toCollectorError(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), 'u')).toMatchObject({ code: 'ECONNRESET', retriable: true });
  });
});
