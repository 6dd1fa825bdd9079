/**
 * @deprecated Old module path kept so existing imports compile; use zk-collector.ts
 * (createZookeeperCollector) and zk-samples.ts (derivedValues, monitorSamples).
 */
export { createZookeeperCollector, type ZookeeperCollectorOptions, type ZookeeperCollectFn } from './zk-collector';
export { derivedValues, monitorSamples, downSamples, SERVER_STATE_CODES } from './zk-samples';
