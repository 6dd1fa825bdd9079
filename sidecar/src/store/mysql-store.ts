/**
 * The MySQL store as a module of the sidecar: one pool for every other module, the schema
 * brought up to date and the clusters, metrics and configured targets registered at start, the
 * pool closed at stop. Construction creates the pool object only (mysql2 connects on first use).
 */
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config/schema';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import type { CatalogEntry, Target } from '../core/model';
import { migrate } from './migrate';
import { createPool, ensureDatabase } from './pool';
import { SeriesRegistry } from './registry';

export interface MysqlStoreOptions {
  /** Create the database and run migrations at start (serve, collect). */
  migrate: boolean;
  /** Registered at start: clusters, every metric of the catalogue, the configured targets. */
  clusters: readonly { id: string; name: string }[];
  metrics: CatalogEntry[];
  targets: Target[];
}

export class MysqlStore implements Lifecycle {
  readonly name = 'store';
  readonly pool: Pool;
  readonly registry: SeriesRegistry;
  private readonly url: string;
  private readonly password?: string;
  private stopping?: Promise<void>;

  /** Throws when no MySQL URL is configured or it is malformed (no I/O). */
  constructor(
    mysql: Pick<Config['mysql'], 'url' | 'passwordEnv'>,
    private readonly opts: MysqlStoreOptions,
    private readonly log: Logger,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    if (!mysql.url) throw new Error('no MySQL URL: set mysql.url in the config or DOFLAMINGO_MYSQL_URL');
    this.url = mysql.url;
    this.password = mysql.passwordEnv ? env[mysql.passwordEnv] : undefined;
    this.pool = createPool(this.url, this.password);
    this.registry = new SeriesRegistry(this.pool, log);
  }

  async start(): Promise<void> {
    if (this.opts.migrate) {
      await ensureDatabase(this.url, this.password);
      await migrate(this.pool, this.log);
    }
    for (const c of this.opts.clusters) await this.registry.upsertCluster(c.id, c.name);
    await this.registry.upsertMetrics(this.opts.metrics);
    await this.registry.upsertTargets(this.opts.targets);
  }

  /** Closes the pool (queries still running fail). Idempotent, never rejects. */
  stop(): Promise<void> {
    this.stopping ??= this.pool.end().catch(() => undefined);
    return this.stopping;
  }
}
