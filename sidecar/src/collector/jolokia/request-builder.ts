/**
 * Builds the ONE bulk request a target gets per cycle (Telegraf jolokia2 style): one `read` per
 * distinct MBean name or pattern the catalogue needs for the target's kind, asking only for the
 * attributes those entries need (never "all attributes", never a whole domain).
 */
import type { CatalogEntry, JmxSource } from '../../core/model';

export interface JolokiaReadRequest {
  type: 'read';
  mbean: string;
  attribute: string[];
}

/** A catalogue entry with a JMX source. */
export type JmxEntry = CatalogEntry & { source: JmxSource };

export interface BulkRequest {
  requests: JolokiaReadRequest[];
  /** `index[i]`: the entries fed by the answer to `requests[i]`. */
  index: JmxEntry[][];
}

/**
 * Processing parameters sent with every bulk POST (as query parameters, which is what the
 * jolokia.js client does). `ignoreErrors`: a missing attribute or MBean fails only itself
 * (verified on agent 2.6.0: a missing plain MBean then answers status 200 with an error object
 * in place of each attribute value; a pattern matching nothing answers 404). Values are read as
 * plain JSON numbers; longs beyond 2^53 lose precision, which rates tolerate.
 */
export const BULK_READ_PARAMS = { ignoreErrors: true, canonicalNaming: false, serializeException: false } as const;

export function isJmxEntry(e: CatalogEntry): e is JmxEntry {
  return e.source.kind === 'jmx';
}

/** Attributes an entry needs from its MBean (`subtract` reads a second one). */
export function attributesOf(e: JmxEntry): string[] {
  return e.source.subtract ? [e.source.attribute, e.source.subtract] : [e.source.attribute];
}

/** Pure: groups entries by MBean; attribute lists keep first-seen order, no duplicates. Non-JMX entries are ignored. */
export function buildBulkRequest(entries: readonly CatalogEntry[]): BulkRequest {
  const byMbean = new Map<string, { request: JolokiaReadRequest; entries: JmxEntry[] }>();
  for (const e of entries) {
    if (!isJmxEntry(e)) continue;
    let slot = byMbean.get(e.source.mbean);
    if (!slot) {
      slot = { request: { type: 'read', mbean: e.source.mbean, attribute: [] }, entries: [] };
      byMbean.set(e.source.mbean, slot);
    }
    for (const a of attributesOf(e)) if (!slot.request.attribute.includes(a)) slot.request.attribute.push(a);
    slot.entries.push(e);
  }
  const slots = [...byMbean.values()];
  return { requests: slots.map((s) => s.request), index: slots.map((s) => s.entries) };
}
