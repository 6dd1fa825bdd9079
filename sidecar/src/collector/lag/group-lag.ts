/** @deprecated Old module path kept so existing imports compile; use lag-math.ts. */
export { GROUP_STATES, groupStateCode, partitionLag, totalLag, type PartitionLag, type PartitionOffsets } from './lag-math';
