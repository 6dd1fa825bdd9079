/** @deprecated Old module path kept so existing imports compile; use lag-collector.ts. */
export { createLagCollector, type LagCollector, type LagCollectorOptions } from './lag-collector';
