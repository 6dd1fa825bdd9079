/**
 * One connected kafkajs admin client per cluster, created on first use and re-created after a
 * failure (the collector drops it when a collection fails). kafkajs logs go to our logger at
 * debug level (the collector reports failures itself); retries are few and timeouts short so a
 * dead cluster costs about one timeout per tick.
 */
import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from '../../log/logger';
import { fixKafkajsIdleTimer } from './kafkajs-idle-timer-fix';

/** What the lag collector uses of kafkajs' Admin (tests pass a fake). */
export type LagAdmin = Pick<Admin, 'connect' | 'disconnect' | 'listGroups' | 'describeGroups' | 'fetchOffsets' | 'fetchTopicOffsets' | 'fetchTopicMetadata'>;

export interface KafkaClusterRef {
  id: string;
  bootstrap: string[];
}

/** Builds a (not yet connected) admin for a cluster. */
export type AdminFactory = (cluster: KafkaClusterRef, timeoutMs: number, log: Logger) => LagAdmin;

const LEVEL_NAMES: Record<number, string> = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug' };

/** The real kafkajs admin: short timeouts, one retry, kafkajs' own logs routed to `log.debug`. */
export const kafkajsAdminFactory: AdminFactory = (cluster, timeoutMs, log) => {
  fixKafkajsIdleTimer();
  return new Kafka({
    clientId: 'doflamingo-sidecar',
    brokers: cluster.bootstrap,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }: LogEntry) => {
        const { message, timestamp: _ts, logger: _l, ...fields } = entry;
        log.debug(`kafkajs: ${message}`, { cluster: cluster.id, namespace, kafkajsLevel: LEVEL_NAMES[level] ?? level, ...fields });
      },
  }).admin();
};

export interface AdminPool {
  /** The connected admin of `cluster` (connecting it when needed). Rejects when connecting fails. */
  get(cluster: KafkaClusterRef): Promise<LagAdmin>;
  /** Forgets the cluster's admin and disconnects it in the background (never waits on a hung connect). */
  drop(clusterId: string): void;
  /** Disconnects every admin; waits at most `timeoutMs`. */
  stop(): Promise<void>;
}

interface Entry {
  bootstrapKey: string;
  connected: Promise<LagAdmin>;
}

export function createAdminPool(opts: { timeoutMs: number; log: Logger; factory?: AdminFactory }): AdminPool {
  const factory = opts.factory ?? kafkajsAdminFactory;
  const entries = new Map<string, Entry>();
  const pending = new Set<Promise<unknown>>();

  const disconnect = (e: Entry): void => {
    const p = e.connected.then((a) => a.disconnect()).catch(() => undefined);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const drop = (clusterId: string): void => {
    const e = entries.get(clusterId);
    if (!e) return;
    entries.delete(clusterId);
    disconnect(e);
  };

  return {
    get(cluster) {
      const bootstrapKey = cluster.bootstrap.join(',');
      const existing = entries.get(cluster.id);
      if (existing && existing.bootstrapKey === bootstrapKey) return existing.connected;
      if (existing) drop(cluster.id); // bootstrap list changed: new client
      const admin = factory(cluster, opts.timeoutMs, opts.log);
      const entry: Entry = { bootstrapKey, connected: admin.connect().then(() => admin) };
      entries.set(cluster.id, entry);
      entry.connected.catch(() => {
        if (entries.get(cluster.id) === entry) entries.delete(cluster.id);
      });
      return entry.connected;
    },
    drop,
    async stop() {
      for (const id of [...entries.keys()]) drop(id);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...pending]), new Promise((r) => (timer = setTimeout(r, opts.timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}
