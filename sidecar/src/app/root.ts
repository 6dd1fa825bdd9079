/**
 * The composition root: builds every long-lived module from the config, wires them through their
 * constructors, starts them in dependency order and stops them in reverse (app/lifecycle-group.ts):
 *
 *   store → writer → maintenance → lag-admin → collection → alerting → lag-history → scheduler → api
 *
 * so a stop ends the schedule (and the API) first, then delivers the webhooks within their
 * deadline, records the targets' last status, disconnects the Kafka admin clients, flushes the
 * buffered samples and closes the pool. A module that fails to start stops the ones before it.
 * Building validates without I/O (catalogue, cron expressions, tokens); `serve`, `collect --once`,
 * the benchmarks and the integration tests all run the sidecar through here.
 */
import type { Config } from '../config/schema';
import { apiTokens } from '../config/api-tokens';
import { systemClock, type Clock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { Target } from '../core/model';
import type { Logger } from '../log/logger';
import { buildCatalog, type Catalog } from '../catalog/catalog';
import { createLagCollector } from '../collector/lag/lag-collector';
import { restoreConsumerStatus } from '../collector/lag/lag-restore';
import { readLagHistory } from '../store/lag-history';
import { MysqlStore } from '../store/mysql-store';
import { SeriesLimits } from '../store/series-limits';
import { seriesLimitEvent } from '../events/series-limit';
import type { CompactionResult } from '../store/partition-compaction';
import { SampleWriter, type WriterStats } from '../store/sample-writer';
import { StatusStore } from '../store/status-store';
import { JobScheduler } from '../scheduler/job-scheduler';
import type { JobStats } from '../core/job-stats';
import { Alerting } from './alerting';
import { Collection } from './collection';
import { LifecycleGroup } from './lifecycle-group';
import { LiveFeedHub } from './live-feed';
import { SidecarApi } from './sidecar-api';
import { StoreMaintenance } from './store-maintenance';
import type { TargetHealth } from '../core/target-health';
import { TargetSet } from './target-set';
import { registerConfigSecrets } from '../config/known-secrets';

export interface SidecarOptions {
  /** Start the cron schedule; off, the jobs run by hand (`collect --once`: collectOnce()). Default true. */
  schedule?: boolean;
  /** Serve the REST/WebSocket API (and the demo page with api.demo). Default true. */
  api?: boolean;
  /** Create the database and run the migrations at start. Default true. */
  migrate?: boolean;
  /** Time for the modules that take it and for start/stop durations (default the system clock). */
  clock?: Clock;
  /** Where secrets named in the config are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** What one collection round of `collect --once` did. */
export interface CollectOnceResult {
  jobs: JobStats[];
  health: TargetHealth[];
  written: number;
}

/** Builds the sidecar; nothing runs until start(). Throws when the config cannot work (no MySQL URL, a bad cron, a token env var not set). */
export function buildSidecar(config: Config, log: Logger, options: SidecarOptions = {}): Sidecar {
  return new Sidecar(config, log, options);
}

export class Sidecar implements Lifecycle {
  readonly name = 'sidecar';
  readonly live = new LiveFeedHub();
  readonly catalog: Catalog;
  readonly alerting: Alerting;
  private readonly targets: TargetSet;
  private readonly writer: SampleWriter;
  private readonly scheduler: JobScheduler;
  private readonly collection: Collection;
  private readonly maintenance: StoreMaintenance;
  private readonly api?: SidecarApi;
  private readonly group: LifecycleGroup;
  private stopping?: Promise<void>;

  constructor(
    readonly config: Config,
    private readonly log: Logger,
    options: SidecarOptions = {},
  ) {
    const schedule = options.schedule ?? true;
    const clock = options.clock ?? systemClock;
    const env = options.env ?? process.env;
    const storeLog = log.child({ module: 'store' });
    const clusterIds = config.clusters.map((c) => c.id);

    registerConfigSecrets(config, env);
    this.catalog = buildCatalog(config.catalog.extra);
    this.targets = new TargetSet(config.clusters);
    const store = new MysqlStore(
      config.mysql,
      {
        migrate: options.migrate ?? true,
        clusters: config.clusters,
        metrics: this.catalog.all(),
        targets: this.targets.all(),
        forgetSeriesAfterMs: config.retention.rawDays * 86_400_000,
        clock,
      },
      storeLog,
      env,
    );
    this.writer = new SampleWriter(store.pool, store.registry, { ...config.mysql, clock }, storeLog);
    const status = new StatusStore(store.pool, storeLog);
    this.maintenance = new StoreMaintenance(store.maintenancePool, config.retention, storeLog, schedule ? status : undefined);
    const lag = createLagCollector({ entries: this.catalog.kafkaProtocolEntries(), timeoutMs: config.jolokia.timeoutMs, log: log.child({ module: 'lag' }) });
    this.alerting = new Alerting(
      config,
      store.pool,
      this.catalog.all().map((e) => e.id),
      this.live,
      (cid) => this.targets.of(cid),
      log.child({ module: 'alerts' }),
      clock,
      env,
    );
    const alerting = this.alerting;
    const seriesLimits = new SeriesLimits({ newPerTargetPerCycle: config.limits.newSeriesPerTargetPerCycle, perCluster: config.limits.seriesPerCluster });
    store.registry.useLimits(seriesLimits, (changes) => void alerting.emit(changes.map(seriesLimitEvent)));
    const collection = new Collection({
      config,
      catalog: this.catalog,
      targets: this.targets,
      writer: this.writer,
      registry: store.registry,
      status,
      alerting,
      live: this.live,
      lag,
      log,
      clock,
      env,
    });
    this.collection = collection;
    this.scheduler = new JobScheduler(
      log.child({ module: 'scheduler' }),
      (e) => {
        if (e.kind === 'finished' || e.kind === 'failed' || e.kind === 'skipped') void collection.recordJob(e.stats);
        // a job starting to fail / recovering: one event per change, for every cluster
        if (e.kind === 'finished' || e.kind === 'failed')
          void alerting.emit(alerting.timeline.jobFinished(e.job, e.kind === 'failed' ? (e.stats.lastError ?? 'failed') : undefined, clock.now(), clusterIds));
      },
      { clock },
    );
    this.addJobs(config);

    // consumer-group status windows from the stored lag history, before the first lag collection
    const lagHistory: Lifecycle = {
      name: 'lag-history',
      start: () =>
        restoreConsumerStatus({
          clusterIds,
          read: (cid, from, to) => readLagHistory(store.pool, cid, from, to),
          windows: lag,
          events: alerting.timeline,
          log: log.child({ module: 'lag' }),
        }),
      stop: () => Promise.resolve(),
    };
    const modules: Lifecycle[] = [store, this.writer, this.maintenance, lag, collection, alerting, lagHistory];
    if (schedule) modules.push(this.scheduler);
    if (options.api ?? true) {
      this.api = new SidecarApi({
        config,
        tokens: apiTokens(config.api, env),
        pool: store.readPool,
        catalog: this.catalog,
        targets: this.targets,
        collection,
        scheduler: this.scheduler,
        writer: this.writer,
        seriesLimits,
        alerting,
        live: this.live,
        log: log.child({ module: 'api' }),
        clock,
      });
      modules.push(this.api);
    }
    this.group = new LifecycleGroup('sidecar', modules, log, clock);
  }

  /** Names of the modules in start order. */
  get modules(): string[] {
    return this.group.moduleNames;
  }

  /** Where the API listens once started (undefined without the API). */
  get url(): string | undefined {
    return this.api?.url;
  }

  /** Starts every module in order; when one fails, the started ones are stopped and its error is rethrown. */
  async start(): Promise<void> {
    await this.group.start();
    this.log.info('sidecar started', { clusters: this.config.clusters.length, targets: this.allTargets().length, metrics: this.catalog.all().length });
  }

  /** Stops every started module in reverse order. Idempotent, never rejects. */
  stop(): Promise<void> {
    this.stopping ??= this.group.stop().then(() => this.log.info('sidecar stopped'));
    return this.stopping;
  }

  /** Runs discovery (when configured) and every collection job once, then flushes. */
  async collectOnce(): Promise<CollectOnceResult> {
    if (this.config.clusters.some((c) => c.discovery)) await this.scheduler.runNow('discovery');
    for (const job of ['jmx', 'zookeeper', 'lag'] as const) await this.scheduler.runNow(job);
    await this.writer.flush();
    await this.collection.recordTargets();
    return { jobs: this.scheduler.stats(), health: this.health(), written: this.writer.stats().written };
  }

  /** Health of every target as each job last saw it. */
  health(): TargetHealth[] {
    return this.collection.health();
  }

  jobStats(): JobStats[] {
    return this.scheduler.stats();
  }

  writerStats(): WriterStats {
    return this.writer.stats();
  }

  allTargets(): Target[] {
    return this.targets.all();
  }

  /** The kind of a target of a cluster now. */
  kindOf(clusterId: string, key: string): Target['kind'] | undefined {
    return this.targets.kindOf(clusterId, key);
  }

  /** Retention now (see StoreMaintenance.applyRetention); the `retention` job's work. */
  applyRetention(now?: number): ReturnType<StoreMaintenance['applyRetention']> {
    return this.maintenance.applyRetention(now);
  }

  /** Compaction of closed days now (see StoreMaintenance.compactClosedDays); the `compaction` job's work. */
  compactClosedDays(now?: number): Promise<CompactionResult[]> {
    return this.maintenance.compactClosedDays(now);
  }

  /** The jobs (cron validated here, timers only when the scheduler starts). */
  private addJobs(config: Config): void {
    const s = config.schedule;
    const noop = async (): Promise<void> => undefined;
    const discovery = config.clusters.some((c) => c.discovery);
    const collection = this.collection;
    this.scheduler.add({ name: 'jmx', cron: s.jmx, run: (t) => collection.runJob('jmx', t.tickNo) });
    this.scheduler.add({ name: 'zookeeper', cron: s.zookeeper, run: (t) => collection.runJob('zookeeper', t.tickNo) });
    this.scheduler.add({ name: 'lag', cron: s.lag, run: (t) => collection.runJob('lag', t.tickNo) });
    this.scheduler.add({ name: 'retention', cron: config.retention.schedule, run: async () => void (await this.maintenance.applyRetention()) });
    this.scheduler.add({
      name: 'compaction',
      cron: config.retention.compactSchedule,
      run: config.retention.compactClosedDays ? async () => void (await this.maintenance.compactClosedDays()) : noop,
    });
    this.scheduler.add({ name: 'discovery', cron: s.discovery, run: discovery ? () => collection.discover() : noop });
    this.scheduler.add({ name: 'cluster-state', cron: s.clusterState, run: discovery ? () => collection.pollClusterState() : noop });
  }
}
