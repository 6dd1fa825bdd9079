/**
 * Consumer-group lag through the Kafka protocol (kafkajs admin client), no agent on the
 * consumers needed. Per collection: list groups → describe each consumer group (state, members)
 * → its committed offsets → the log-end offsets (high watermarks) of the topics involved →
 * lag-math.ts, plus the Burrow-style `group_status` (group-status-values.ts, lag-status.ts).
 * Also per-topic health from cluster metadata. Emits the catalogue's
 * `kafka-protocol` entries by `source.key` on the cluster pseudo target (`cluster`).
 * A group, topic or metadata read that fails is a warning; only connecting or listing groups
 * failing fails the collection (and drops the admin client so the next tick reconnects).
 */
import type { Lifecycle } from '../../core/lifecycle';
import type { Logger } from '../../log/logger';
import { assignedPartitions } from './assignment';
import { mapLimit } from '../../core/map-limit';
import { CLUSTER_TARGET_KEY } from '../../core/target';
import { CollectorError, type CollectionResult } from '../../core/collection';
import type { CatalogEntry, Sample } from '../../core/model';
import { GroupStatusTracker } from './group-status-values';
import { createAdminPool, type AdminFactory, type KafkaClusterRef, type LagAdmin } from './admin-pool';
import { groupLagValues, parseOffset, topicValues, type GroupSnapshot, type KeyedValue } from './lag-math';
import type { LagHistoryPoint } from './lag-restore';

export interface LagCollectorOptions {
  /** Catalogue entries; only `kafka-protocol` ones are used, matched by `source.key`. */
  entries: CatalogEntry[];
  /** Deadline of each Kafka request (connecting gets twice as long). */
  timeoutMs: number;
  log: Logger;
  /** Admin client factory (tests pass a fake); kafkajs by default. */
  adminFactory?: AdminFactory;
  /** Groups / topics read in parallel (default 8). */
  concurrency?: number;
}

/** A module of the sidecar: admin clients connect on the first collection of a cluster; stop() disconnects them. */
export interface LagCollector extends Lifecycle {
  /** Collects one cluster once. Never rejects. */
  collect(cluster: KafkaClusterRef, tick: { tickNo: number; now: number }): Promise<CollectionResult>;
  /** Rebuilds a cluster's status windows from its stored collections (lag-restore.ts); called again later, merges. */
  restore(clusterId: string, points: readonly LagHistoryPoint[], now: number): { groups: number; partitions: number };
  /** Disconnects every admin client. */
  stop(): Promise<void>;
}

const PARTITION_KEYS = ['lag', 'committed_offset', 'log_end_offset', 'group_lag', 'group_status'];
const TOPIC_KEYS = ['topic_partitions', 'topic_under_replicated', 'topic_offline'];

/** Rejects with a retriable TIMEOUT when `p` takes longer than `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollectorError('TIMEOUT', `${what} took longer than ${ms} ms`, true)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A kafkajs (or any) error as a CollectorError; authentication/authorization problems are not retriable. */
export function toCollectorError(err: unknown): CollectorError {
  if (err instanceof CollectorError) return err;
  const e = err as { name?: string; message?: string; type?: string };
  const message = e?.message ?? String(err);
  const code = e?.type ?? e?.name ?? 'KAFKA';
  const fatal = /AUTHORIZATION|AUTHENTICATION|SASL/i.test(`${code} ${e?.name ?? ''}`);
  return new CollectorError(code, message, !fatal, { cause: err });
}

const errText = (err: unknown): string => toCollectorError(err).message;

export function createLagCollector(opts: LagCollectorOptions): LagCollector {
  const idFor = new Map<string, string>();
  for (const e of opts.entries) if (e.source.kind === 'kafka-protocol' && !idFor.has(e.source.key)) idFor.set(e.source.key, e.id);
  const wantsOffsets = PARTITION_KEYS.some((k) => idFor.has(k));
  const wantsTopics = TOPIC_KEYS.some((k) => idFor.has(k));
  const limit = opts.concurrency ?? 8;
  const pool = createAdminPool({ timeoutMs: opts.timeoutMs, log: opts.log, factory: opts.adminFactory });
  const t = opts.timeoutMs;
  const statusTracker = idFor.has('group_status') ? new GroupStatusTracker() : undefined;

  /** Describe + committed offsets of each group; failures become warnings. */
  const readGroups = async (admin: LagAdmin, groupIds: string[], warnings: string[]): Promise<GroupSnapshot[]> =>
    mapLimit(groupIds, limit, async (groupId) => {
      const g: GroupSnapshot = { groupId };
      try {
        const d = await withTimeout(admin.describeGroups([groupId]), t, `describing group ${groupId}`);
        const desc = d.groups.find((x) => x.groupId === groupId);
        if (desc) {
          g.state = desc.state;
          g.members = desc.members.length;
          g.assigned = assignedPartitions(desc);
        }
      } catch (err) {
        warnings.push(`group ${groupId}: ${errText(err)}`);
      }
      if (!wantsOffsets) return g;
      try {
        const topics = await withTimeout(admin.fetchOffsets({ groupId }), t, `offsets of group ${groupId}`);
        g.committed = topics.flatMap((tp) => tp.partitions.map((p) => ({ topic: tp.topic, partition: p.partition, offset: parseOffset(p.offset) })));
      } catch (err) {
        warnings.push(`offsets of group ${groupId}: ${errText(err)}`);
      }
      return g;
    });

  /**
   * High watermark of every partition of `topics`; a topic that cannot be read is a warning.
   * One topic at a time: concurrent fetchTopicOffsets calls on one kafkajs admin race on its
   * shared target-topic metadata and sometimes fail with "Cannot destructure property
   * 'partitions' of 'high.pop(...)'" (seen on the live cluster).
   */
  const readLogEnds = async (admin: LagAdmin, topics: string[], warnings: string[]): Promise<Map<string, Map<number, number>>> => {
    const logEnds = new Map<string, Map<number, number>>();
    await mapLimit(topics, 1, async (topic) => {
      try {
        const offs = await withTimeout(admin.fetchTopicOffsets(topic), t, `offsets of topic ${topic}`);
        logEnds.set(topic, new Map(offs.map((o) => [o.partition, parseOffset(o.high)])));
      } catch (err) {
        warnings.push(`topic ${topic}: ${errText(err)}`);
      }
    });
    return logEnds;
  };

  return {
    async collect(cluster, tick) {
      const startedAt = Date.now();
      const base = { clusterId: cluster.id, target: CLUSTER_TARGET_KEY, startedAt };
      const warnings: string[] = [];
      try {
        if (cluster.bootstrap.length === 0) throw new CollectorError('CONFIG', `cluster ${cluster.id} has no bootstrap servers`, false);
        const admin = await withTimeout(pool.get(cluster), 2 * t, `connecting to Kafka (${cluster.bootstrap.join(',')})`);
        const values: KeyedValue[] = [];
        if (wantsTopics) {
          try {
            const meta = await withTimeout(admin.fetchTopicMetadata(), t, 'topic metadata');
            values.push(
              ...topicValues(
                meta.topics.map((tm) => ({ name: tm.name, partitions: tm.partitions.map((p) => ({ leader: p.leader, replicas: p.replicas, isr: p.isr })) })),
              ),
            );
          } catch (err) {
            warnings.push(`topic metadata: ${errText(err)}`);
          }
        }
        const { groups } = await withTimeout(admin.listGroups(), t, 'listing groups');
        const groupIds = [...new Set(groups.filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId))].sort();
        const snapshots = await readGroups(admin, groupIds, warnings);
        const topics = [...new Set(snapshots.flatMap((s) => (s.committed ?? []).map((c) => c.topic)))].sort();
        const logEnds = await readLogEnds(admin, topics, warnings);
        values.push(...groupLagValues(snapshots, logEnds));
        if (statusTracker) values.push(...statusTracker.update(cluster.id, snapshots, logEnds, tick.now));
        const samples: Sample[] = [];
        for (const v of values) {
          const metric = idFor.get(v.key);
          if (metric) samples.push({ clusterId: cluster.id, target: CLUSTER_TARGET_KEY, metric, labels: v.labels, ts: tick.now, value: v.value });
        }
        return { ...base, ok: true, durationMs: Date.now() - startedAt, samples, warnings };
      } catch (err) {
        pool.drop(cluster.id);
        const error = toCollectorError(err);
        opts.log.debug('lag collection failed', { cluster: cluster.id, code: error.code, error: error.message });
        return { ...base, ok: false, durationMs: Date.now() - startedAt, samples: [], warnings, error };
      }
    },
    restore: (clusterId, points, now) => statusTracker?.restore(clusterId, points, now) ?? { groups: 0, partitions: 0 },
    name: 'lag-admin',
    start: () => Promise.resolve(),
    stop: () => pool.stop().catch(() => undefined),
  };
}
