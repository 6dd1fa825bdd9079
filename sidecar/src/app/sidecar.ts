/**
 * The coordinator (Burrow style): owns the modules and their lifecycle.
 *   configure()  validates everything that can be validated without I/O (catalogue, cron)
 *   start()      store → writer → targets → scheduler, in dependency order
 *   stop()       the reverse; idempotent
 * Jobs: `jmx` (every Jolokia target, one bulk read each), `zookeeper` (AdminServer/mntr),
 * `lag` (consumer groups through the Kafka protocol), `discovery` (brokers from ZooKeeper),
 * `cluster-state` (controller, partitions), `retention` and `compaction` (StoreMaintenance).
 */
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config/schema';
import { resolveSecret } from '../config/load';
import type { Logger } from '../log/logger';
import { CollectorError, failedResult } from '../core/collection';
import type { Target } from '../core/model';
import { buildCatalog, type Catalog } from '../catalog/catalog';
import { RateTracker } from '../collector/rates';
import { createJolokiaCollector } from '../collector/jolokia/collect-target';
import { createZookeeperCollector } from '../collector/zookeeper/zk-collector';
import { createLagCollector } from '../collector/lag/lag-collector';
import { discoverBrokers } from '../discovery/broker-discovery';
import { createPool, ensureDatabase } from '../store/pool';
import { migrate } from '../store/migrate';
import type { CompactionResult } from '../store/partition-compaction';
import { SeriesRegistry } from '../store/registry';
import { SampleWriter } from '../store/sample-writer';
import { StatusStore } from '../store/status-store';
import { JobScheduler } from '../scheduler/job-scheduler';
import type { JobStats } from '../core/job-stats';
import { TargetJob, type CollectedBatch, type CollectFn } from './collection-engine';
import type { TargetHealth } from '../core/target-health';
import { LiveFeedHub } from './live-feed';
import { Alerting } from './alerting';
import { StoreMaintenance } from './store-maintenance';
import { reconcileDiscovered } from './discovered-membership';
import { jmxTargets, targetsFromConfig, zookeeperTargets } from './targets';

export type JobName = 'jmx' | 'zookeeper' | 'lag' | 'discovery';

export interface SidecarOptions {
  /** Run migrations on start (serve, collect). Default true. */
  migrate?: boolean;
  /** Start the cron schedule. `collect --once` runs the jobs by hand instead. Default true. */
  schedule?: boolean;
}

export class Sidecar {
  readonly live = new LiveFeedHub();
  private catalog?: Catalog;
  private pool?: Pool;
  private writer?: SampleWriter;
  private registry?: SeriesRegistry;
  private statusStore?: StatusStore;
  private lag?: ReturnType<typeof createLagCollector>;
  private scheduler: JobScheduler;
  private readonly jobs = new Map<Exclude<JobName, 'discovery'>, TargetJob>();
  private readonly targets = new Map<string, Target[]>();
  private readonly kinds = new Map<string, Map<string, Target['kind']>>();
  private started = false;
  private alerting?: Alerting;
  private readonly maintenance: StoreMaintenance;
  /** Per cluster: discovered brokers absent from /brokers/ids and since when (see discovered-membership.ts). */
  private readonly leftAt = new Map<string, Map<string, number>>();
  private stopping?: Promise<void>;

  constructor(
    readonly config: Config,
    private readonly log: Logger,
  ) {
    this.maintenance = new StoreMaintenance(() => this.getPool(), config.retention, log.child({ module: 'store' }));
    this.scheduler = new JobScheduler(log.child({ module: 'scheduler' }), (e) => {
      if (e.kind === 'finished' || e.kind === 'failed' || e.kind === 'skipped') void this.recordJob(e.stats);
      // a job starting to fail / recovering: one event per change, for every cluster
      if (e.kind === 'finished' || e.kind === 'failed')
        void this.alerting?.emit(
          this.alerting.timeline.jobFinished(
            e.job,
            e.kind === 'failed' ? (e.stats.lastError ?? 'failed') : undefined,
            Date.now(),
            this.config.clusters.map((c) => c.id),
          ),
        );
    });
  }

  /** Validates catalogue and schedule; no I/O. Throws with every problem listed. */
  configure(): void {
    this.catalog = buildCatalog(this.config.catalog.extra);
    this.alerting = new Alerting(this.config, this.live, (cid) => this.targets.get(cid), this.log.child({ module: 'alerts' }));
    for (const c of this.config.clusters) this.setTargets(c.id, targetsFromConfig(c));
    const s = this.config.schedule;
    const noop = async (): Promise<void> => undefined;
    this.scheduler.add({ name: 'jmx', cron: s.jmx, run: (t) => this.runJob('jmx', t.tickNo) });
    this.scheduler.add({ name: 'zookeeper', cron: s.zookeeper, run: (t) => this.runJob('zookeeper', t.tickNo) });
    this.scheduler.add({ name: 'lag', cron: s.lag, run: (t) => this.runJob('lag', t.tickNo) });
    this.scheduler.add({ name: 'retention', cron: this.config.retention.schedule, run: async () => void (await this.applyRetention()) });
    this.scheduler.add({
      name: 'compaction',
      cron: this.config.retention.compactSchedule,
      run: this.config.retention.compactClosedDays ? async () => void (await this.compactClosedDays()) : noop,
    });
    this.scheduler.add({ name: 'discovery', cron: s.discovery, run: this.config.clusters.some((c) => c.discovery) ? () => this.discover() : noop });
    this.scheduler.add({
      name: 'cluster-state',
      cron: s.clusterState,
      run: this.config.clusters.some((c) => c.discovery) ? () => this.pollClusterState() : noop,
    });
  }

  getCatalog(): Catalog {
    if (!this.catalog) throw new Error('Sidecar.configure() was not called');
    return this.catalog;
  }

  getPool(): Pool {
    if (!this.pool) throw new Error('Sidecar is not started');
    return this.pool;
  }

  async start(opts: SidecarOptions = {}): Promise<void> {
    if (this.started) return;
    const catalog = this.getCatalog();
    const url = this.config.mysql.url;
    if (!url) throw new Error('no MySQL URL: set mysql.url in the config or DOFLAMINGO_MYSQL_URL');
    const password = this.config.mysql.passwordEnv ? process.env[this.config.mysql.passwordEnv] : undefined;
    const storeLog = this.log.child({ module: 'store' });
    if (opts.migrate !== false) {
      await ensureDatabase(url, password);
    }
    this.pool = createPool(url, password);
    if (opts.migrate !== false) await migrate(this.pool, storeLog);
    this.registry = new SeriesRegistry(this.pool, storeLog);
    for (const c of this.config.clusters) await this.registry.upsertCluster(c.id, c.name);
    await this.registry.upsertMetrics(catalog.all());
    for (const ts of this.targets.values()) await this.registry.upsertTargets(ts);
    this.writer = new SampleWriter(this.pool, this.registry, this.config.mysql, storeLog);
    this.writer.start();
    this.statusStore = new StatusStore(this.pool, storeLog);
    if (opts.schedule !== false) this.maintenance.repairRecentRollups(this.statusStore);
    await this.alerting?.start(
      this.pool,
      catalog.all().map((e) => e.id),
    );
    this.buildJobs(catalog);
    this.started = true;
    if (opts.schedule !== false) this.scheduler.start();
    this.log.info('sidecar started', { clusters: this.config.clusters.length, targets: this.allTargets().length, metrics: catalog.all().length });
  }

  /** Runs discovery (when configured) and every collection job once, then flushes. */
  async collectOnce(): Promise<{ jobs: JobStats[]; health: TargetHealth[]; written: number }> {
    if (this.config.clusters.some((c) => c.discovery)) await this.scheduler.runNow('discovery');
    for (const job of ['jmx', 'zookeeper', 'lag'] as const) await this.scheduler.runNow(job);
    await this.writer?.flush();
    await this.recordTargets();
    return { jobs: this.scheduler.stats(), health: this.health(), written: this.writer?.stats().written ?? 0 };
  }

  /** Health of every target as each job last saw it. */
  health(): TargetHealth[] {
    return [...this.jobs.values()].flatMap((j) => j.healthOf());
  }

  jobStats(): JobStats[] {
    return this.scheduler.stats();
  }

  writerStats(): ReturnType<SampleWriter['stats']> | undefined {
    return this.writer?.stats();
  }

  allTargets(): Target[] {
    return [...this.targets.values()].flat();
  }

  /** Stops in reverse order: schedule, webhooks, collectors, writer (final flush), pool. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.scheduler.stop();
      await this.alerting?.stop(); // webhooks: deliver what is queued within a short deadline
      await this.lag?.stop().catch(() => undefined);
      await this.recordTargets().catch(() => undefined);
      await this.writer?.stop();
      await this.pool?.end().catch(() => undefined);
      this.started = false;
      this.log.info('sidecar stopped');
    })();
    return this.stopping;
  }

  private buildJobs(catalog: Catalog): void {
    const timeoutMs = this.config.jolokia.timeoutMs;
    const auth = this.config.jolokia.auth;
    const password = resolveSecret(auth);
    const rates = new RateTracker();
    const jolokia = createJolokiaCollector({
      catalog,
      timeoutMs,
      auth: auth && password !== undefined ? { username: auth.username, password } : undefined,
      slowEvery: this.config.schedule.slowEvery,
      rates,
      log: this.log.child({ module: 'jolokia' }),
    });
    const zk = createZookeeperCollector({ entries: catalog.zkCommandEntries(), timeoutMs, rates, log: this.log.child({ module: 'zookeeper' }) });
    const lag = createLagCollector({ entries: catalog.kafkaProtocolEntries(), timeoutMs, log: this.log.child({ module: 'lag' }) });
    this.lag = lag;
    const lagFn: CollectFn = (target, tick) => {
      const cluster = this.config.clusters.find((c) => c.id === target.clusterId);
      if (!cluster) return Promise.resolve(failedResult(target, new CollectorError('CONFIG', 'no such cluster', false)));
      return lag.collect({ id: cluster.id, bootstrap: cluster.bootstrap }, tick);
    };
    const concurrency = 64;
    const maxJitterMs = this.config.schedule.maxJitterMs;
    const make = (job: JobName, collect: CollectFn): TargetJob =>
      new TargetJob({ job, collect, maxJitterMs, concurrency }, this.log.child({ module: 'engine', job }), (b) => this.landed(b));
    this.jobs.set('jmx', make('jmx', jolokia));
    this.jobs.set('zookeeper', make('zookeeper', zk));
    this.jobs.set('lag', make('lag', lagFn));
  }

  private targetsFor(job: Exclude<JobName, 'discovery'>): Target[] {
    const all = this.allTargets();
    if (job === 'jmx') return jmxTargets(all);
    if (job === 'zookeeper') return zookeeperTargets(all);
    return all.filter((t) => t.kind === 'kafka-cluster');
  }

  private async runJob(job: Exclude<JobName, 'discovery'>, tickNo: number): Promise<void> {
    const engine = this.jobs.get(job);
    if (!engine) return;
    const targets = this.targetsFor(job);
    await engine.run(targets, { tickNo, now: Date.now() });
    engine.retain(targets);
    await this.recordTargets(job);
    await this.alerting?.evaluate();
  }

  private landed(b: CollectedBatch): void {
    if (b.samples.length > 0) this.writer?.enqueue(b.samples);
    this.alerting?.observe(b, (key) => this.kindOf(b.clusterId, key));
    this.live.publish({ clusterId: b.clusterId, samples: b.samples, targets: [{ ...b.health, kind: this.kindOf(b.clusterId, b.target) }] });
  }

  /** The kind of a target of a cluster now (an index kept with the targets: looked up for every landed batch). */
  kindOf(clusterId: string, key: string): Target['kind'] | undefined {
    return this.kinds.get(clusterId)?.get(key);
  }

  private setTargets(clusterId: string, targets: Target[]): void {
    this.targets.set(clusterId, targets);
    this.kinds.set(clusterId, new Map(targets.map((t) => [t.key, t.kind])));
  }

  /** Job `cluster-state`: Kafka's controller and partition state from ZooKeeper, diffed into timeline events. */
  private async pollClusterState(): Promise<void> {
    const problems: string[] = [];
    for (const c of this.config.clusters) {
      if (!c.discovery) continue;
      try {
        await this.alerting?.emit(await this.getAlerting().timeline.pollClusterState(c.id, c.discovery.zookeeper, this.config.jolokia.timeoutMs));
      } catch (err) {
        problems.push(`${c.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (problems.length) throw new Error(`cluster state failed for ${problems.join('; ')}`);
  }

  private async discover(): Promise<void> {
    const problems: string[] = [];
    for (const c of this.config.clusters) {
      if (!c.discovery) continue;
      try {
        const found = await discoverBrokers({ clusterId: c.id, ...c.discovery, timeoutMs: this.config.jolokia.timeoutMs });
        const previous = this.targets.get(c.id) ?? [];
        const ts = Date.now();
        const change = reconcileDiscovered(previous, targetsFromConfig(c), found, this.leftAt.get(c.id) ?? new Map(), ts, c.discovery.forgetLeftAfterMs);
        this.leftAt.set(c.id, change.leftAt);
        const { joined, left, forgotten } = change;
        if (joined.length || left.length || forgotten.length) {
          this.log.info('targets changed', { cluster: c.id, joined: joined.map((t) => t.key), left, forgotten });
          for (const k of forgotten) this.alerting?.engine.forget(c.id, k);
          const keep = c.discovery.forgetLeftAfterMs > 0 ? `; still watched for ${Math.round(c.discovery.forgetLeftAfterMs / 60_000)} min` : '';
          await this.alerting?.emit([
            ...(previous.length
              ? joined.map((t) => ({
                  clusterId: c.id,
                  ts,
                  kind: 'target-joined' as const,
                  severity: 'info' as const,
                  subject: t.key,
                  message: `${t.key} joined (${t.origin})`,
                }))
              : []),
            ...left.map((k) => ({
              clusterId: c.id,
              ts,
              kind: 'target-left' as const,
              severity: 'warning' as const,
              subject: k,
              message: `${k} left the cluster (no longer in /brokers/ids${keep})`,
            })),
          ]);
        }
        this.setTargets(c.id, change.targets);
        const inZk = change.targets.filter((t) => t.origin === 'discovered' && !change.leftAt.has(t.key));
        if (inZk.length) await this.registry?.upsertTargets(inZk);
      } catch (err) {
        problems.push(`${c.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (problems.length) throw new Error(`discovery failed for ${problems.join('; ')}`);
  }

  /** Retention now (see StoreMaintenance.applyRetention); the `retention` job's work. */
  applyRetention(now = Date.now()): ReturnType<StoreMaintenance['applyRetention']> {
    return this.maintenance.applyRetention(now);
  }

  /** Compaction of closed days now (see StoreMaintenance.compactClosedDays); the `compaction` job's work. */
  compactClosedDays(now = Date.now()): Promise<CompactionResult[]> {
    return this.maintenance.compactClosedDays(now);
  }

  /** Alerting and the event timeline (rules, events, active alerts); after configure(). */
  getAlerting(): Alerting {
    if (!this.alerting) throw new Error('Sidecar.configure() was not called');
    return this.alerting;
  }

  private async recordJob(stats: JobStats): Promise<void> {
    if (!this.statusStore) return;
    await this.statusStore
      .recordJobs(
        this.config.clusters.map((c) => ({
          job: stats.name,
          clusterId: c.id,
          target: '',
          state: stats.lastError ? 'failing' : 'ok',
          lastRunAt: stats.lastStartedAt,
          lastDurationMs: stats.lastDurationMs,
          lastError: stats.lastError,
          consecutiveFailures: 0,
          runs: stats.runs,
          failures: stats.failures,
          skippedTicks: stats.skippedTicks,
          misfires: stats.misfires,
        })),
      )
      .catch(() => undefined);
  }

  private async recordTargets(only?: string): Promise<void> {
    if (!this.statusStore) return;
    const rows = this.health()
      .filter((h) => !only || h.job === only)
      .map((h) => ({
        job: h.job,
        clusterId: h.clusterId,
        target: h.target,
        state: h.state,
        lastRunAt: h.lastRunAt,
        lastOkAt: h.lastOkAt,
        lastDurationMs: h.lastDurationMs,
        lastError: h.lastError,
        consecutiveFailures: h.consecutiveFailures,
        runs: h.runs,
        failures: h.failures,
      }));
    if (rows.length) await this.statusStore.recordTargets(rows).catch(() => undefined);
  }
}
