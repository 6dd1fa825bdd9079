/** Old module path: planning as (request, entries) pairs on top of request-builder.ts. */
import type { CatalogEntry } from '../../model';
import { buildBulkRequest, type JmxEntry, type JolokiaReadRequest } from './request-builder';

export type ReadRequest = JolokiaReadRequest;

/** One read of the bulk and the catalogue entries its answer feeds. */
export interface PlannedRead {
  request: ReadRequest;
  entries: JmxEntry[];
}

export function planBulkRead(entries: readonly CatalogEntry[]): PlannedRead[] {
  const { requests, index } = buildBulkRequest(entries);
  return requests.map((request, i) => ({ request, entries: index[i] ?? [] }));
}
