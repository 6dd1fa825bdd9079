/**
 * Turns the answer to a bulk read into raw values (before counter → rate).
 * Responses match requests by position (Jolokia answers in request order; the `request.mbean`
 * it echoes is canonicalised, so it is not compared). Shapes handled, all seen on agent 2.6.0:
 * - pattern reads: `value` keyed by full MBean name → labels from the name's key properties
 *   (quoted values unquoted: topic names with commas, quotes, `=`, unicode survive);
 * - composite values (`HeapMemoryUsage` + path `used`);
 * - per-request errors inside the bulk (status 404/403/500…) → a warning, the rest is used;
 * - with ignoreErrors, a missing plain MBean or attribute answers status 200 with an error
 *   object (`{".error": true, error_type, error}`) in place of the value → a warning;
 * - a whole-bulk error (one object instead of an array) or garbage → CollectorError (thrown);
 * - non-numeric values skipped with a warning; booleans 1/0; numeric strings parsed;
 * - non-finite values (`"1e999"`, `"Infinity"`, `"NaN"`) rejected (collector/plausibility.ts):
 *   listed in `rejected`, never a value; so are finite values that sum or subtract to a
 *   non-finite one (`1.7e308` on two beans).
 * Beans that collapse to the same labels (e.g. RequestsPerSec `version=*` read with label keys
 * [request]) are summed into one value.
 */
import { isPattern } from '../../catalog/object-name';
import { CollectorError } from '../../core/collection';
import type { CatalogEntry, Labels, MetricType } from '../../core/model';
import { canonicalLabels } from '../../core/labels';
import { BeanLabelCache } from './bean-labels';
import { isJmxEntry, type JmxEntry, type JolokiaReadRequest } from './request-builder';
import { readNumber } from '../plausibility';

export interface RawValue {
  metric: string;
  labels: Labels;
  value: number;
  type: MetricType;
  ts: number;
}

export interface ParsedBulk {
  values: RawValue[];
  warnings: string[];
  /** Why each rejected value was rejected (`metric: reason`). */
  rejected: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Pure: a JMX value as a number (finite numbers, booleans 1/0, numeric strings); undefined otherwise. */
export function toNumber(v: unknown): number | undefined {
  const r = readNumber(v);
  return r.ok ? r.value : undefined;
}

/** An error object Jolokia puts in place of a value (ignoreErrors) or as a response. */
export function isJolokiaError(v: unknown): v is Obj {
  return isObj(v) && (v['.error'] === true || (typeof v.error_type === 'string' && typeof v.error === 'string'));
}

/** An answered status as text: an agent may send any JSON there, and String() throws on `{"toString": 1}`. */
function statusText(status: unknown): string {
  return typeof status === 'number' || typeof status === 'string' ? String(status).slice(0, 40) : status === null ? 'null' : typeof status;
}

export function describeError(r: Obj): string {
  const type = typeof r.error_type === 'string' ? r.error_type.replace(/^.*\./, '').slice(0, 200) : `status ${statusText(r.status)}`;
  const msg = typeof r.error === 'string' ? r.error.replace(/\s+/g, ' ').slice(0, 200) : '';
  return `${type}${msg ? `: ${msg}` : ''}`;
}

function atPath(v: unknown, path: string | undefined): unknown {
  if (!path) return v;
  let cur = v;
  for (const p of path.split('/')) cur = isObj(cur) ? cur[p] : undefined;
  return cur;
}

/** The whole answer must be an array with one response per request, else the target failed. */
function checkBulk(requests: readonly JolokiaReadRequest[], body: unknown): unknown[] {
  if (Array.isArray(body)) {
    if (body.length !== requests.length)
      throw new CollectorError('BAD_RESPONSE', `Jolokia answered ${body.length} responses to ${requests.length} requests`, true);
    return body;
  }
  if (isObj(body) && ('status' in body || 'error' in body)) {
    const status = typeof body.status === 'number' ? body.status : 0;
    throw new CollectorError('BULK_ERROR', `Jolokia rejected the bulk request: ${describeError(body)}`, status >= 500);
  }
  throw new CollectorError('BAD_RESPONSE', 'Jolokia answer is not a JSON array', true);
}

/** Why an entry has no value on a bean; `rejected` when the bean answered a non-finite number. */
interface NoValue {
  problem: string;
  rejected: boolean;
}

/** Value of one entry on one bean: a number, or why not. */
function entryValue(e: JmxEntry, attrs: Obj): number | NoValue {
  const read = (attr: string): number | NoValue => {
    const raw = attrs[attr];
    if (raw === undefined) return { problem: `${attr} missing`, rejected: false };
    if (isJolokiaError(raw)) return { problem: `${attr}: ${describeError(raw)}`, rejected: false };
    const r = readNumber(atPath(raw, e.source.path));
    if (r.ok) return r.value;
    const where = `${attr}${e.source.path ? '/' + e.source.path : ''}`;
    return { problem: r.rejected ? `${where} ${r.reason}` : `${where} not numeric or missing`, rejected: r.rejected };
  };
  const a = read(e.source.attribute);
  if (typeof a !== 'number' || !e.source.subtract) return a;
  const b = read(e.source.subtract);
  return typeof b !== 'number' ? b : a - b;
}

/** Entries by MBean, made once per entry list (the collector reuses one list per kind and cadence). */
const byMbeanCache = new WeakMap<readonly CatalogEntry[], Map<string, JmxEntry[]>>();

function entriesByMbean(entries: readonly CatalogEntry[]): Map<string, JmxEntry[]> {
  let byMbean = byMbeanCache.get(entries);
  if (!byMbean) {
    byMbean = new Map();
    for (const e of entries) if (isJmxEntry(e)) byMbean.set(e.source.mbean, [...(byMbean.get(e.source.mbean) ?? []), e]);
    byMbeanCache.set(entries, byMbean);
  }
  return byMbean;
}

/** Label sets shared by every parse (see bean-labels.ts). */
const sharedLabels = new BeanLabelCache();

/**
 * Pure apart from two caches that never change a result: label sets per bean name (`labels`) and
 * entries by MBean per `entries` array (so an entry list must not be mutated once parsed with).
 * `entries` are the catalogue entries the bulk was built from (matched to requests by MBean).
 * Throws CollectorError (BULK_ERROR / BAD_RESPONSE) when the answer as a whole is unusable.
 */
export function parseBulkResponse(
  requests: readonly JolokiaReadRequest[],
  responses: unknown,
  entries: readonly CatalogEntry[],
  now: number,
  labels = sharedLabels,
): ParsedBulk {
  const body = checkBulk(requests, responses);
  const byMbean = entriesByMbean(entries);
  const values: RawValue[] = [];
  // metric id → canonical labels → value: beans collapsing to the same labels are summed (ids may span requests)
  const sums = new Map<string, Map<string, RawValue>>();
  const warnings: string[] = [];
  const rejected: string[] = [];
  requests.forEach((req, i) => {
    const r = body[i];
    if (!isObj(r)) return void warnings.push(`${req.mbean}: malformed response`);
    if (r.status !== 200) return void warnings.push(`${req.mbean}: ${describeError(r)}`);
    if (!isObj(r.value)) return void warnings.push(`${req.mbean}: no value`);
    const beans: [string, Obj][] = isPattern(req.mbean) ? Object.entries(r.value).filter((b): b is [string, Obj] => isObj(b[1])) : [[req.mbean, r.value]];
    for (const e of byMbean.get(req.mbean) ?? []) {
      let own = sums.get(e.id);
      if (!own) sums.set(e.id, (own = new Map()));
      const problems: string[] = [];
      for (const [name, attrs] of beans) {
        const v = entryValue(e, attrs);
        if (typeof v !== 'number') {
          problems.push(v.problem);
          if (v.rejected) rejected.push(`${e.id}: ${v.problem}`);
          continue;
        }
        const l = labels.labelsOf(e.source.labelKeys, name);
        const key = canonicalLabels(l);
        const prev = own.get(key);
        if (prev) prev.value += v;
        else {
          const raw: RawValue = { metric: e.id, labels: l, value: v, type: e.type, ts: now };
          own.set(key, raw);
          values.push(raw);
        }
      }
      // Partial matches on a pattern are normal (e.g. an attribute only some beans have): warn only when nothing was usable.
      if (problems.length > 0 && problems.length === beans.length)
        warnings.push(`${e.id}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    }
  });
  // finite values can still add up (beans summed) or subtract (`subtract`) to a non-finite one
  const finite = values.filter((v) => Number.isFinite(v.value));
  if (finite.length === values.length) return { values, warnings, rejected };
  for (const v of values) if (!Number.isFinite(v.value)) rejected.push(`${v.metric}: not finite (${v.value}) once beans summed or subtracted`);
  return { values: finite, warnings, rejected };
}
