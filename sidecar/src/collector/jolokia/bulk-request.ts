/**
 * Builds the ONE bulk request a target gets per cycle: one `read` per distinct MBean name or
 * pattern the catalogue needs for that target kind, asking only for the attributes needed
 * (never "all attributes", never "all MBeans").
 */
import type { CatalogEntry, JmxSource } from '../../model';

export interface ReadRequest {
  type: 'read';
  mbean: string;
  attribute: string[];
}

/** One read of the bulk and the catalogue entries its answer feeds. */
export interface PlannedRead {
  request: ReadRequest;
  entries: (CatalogEntry & { source: JmxSource })[];
}

function isJmx(e: CatalogEntry): e is CatalogEntry & { source: JmxSource } {
  return e.source.kind === 'jmx';
}

/** Pure: groups entries by MBean; attribute lists keep first-seen order and have no duplicates. */
export function planBulkRead(entries: readonly CatalogEntry[]): PlannedRead[] {
  const byMbean = new Map<string, PlannedRead>();
  for (const e of entries.filter(isJmx)) {
    let p = byMbean.get(e.source.mbean);
    if (!p) {
      p = { request: { type: 'read', mbean: e.source.mbean, attribute: [] }, entries: [] };
      byMbean.set(e.source.mbean, p);
    }
    for (const a of [e.source.attribute, e.source.subtract]) if (a && !p.request.attribute.includes(a)) p.request.attribute.push(a);
    p.entries.push(e);
  }
  return [...byMbean.values()];
}
