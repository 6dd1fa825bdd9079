/** Old module path: parsing against a plan (see response-parser.ts for the behaviour). */
import type { MetricType, Labels } from '../../model';
import type { PlannedRead } from './bulk-request';
import { parseBulkResponse as parse, toNumber } from './response-parser';

export { toNumber };

export interface PlannedValue {
  metric: string;
  labels: Labels;
  value: number;
  type: MetricType;
}

export function parseBulkResponse(plan: readonly PlannedRead[], body: unknown): { values: PlannedValue[]; warnings: string[] } {
  const r = parse(
    plan.map((p) => p.request),
    body,
    plan.flatMap((p) => p.entries),
    0,
  );
  return { values: r.values.map(({ metric, labels, value, type }) => ({ metric, labels, value, type })), warnings: r.warnings };
}
