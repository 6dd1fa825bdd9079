/**
 * The MySQL store as a module of the sidecar: three pools, the schema brought up to date and the
 * clusters, metrics and configured targets registered at start, the pools closed at stop.
 * `pool` is for writes and short queries, `readPool` for the API's reads (a slow 30-day read never
 * holds a connection the writer needs), `maintenancePool` for migrations, compaction, retention
 * and rollup rebuilds (whose queries copy up to a day of rows, so they get a longer timeout).
 * Construction creates the pool objects only (mysql2 connects on first use).
 */
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config/schema';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import type { CatalogEntry, Target } from '../core/model';
import { migrate } from './migrate';
import { createPool, ensureDatabase } from './pool';
import { SeriesRegistry } from './registry';
import { systemClock, type Clock } from '../core/clock';
import { SweepSchedule } from '../core/forget-unseen';

/** The connection settings of `mysql` in the config (the pool sizes and timeouts have their defaults there). */
export type MysqlSettings = Pick<
  Config['mysql'],
  | 'url'
  | 'passwordEnv'
  | 'poolSize'
  | 'queryTimeoutMs'
  | 'readPoolSize'
  | 'readQueryTimeoutMs'
  | 'maintenanceQueryTimeoutMs'
  | 'connectTimeoutMs'
  | 'keepAliveInitialDelayMs'
>;

export interface MysqlStoreOptions {
  /** Create the database and run migrations at start (serve, collect). */
  migrate: boolean;
  /** Registered at start: clusters, every metric of the catalogue, the configured targets. */
  clusters: readonly { id: string; name: string }[];
  metrics: CatalogEntry[];
  targets: Target[];
  /** Cached series not seen for this long are forgotten by the registry (the raw retention). */
  forgetSeriesAfterMs?: number;
  /** The clock of those sweeps (default the system clock). */
  clock?: Clock;
}

export class MysqlStore implements Lifecycle {
  readonly name = 'store';
  readonly pool: Pool;
  readonly readPool: Pool;
  readonly maintenancePool: Pool;
  readonly registry: SeriesRegistry;
  private readonly url: string;
  private readonly password?: string;
  private stopping?: Promise<void>;

  /** Throws when no MySQL URL is configured or it is malformed (no I/O). */
  constructor(
    mysql: MysqlSettings,
    private readonly opts: MysqlStoreOptions,
    private readonly log: Logger,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    if (!mysql.url) throw new Error('no MySQL URL: set mysql.url in the config or DOFLAMINGO_MYSQL_URL');
    this.url = mysql.url;
    this.password = mysql.passwordEnv ? env[mysql.passwordEnv] : undefined;
    const common = { connectTimeoutMs: mysql.connectTimeoutMs, keepAliveInitialDelayMs: mysql.keepAliveInitialDelayMs };
    this.pool = createPool(this.url, this.password, { ...common, connectionLimit: mysql.poolSize, queryTimeoutMs: mysql.queryTimeoutMs });
    this.readPool = createPool(this.url, this.password, { ...common, connectionLimit: mysql.readPoolSize, queryTimeoutMs: mysql.readQueryTimeoutMs });
    this.maintenancePool = createPool(this.url, this.password, { ...common, connectionLimit: 2, queryTimeoutMs: mysql.maintenanceQueryTimeoutMs });
    this.registry = new SeriesRegistry(this.pool, log);
    if (opts.forgetSeriesAfterMs) this.registry.forgetAfter(new SweepSchedule(opts.forgetSeriesAfterMs, opts.clock ?? systemClock));
  }

  async start(): Promise<void> {
    if (this.opts.migrate) {
      await ensureDatabase(this.url, this.password);
      await migrate(this.maintenancePool, this.log);
    }
    for (const c of this.opts.clusters) await this.registry.upsertCluster(c.id, c.name);
    await this.registry.upsertMetrics(this.opts.metrics);
    await this.registry.upsertTargets(this.opts.targets);
  }

  /** Closes the pools (queries still running fail). Idempotent, never rejects. */
  stop(): Promise<void> {
    this.stopping ??= Promise.all([this.pool, this.readPool, this.maintenancePool].map((p) => p.end().catch(() => undefined))).then(() => undefined);
    return this.stopping;
  }
}
