/**
 * Reads a cluster's leadership state from ZooKeeper (Kafka in ZooKeeper mode) through a
 * ZkReader: the controller and its epoch, every partition's state znode, then the live brokers.
 * Reads run with bounded concurrency. A topic or partition deleted while it is being read is
 * simply absent from the result (not an error); any other ZooKeeper failure rejects.
 */
import { mapLimit } from '../core/map-limit';
import { parseControllerId } from '../discovery/broker-registration';
import { withZooKeeper, type ZkReader } from '../discovery/zk-session';
import { CollectorError } from '../core/collection';
import { parseControllerEpoch, parsePartitionState, type ClusterState, type PartitionState } from './cluster-state';

/** Kafka topic names: letters, digits, `.`, `_`, `-`, at most 249 characters. */
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const PARTITION = /^\d{1,9}$/;
const BROKER_ID = /^\d{1,10}$/;

export interface ReadStateOptions {
  /** ZooKeeper reads in flight at once (default 32; one session pipelines them over one socket). */
  concurrency?: number;
}

/**
 * The cluster's state as one ZooKeeper session sees it. Rejects with CollectorError `NOT_FOUND`
 * (not retriable) when `/brokers/topics` does not exist (wrong chroot?), or with whatever the
 * reader rejects with.
 */
export async function readClusterState(zk: ZkReader, opts: ReadStateOptions = {}): Promise<ClusterState> {
  const limit = Math.max(1, opts.concurrency ?? 32);
  const [controllerData, epochData, topicNames] = await Promise.all([
    zk.getData('/controller'),
    zk.getData('/controller_epoch'),
    zk.getChildren('/brokers/topics'),
  ]);
  if (!topicNames) throw new CollectorError('NOT_FOUND', '/brokers/topics does not exist (is the chroot right?)', false);
  const state: ClusterState = { topics: new Map() };
  const controller = controllerData ? parseControllerId(controllerData.toString('utf8')) : undefined;
  if (controller !== undefined) state.controller = controller;
  const epoch = epochData ? parseControllerEpoch(epochData.toString('utf8')) : undefined;
  if (epoch !== undefined) state.controllerEpoch = epoch;
  const topics = topicNames.filter((t) => TOPIC.test(t)).sort();
  // two passes, each with at most `limit` reads in flight: the partitions of every topic, then every state
  const listed = await mapLimit(topics, limit, (t) => zk.getChildren(`/brokers/topics/${t}/partitions`));
  const pairs = topics.flatMap((topic, i) =>
    (listed[i] ?? []) // undefined: the topic was deleted meanwhile
      .filter((p) => PARTITION.test(p))
      .map((p) => ({ topic, partition: Number(p) })),
  );
  const datas = await mapLimit(pairs, limit, (x) => zk.getData(`/brokers/topics/${x.topic}/partitions/${x.partition}/state`));
  pairs.forEach((x, i) => {
    const data = datas[i];
    const parsed = data ? parsePartitionState(data.toString('utf8')) : undefined;
    if (!parsed) return; // deleted meanwhile, or not written yet (topic being created)
    const parts = state.topics.get(x.topic) ?? new Map<number, PartitionState>();
    parts.set(x.partition, parsed);
    state.topics.set(x.topic, parts);
  });
  // read last: a broker that leads a partition read above registered before it was chosen
  const ids = await zk.getChildren('/brokers/ids');
  if (ids)
    state.liveBrokers = ids
      .filter((id) => BROKER_ID.test(id))
      .map(Number)
      .sort((a, b) => a - b);
  return state;
}

/** Opens a short session on `connect` (with chroot), reads the state, closes the session. */
export function pollClusterState(connect: string, timeoutMs: number, opts: ReadStateOptions = {}): Promise<ClusterState> {
  return withZooKeeper(connect, timeoutMs, (zk) => readClusterState(zk, opts));
}
