/**
 * Property-based: 10,000 generated Jolokia answers (test/support/jolokia-fuzz.ts) to the real
 * bulk reads of each target kind go through the pure stages a target's answer goes through
 * (JSON decoding, the beans cap, the response parser, counters to rates, the plausibility
 * screen against the catalogue's bounds). Nothing throws but a CollectorError for an unusable
 * answer as a whole; every sample left is finite and inside its entry's bounds; every value
 * dropped is counted once. The seed is fixed (FUZZ_SEED overrides it) and printed on failure.
 */
import fc from 'fast-check';
import { boundsOf } from '../../../../sidecar/src/catalog/bounds';
import { buildCatalog } from '../../../../sidecar/src/catalog/catalog';
import { capBeansPerPattern } from '../../../../sidecar/src/collector/jolokia/bean-cap';
import { toSamples } from '../../../../sidecar/src/collector/jolokia/collect-target';
import { toCollectorError } from '../../../../sidecar/src/collector/jolokia/jolokia-client';
import { buildBulkRequest } from '../../../../sidecar/src/collector/jolokia/request-builder';
import { parseBulkResponse } from '../../../../sidecar/src/collector/jolokia/response-parser';
import { screenSamples } from '../../../../sidecar/src/collector/plausibility';
import { RateTracker } from '../../../../sidecar/src/collector/rates';
import { CollectorError } from '../../../../sidecar/src/core/collection';
import type { Target, TargetKind } from '../../../../sidecar/src/core/model';
import { fuzzAnswerText } from '../../../support/jolokia-fuzz';

const RUNS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const MAX_BEANS_PER_PATTERN = 500;
const catalog = buildCatalog();
const KINDS: TargetKind[] = ['kafka-broker', 'zookeeper', 'kafka-client'];
const bulks = new Map(KINDS.map((kind) => [kind, { kind, entries: catalog.jmxFor(kind, 'all'), ...buildBulkRequest(catalog.jmxFor(kind, 'all')) }]));

test(`${RUNS} generated answers through decoding, beans cap, parser, rates and plausibility: nothing implausible kept, every drop counted`, () => {
  const rates = new RateTracker();
  let now = 1_700_000_000_000;
  const seen = { samples: 0, rejected: 0, unusable: 0, capped: 0 };
  const answer = fc.constantFrom(...KINDS).chain((kind) => fc.tuple(fc.constant(kind), fuzzAnswerText(bulks.get(kind)?.requests ?? [], { maxBeans: 3000 })));
  const property = fc.property(answer, ([kind, text]) => {
    const bulk = bulks.get(kind)!;
    const target: Target = { clusterId: 'fuzz', key: `fuzz-${kind}`, kind, jolokiaUrl: 'http://127.0.0.1:1/jolokia', origin: 'config' };
    now += 10_000;
    let parsed: ReturnType<typeof parseBulkResponse>;
    try {
      const body = (() => {
        try {
          return JSON.parse(text) as unknown;
        } catch (err) {
          throw toCollectorError(err, target.jolokiaUrl ?? '');
        }
      })();
      const capped = capBeansPerPattern(bulk.requests, body, MAX_BEANS_PER_PATTERN);
      seen.capped += capped.overflows.length;
      parsed = parseBulkResponse(bulk.requests, capped.body, bulk.entries, now);
    } catch (err) {
      // an answer unusable as a whole fails the target with a clear code, nothing else
      expect(err).toBeInstanceOf(CollectorError);
      expect(['BAD_RESPONSE', 'BULK_ERROR']).toContain((err as CollectorError).code);
      seen.unusable++;
      return;
    }
    const samples = toSamples(target, parsed.values, now, rates);
    const boundsFor = (metric: string) => {
      const e = catalog.get(metric, kind) ?? catalog.get(metric);
      return e ? boundsOf(e) : undefined;
    };
    const { kept, rejected } = screenSamples(samples, boundsFor);
    for (const s of kept) {
      const b = boundsFor(s.metric);
      expect(b).toBeDefined();
      if (!(Number.isFinite(s.value) && s.value >= b!.min && s.value <= b!.max)) throw new Error(`kept ${s.metric}=${s.value} outside [${b!.min}, ${b!.max}]`);
    }
    // every sample is either kept or counted as rejected, once
    expect(kept.length + (rejected?.count ?? 0)).toBe(samples.length);
    for (const v of parsed.values) expect(Number.isFinite(v.value)).toBe(true);
    seen.samples += kept.length;
    seen.rejected += parsed.rejected.length + (rejected?.count ?? 0);
  });
  const result = fc.check(property, { numRuns: RUNS, seed: SEED });
  if (result.failed) {
    const example = JSON.stringify(result.counterexample).slice(0, 4000);
    throw new Error(
      `fuzz failed (reproduce with FUZZ_SEED=${SEED}, path ${result.counterexamplePath}): ${String(result.errorInstance)}\ncounterexample: ${example}`,
    );
  }
  // the generator reaches every path: samples kept, values rejected, answers unusable, patterns capped
  console.log(`fuzz seed ${SEED}: ${JSON.stringify(seen)}`);
  expect(seen.samples).toBeGreaterThan(0);
  expect(seen.rejected).toBeGreaterThan(0);
  expect(seen.unusable).toBeGreaterThan(0);
  expect(seen.capped).toBeGreaterThan(0);
}, 120_000);
