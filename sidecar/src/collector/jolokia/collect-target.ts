/**
 * Collects one target through its Jolokia agent: catalogue entries for the target's kind →
 * one bulk read → parse → counters to rates → Samples. Never throws: a dead, slow or
 * misbehaving agent yields a failed CollectionResult with a CollectorError, and the job goes on
 * with the other targets. Slow-cadence entries (per-partition beans) are read on ticks where
 * tickNo % slowEvery === 0.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Logger } from '../../log/logger';
import { CollectorError, type CollectFn, type CollectionResult } from '../../core/collection';
import type { Sample, Target, TargetKind } from '../../core/model';
import { canonicalLabels } from '../../core/labels';
import type { CounterRates } from '../rates';
import { JolokiaClient } from './jolokia-client';
import { buildBulkRequest, type BulkRequest } from './request-builder';
import { parseBulkResponse, type RawValue } from './response-parser';
import { rejectionsOf } from '../plausibility';
import { capBeansPerPattern, type BeanOverflow, type BeansCapChange } from './bean-cap';

export interface JolokiaCollectorOptions {
  catalog: Catalog;
  timeoutMs: number;
  /** Largest answer read from one agent (default {@link DEFAULT_MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
  /** Beans kept from one wildcard read (default {@link DEFAULT_MAX_BEANS_PER_PATTERN}). */
  maxBeansPerPattern?: number;
  /** Hears a pattern of a target going over the beans cap and back (once per change). */
  onBeansCapped?: (change: BeansCapChange) => void;
  auth?: { username: string; password: string };
  /** Slow-cadence entries are read when tickNo % slowEvery === 0. */
  slowEvery: number;
  rates: CounterRates;
  log: Logger;
}

/** Defaults of config `jolokia.maxResponseBytes` / `jolokia.maxBeansPerPattern` (docs/config.md says why). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_BEANS_PER_PATTERN = 20_000;

/** Series key of a counter for the rate tracker: cluster/target/metric/canonical labels (forget(`cluster/target/`) drops a target). */
export function rateSeriesKey(target: Pick<Target, 'clusterId' | 'key'>, metric: string, labels: RawValue['labels']): string {
  return `${target.clusterId}/${target.key}/${metric}/${canonicalLabels(labels)}`;
}

/** Pure apart from the rate tracker: counters become rates (first observation and resets give none); gauges pass through. */
export function toSamples(target: Target, values: readonly RawValue[], now: number, rates: CounterRates): Sample[] {
  const out: Sample[] = [];
  for (const v of values) {
    const value = v.type === 'counter' ? rates.observe(rateSeriesKey(target, v.metric, v.labels), now, v.value) : v.value;
    if (value !== undefined) out.push({ clusterId: target.clusterId, target: target.key, metric: v.metric, labels: v.labels, ts: now, value });
  }
  return out;
}

export function isSlowTick(tickNo: number, slowEvery: number): boolean {
  return tickNo % Math.max(1, Math.floor(slowEvery)) === 0;
}

export function createJolokiaCollector(opts: JolokiaCollectorOptions): CollectFn {
  const clients = new Map<string, JolokiaClient>();
  const bulks = new Map<string, BulkRequest & { entries: ReturnType<Catalog['jmxFor']> }>();
  const log = opts.log.child({ module: 'jolokia' });

  const bulkFor = (kind: TargetKind, slow: boolean) => {
    const key = `${kind}/${slow ? 'all' : 'fast'}`;
    let b = bulks.get(key);
    if (!b) {
      const entries = opts.catalog.jmxFor(kind, slow ? 'all' : 'fast');
      b = { ...buildBulkRequest(entries), entries };
      bulks.set(key, b);
    }
    return b;
  };
  const clientFor = (url: string): JolokiaClient => {
    let c = clients.get(url);
    if (!c) {
      c = new JolokiaClient(url, {
        timeoutMs: opts.timeoutMs,
        maxResponseBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        ...(opts.auth ? { auth: opts.auth } : {}),
      });
      clients.set(url, c);
    }
    return c;
  };

  /** `cluster/target` + pattern → over the beans cap at its last read: reported when that changes, not per tick. */
  const overflowing = new Set<string>();
  const maxBeans = opts.maxBeansPerPattern ?? DEFAULT_MAX_BEANS_PER_PATTERN;
  const reportOverflows = (target: Target, requests: BulkRequest['requests'], overflows: readonly BeanOverflow[], ts: number): void => {
    const over = new Map(overflows.map((o) => [o.mbean, o]));
    for (const { mbean } of requests) {
      const key = `${target.clusterId}/${target.key}\u0000${mbean}`;
      const o = over.get(mbean);
      if ((o !== undefined) === overflowing.has(key)) continue;
      const change: BeansCapChange = {
        state: o ? 'hit' : 'cleared',
        clusterId: target.clusterId,
        target: target.key,
        mbean,
        beans: o?.beans ?? 0,
        limit: maxBeans,
        ts,
      };
      if (o) {
        overflowing.add(key);
        log.warn('beans over jolokia.maxBeansPerPattern dropped', { target: target.key, mbean, beans: o.beans, kept: o.kept });
      } else {
        overflowing.delete(key);
        log.info('beans back under jolokia.maxBeansPerPattern', { target: target.key, mbean });
      }
      opts.onBeansCapped?.(change);
    }
  };

  return async (target, tick) => {
    const startedAt = Date.now();
    const base = { clusterId: target.clusterId, target: target.key, startedAt };
    const fail = (error: CollectorError): CollectionResult => ({ ...base, ok: false, durationMs: Date.now() - startedAt, samples: [], warnings: [], error });
    try {
      if (!target.jolokiaUrl) return fail(new CollectorError('CONFIG', `${target.key} has no Jolokia URL`, false));
      const bulk = bulkFor(target.kind, isSlowTick(tick.tickNo, opts.slowEvery));
      if (bulk.requests.length === 0) return { ...base, ok: true, durationMs: 0, samples: [], warnings: [] };
      const body = await clientFor(target.jolokiaUrl).bulkRead(bulk.requests);
      const capped = capBeansPerPattern(bulk.requests, body, maxBeans);
      reportOverflows(target, bulk.requests, capped.overflows, tick.now);
      const parsed = parseBulkResponse(bulk.requests, capped.body, bulk.entries, tick.now);
      for (const o of capped.overflows) parsed.warnings.unshift(`${o.mbean}: ${o.beans} beans, kept the first ${o.kept} (jolokia.maxBeansPerPattern)`);
      const samples = toSamples(target, parsed.values, tick.now, opts.rates);
      if (parsed.warnings.length) log.debug('partial answer', { target: target.key, count: parsed.warnings.length, first: parsed.warnings.slice(0, 3) });
      const rejected = rejectionsOf(parsed.rejected);
      return { ...base, ok: true, durationMs: Date.now() - startedAt, samples, warnings: parsed.warnings, ...(rejected ? { rejected } : {}) };
    } catch (err) {
      const error = err instanceof CollectorError ? err : new CollectorError('INTERNAL', `unexpected: ${String(err)}`, true, { cause: err });
      log.debug('collection failed', { target: target.key, code: error.code, retriable: error.retriable });
      return fail(error);
    }
  };
}
