/** Old module path (used by app/ and bench/): the collector now lives in collect-target.ts. */
export { createJolokiaCollector, toSamples, rateSeriesKey, isSlowTick, type CollectFn, type JolokiaCollectorOptions, type Tick } from './collect-target';
