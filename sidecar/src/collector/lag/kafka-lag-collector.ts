/**
 * Consumer-group lag through the Kafka protocol (kafkajs admin client): no agent on the
 * consumers needed. One connected admin per cluster, re-created after a failure. Emits the
 * catalogue's kafka-protocol entries by key: lag / committed_offset / log_end_offset per
 * group-topic-partition, group_lag / group_members / group_state per group, and from topic
 * metadata topic_partitions / topic_under_replicated / topic_offline per topic.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Logger } from '../../log/logger';
import { CLUSTER_TARGET_KEY, CollectorError, type CatalogEntry, type CollectionResult, type Labels, type Sample } from '../../model';
import { groupStateCode, partitionLag, totalLag, type PartitionLag } from './group-lag';
import { GROUP_STATUS_CODES, groupStatus, LagWindows, type PartitionStatus } from './lag-status';

export interface LagCollectorOptions {
  entries: CatalogEntry[];
  timeoutMs: number;
  log: Logger;
}

export interface LagCollector {
  collect(cluster: { id: string; bootstrap: string[] }, tick: { tickNo: number; now: number }): Promise<CollectionResult>;
  stop(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollectorError('TIMEOUT', `${what} took longer than ${ms} ms`, true)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function createLagCollector(opts: LagCollectorOptions): LagCollector {
  const admins = new Map<string, Promise<Admin>>();
  const windows = new LagWindows();
  const idFor = new Map<string, string>();
  for (const e of opts.entries) if (e.source.kind === 'kafka-protocol') idFor.set(e.source.key, e.id);

  const adminFor = (cluster: { id: string; bootstrap: string[] }): Promise<Admin> => {
    let a = admins.get(cluster.id);
    if (!a) {
      const kafka = new Kafka({
        clientId: 'doflamingo-sidecar',
        brokers: cluster.bootstrap,
        connectionTimeout: opts.timeoutMs,
        requestTimeout: opts.timeoutMs,
        retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      a = admin.connect().then(() => admin);
      admins.set(cluster.id, a);
      a.catch(() => admins.delete(cluster.id));
    }
    return a;
  };

  const drop = async (clusterId: string): Promise<void> => {
    const a = admins.get(clusterId);
    admins.delete(clusterId);
    if (a) await a.then((x) => x.disconnect()).catch(() => undefined);
  };

  return {
    async collect(cluster, tick) {
      const startedAt = Date.now();
      const base = { clusterId: cluster.id, target: CLUSTER_TARGET_KEY, startedAt };
      const samples: Sample[] = [];
      const warnings: string[] = [];
      const push = (key: string, labels: Labels, value: number | undefined): void => {
        const metric = idFor.get(key);
        if (metric && value !== undefined && Number.isFinite(value)) samples.push({ clusterId: cluster.id, target: CLUSTER_TARGET_KEY, metric, labels, ts: tick.now, value });
      };
      try {
        if (cluster.bootstrap.length === 0) throw new CollectorError('CONFIG', `cluster ${cluster.id} has no bootstrap servers`, false);
        const admin = await withTimeout(adminFor(cluster), opts.timeoutMs * 2, 'connecting to Kafka');
        try {
          const meta = await withTimeout(admin.fetchTopicMetadata(), opts.timeoutMs, 'topic metadata');
          for (const t of meta.topics) {
            if (t.name.startsWith('__')) continue;
            const tl: Labels = { topic: t.name };
            push('topic_partitions', tl, t.partitions.length);
            push('topic_under_replicated', tl, t.partitions.filter((p) => p.isr.length < p.replicas.length).length);
            push('topic_offline', tl, t.partitions.filter((p) => p.leader < 0).length);
          }
        } catch (err) {
          warnings.push(`topic metadata: ${(err as Error).message}`);
        }
        const { groups } = await withTimeout(admin.listGroups(), opts.timeoutMs, 'listing groups');
        const consumerGroups = groups.filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId);
        if (consumerGroups.length === 0) return { ...base, ok: true, durationMs: Date.now() - startedAt, samples, warnings };
        const described = await withTimeout(admin.describeGroups(consumerGroups), opts.timeoutMs, 'describing groups');
        const logEnds = new Map<string, Map<number, number>>();
        const seen = new Set<string>();
        for (const g of described.groups) {
          const gl: Labels = { group: g.groupId };
          push('group_members', gl, g.members.length);
          push('group_state', gl, groupStateCode(g.state));
          let committed: Awaited<ReturnType<Admin['fetchOffsets']>>;
          try {
            committed = await withTimeout(admin.fetchOffsets({ groupId: g.groupId }), opts.timeoutMs, `offsets of ${g.groupId}`);
          } catch (err) {
            warnings.push(`${g.groupId}: ${(err as Error).message}`);
            continue;
          }
          const parts: PartitionLag[] = [];
          const statuses: PartitionStatus[] = [];
          for (const t of committed) {
            if (!logEnds.has(t.topic)) {
              try {
                const offs = await withTimeout(admin.fetchTopicOffsets(t.topic), opts.timeoutMs, `offsets of topic ${t.topic}`);
                logEnds.set(t.topic, new Map(offs.map((o) => [o.partition, Number(o.high)])));
              } catch (err) {
                warnings.push(`${t.topic}: ${(err as Error).message}`);
                logEnds.set(t.topic, new Map());
              }
            }
            for (const p of t.partitions) {
              const lag = partitionLag({ topic: t.topic, partition: p.partition, committed: Number(p.offset), logEnd: logEnds.get(t.topic)?.get(p.partition) });
              parts.push(lag);
              if (lag.committed !== undefined && lag.lag !== undefined) {
                const key = `${cluster.id}\u0000${g.groupId}\u0000${t.topic}\u0000${p.partition}`;
                windows.add(key, { ts: tick.now, offset: lag.committed, lag: lag.lag });
                seen.add(key);
                statuses.push(windows.status(key, tick.now, lag.lag));
              }
              const labels: Labels = { group: g.groupId, topic: t.topic, partition: String(p.partition) };
              push('lag', labels, lag.lag);
              push('committed_offset', labels, lag.committed);
              push('log_end_offset', labels, lag.logEnd);
            }
          }
          push('group_lag', gl, totalLag(parts));
          if (statuses.length) push('group_status', gl, GROUP_STATUS_CODES[groupStatus(statuses)]);
        }
        windows.retain(seen);
        return { ...base, ok: true, durationMs: Date.now() - startedAt, samples, warnings };
      } catch (err) {
        await drop(cluster.id);
        const e = err as { name?: string; message?: string; retriable?: boolean };
        const error = err instanceof CollectorError ? err : new CollectorError(e.name ?? 'KAFKA', e.message ?? String(err), e.retriable ?? true);
        return { ...base, ok: false, durationMs: Date.now() - startedAt, samples: [], warnings, error };
      }
    },
    async stop() {
      await Promise.all([...admins.keys()].map(drop));
    },
  };
}
