/**
 * Collects one target through its Jolokia agent: plan (catalogue → one bulk read), send,
 * parse, counters → rates. Never throws: a dead, slow or misbehaving agent yields a failed
 * CollectionResult with a CollectorError, and the job goes on with the other targets.
 */
import type { Catalog } from '../../catalog/metric-catalog';
import type { Logger } from '../../log/logger';
import { CollectorError, type CollectionResult, type Sample, type Target, type TargetKind } from '../../model';
import { canonicalLabels } from '../../store/canonical-labels';
import type { RateTracker } from '../counter-rates';
import { planBulkRead, type PlannedRead } from './bulk-request';
import { parseBulkResponse, type RawValue } from './bulk-response';
import { JolokiaHttp } from './jolokia-http';

export interface JolokiaCollectorOptions {
  catalog: Catalog;
  timeoutMs: number;
  auth?: { username: string; password: string };
  /** Entries with cadence `slow` are read on ticks where tickNo % slowEvery === 0 (and the first). */
  slowEvery: number;
  rates: RateTracker;
  log: Logger;
}

export type CollectFn = (target: Target, tick: { tickNo: number; now: number }) => Promise<CollectionResult>;

/** Pure: counter values become rates (first observation and resets give none); gauges pass through. */
export function toSamples(target: Target, values: RawValue[], now: number, rates: RateTracker): Sample[] {
  const out: Sample[] = [];
  for (const v of values) {
    let value: number | undefined = v.value;
    if (v.type === 'counter') value = rates.observe(`${target.clusterId}/${target.key}/${v.metric}/${canonicalLabels(v.labels)}`, now, v.value);
    if (value !== undefined) out.push({ clusterId: target.clusterId, target: target.key, metric: v.metric, labels: v.labels, ts: now, value });
  }
  return out;
}

export function createJolokiaCollector(opts: JolokiaCollectorOptions): CollectFn {
  const clients = new Map<string, JolokiaHttp>();
  const plans = new Map<string, PlannedRead[]>();
  const planFor = (kind: TargetKind, slow: boolean): PlannedRead[] => {
    const key = `${kind}/${slow}`;
    let p = plans.get(key);
    if (!p) {
      p = planBulkRead(opts.catalog.jmxFor(kind, slow ? 'all' : 'fast'));
      plans.set(key, p);
    }
    return p;
  };
  return async (target, tick) => {
    const startedAt = Date.now();
    const base = { clusterId: target.clusterId, target: target.key, startedAt };
    const fail = (error: CollectorError): CollectionResult => ({ ...base, ok: false, durationMs: Date.now() - startedAt, samples: [], warnings: [], error });
    if (!target.jolokiaUrl) return fail(new CollectorError('CONFIG', `${target.key} has no Jolokia URL`, false));
    const slow = tick.tickNo <= 1 || tick.tickNo % Math.max(1, opts.slowEvery) === 0;
    const plan = planFor(target.kind, slow);
    if (plan.length === 0) return { ...base, ok: true, durationMs: 0, samples: [], warnings: [] };
    let client = clients.get(target.jolokiaUrl);
    if (!client) {
      client = new JolokiaHttp(target.jolokiaUrl, { timeoutMs: opts.timeoutMs, auth: opts.auth });
      clients.set(target.jolokiaUrl, client);
    }
    try {
      const body = await client.bulkRead(plan.map((p) => p.request));
      const parsed = parseBulkResponse(plan, body);
      const samples = toSamples(target, parsed.values, tick.now, opts.rates);
      if (parsed.warnings.length) opts.log.debug('partial answer', { target: target.key, warnings: parsed.warnings.slice(0, 5), count: parsed.warnings.length });
      return { ...base, ok: true, durationMs: Date.now() - startedAt, samples, warnings: parsed.warnings };
    } catch (err) {
      return fail(err instanceof CollectorError ? err : new CollectorError('INTERNAL', String(err), true));
    }
  };
}
