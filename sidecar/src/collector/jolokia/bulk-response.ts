/**
 * Turns the answer to a bulk read into values, matching responses to requests by position
 * (Jolokia answers in request order; its echoed `request.mbean` is canonicalised, so it is not
 * compared). A per-request error becomes a warning and the rest is still used; an answer that
 * is not an array (Jolokia's whole-bulk error object, or garbage) is an error for the target.
 */
import { CollectorError, type Labels } from '../../model';
import type { PlannedRead } from './bulk-request';
import { isPattern, parseObjectName } from './object-name';

export interface RawValue {
  metric: string;
  labels: Labels;
  value: number;
  type: 'gauge' | 'counter';
}

export interface ParsedBulk {
  values: RawValue[];
  warnings: string[];
}

/** Pure: a JMX value as a number (numbers, booleans, numeric strings from serializeLong); undefined otherwise. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

function atPath(v: unknown, path: string | undefined): unknown {
  if (!path) return v;
  let cur = v;
  for (const p of path.split('/')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function describeError(r: Record<string, unknown>): string {
  const type = typeof r.error_type === 'string' ? r.error_type.replace(/^.*\./, '') : `status ${String(r.status)}`;
  const msg = typeof r.error === 'string' ? r.error.slice(0, 200) : '';
  return `${type}${msg ? `: ${msg}` : ''}`;
}

/** Pure. Throws CollectorError (BULK_ERROR / BAD_RESPONSE) when the answer as a whole is unusable. */
export function parseBulkResponse(plan: readonly PlannedRead[], body: unknown): ParsedBulk {
  if (!Array.isArray(body)) {
    if (body && typeof body === 'object' && 'status' in body) {
      throw new CollectorError('BULK_ERROR', `Jolokia rejected the bulk request: ${describeError(body as Record<string, unknown>)}`, false);
    }
    throw new CollectorError('BAD_RESPONSE', 'Jolokia answer is not a JSON array', true);
  }
  if (body.length !== plan.length) {
    throw new CollectorError('BAD_RESPONSE', `Jolokia answered ${body.length} responses to ${plan.length} requests`, true);
  }
  const values: RawValue[] = [];
  const warnings: string[] = [];
  plan.forEach((p, i) => {
    const r = body[i] as Record<string, unknown> | null;
    if (!r || typeof r !== 'object') {
      warnings.push(`${p.request.mbean}: malformed response`);
      return;
    }
    if (r.status !== 200) {
      warnings.push(`${p.request.mbean}: ${describeError(r)}`);
      return;
    }
    const value = r.value;
    if (!value || typeof value !== 'object') {
      warnings.push(`${p.request.mbean}: no value`);
      return;
    }
    const beans: [string, Record<string, unknown>][] = isPattern(p.request.mbean)
      ? Object.entries(value as Record<string, unknown>).filter((e): e is [string, Record<string, unknown>] => !!e[1] && typeof e[1] === 'object')
      : [[p.request.mbean, value as Record<string, unknown>]];
    for (const e of p.entries) {
      let skipped = 0;
      for (const [name, attrs] of beans) {
        let n = toNumber(atPath(attrs[e.source.attribute], e.source.path));
        if (n !== undefined && e.source.subtract) {
          const minus = toNumber(atPath(attrs[e.source.subtract], e.source.path));
          n = minus === undefined ? undefined : n - minus;
        }
        if (n === undefined) {
          skipped++;
          continue;
        }
        const labels: Labels = {};
        if (e.source.labelKeys?.length) {
          const props = parseObjectName(name)?.props ?? {};
          for (const k of e.source.labelKeys) labels[k] = props[k] ?? '';
        }
        values.push({ metric: e.id, labels, value: n, type: e.type });
      }
      if (skipped > 0 && skipped === beans.length) warnings.push(`${e.id}: ${e.source.attribute}${e.source.path ? '/' + e.source.path : ''} not numeric or missing`);
    }
  });
  return { values, warnings };
}
