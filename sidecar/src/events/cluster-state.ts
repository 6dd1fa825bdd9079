/**
 * What Kafka (ZooKeeper mode) keeps in ZooKeeper about who leads what, as plain data, and the
 * pure parsing of its znodes:
 * - `/brokers/topics/<t>/partitions/<p>/state`: `{"controller_epoch":5,"leader":1,"version":1,"leader_epoch":7,"isr":[1,2,3]}`
 *   (`leader` -1 when the partition has no leader);
 * - `/controller_epoch`: a bare integer, e.g. `5`.
 * (`/controller` is parsed by discovery's parseControllerId.) Nothing here throws.
 */

export interface PartitionState {
  /** Broker id of the leader; -1 when there is none. */
  leader: number;
  leaderEpoch: number;
  /** In-sync replicas (broker ids) as ZooKeeper lists them. */
  isr: number[];
  controllerEpoch?: number;
}

/** One reading of a cluster's leadership state. */
export interface ClusterState {
  /** Broker id of the active controller; undefined when `/controller` is missing (election under way). */
  controller?: number;
  controllerEpoch?: number;
  /** Live brokers (children of `/brokers/ids`), read after the partition states. */
  liveBrokers?: number[];
  /** topic → partition → state. Partitions whose state could not be read are absent. */
  topics: Map<string, Map<number, PartitionState>>;
}

const brokerId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -1;

/** Pure: a partition's state JSON; undefined when unusable. */
export function parsePartitionState(json: string): PartitionState | undefined {
  let d: unknown;
  try {
    d = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return undefined;
  const o = d as { leader?: unknown; leader_epoch?: unknown; isr?: unknown; controller_epoch?: unknown };
  if (!brokerId(o.leader) || !Array.isArray(o.isr) || !o.isr.every((b) => brokerId(b) && b >= 0)) return undefined;
  const state: PartitionState = { leader: o.leader, leaderEpoch: typeof o.leader_epoch === 'number' ? o.leader_epoch : 0, isr: o.isr as number[] };
  if (typeof o.controller_epoch === 'number') state.controllerEpoch = o.controller_epoch;
  return state;
}

/** Pure: `/controller_epoch` (a bare integer); undefined when unusable. */
export function parseControllerEpoch(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,10}$/.test(t) ? Number(t) : undefined;
}

/**
 * Pure: a partition is offline when it has no leader, or when its leader is not among the live
 * brokers (known only when `/brokers/ids` was read).
 */
export function isOffline(p: PartitionState, live: ReadonlySet<number> | undefined): boolean {
  return p.leader < 0 || (live !== undefined && !live.has(p.leader));
}
