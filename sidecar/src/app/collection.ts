/**
 * The collection engine as a module of the sidecar: the `jmx`, `zookeeper` and `lag` jobs over
 * the current targets, broker discovery from ZooKeeper, Kafka's cluster state for the timeline,
 * and the collector status rows. Every landed collection goes to the writer, the alerting and the
 * live feed. The scheduler calls the jobs; stop() writes the targets' last status.
 */
import type { Config } from '../config/schema';
import type { Clock } from '../core/clock';
import { CollectorError, failedResult } from '../core/collection';
import type { Lifecycle } from '../core/lifecycle';
import { redactSecrets } from '../core/redact';
import type { Bounds, Target, TargetKind } from '../core/model';
import { boundsOf } from '../catalog/bounds';
import type { Logger } from '../log/logger';
import type { Catalog } from '../catalog/catalog';
import { RateTracker } from '../collector/rates';
import { createZookeeperCollector } from '../collector/zookeeper/zk-collector';
import type { LagCollector } from '../collector/lag/lag-collector';
import { discoverBrokers } from '../discovery/broker-discovery';
import type { SeriesRegistry } from '../store/registry';
import type { SampleWriter } from '../store/sample-writer';
import type { StatusStore } from '../store/status-store';
import type { JobStats } from '../core/job-stats';
import { beansCapEvent } from '../events/series-limit';
import type { CollectFn } from '../core/collection';
import { TargetJob, type CollectedBatch } from './collection-engine';
import type { TargetHealth } from '../core/target-health';
import type { LiveFeedHub } from './live-feed';
import type { Alerting } from './alerting';
import { reconcileDiscovered } from './discovered-membership';
import { discoveryAllowList, refusalMessage, screenDiscovered, type RefusedBroker } from './discovery-trust';
import { credentialsResolver } from './jolokia-credentials';
import { createScopedJolokiaCollector } from './scoped-jolokia';
import type { TargetSet } from './target-set';
import { jmxTargets, targetsFromConfig, zookeeperTargets } from './targets';

export type CollectJobName = 'jmx' | 'zookeeper' | 'lag';

export interface CollectionDeps {
  config: Config;
  catalog: Catalog;
  targets: TargetSet;
  writer: Pick<SampleWriter, 'enqueue'>;
  registry: Pick<SeriesRegistry, 'upsertTargets'>;
  status: Pick<StatusStore, 'recordJobs' | 'recordTargets'>;
  alerting: Pick<Alerting, 'observe' | 'evaluate' | 'emit' | 'timeline' | 'engine'>;
  live: LiveFeedHub;
  lag: Pick<LagCollector, 'collect'>;
  log: Logger;
  clock: Clock;
  /** Where the config's passwordEnv variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export class Collection implements Lifecycle {
  readonly name = 'collection';
  private readonly jobs = new Map<CollectJobName, TargetJob>();
  /** Per cluster: discovered brokers absent from /brokers/ids and since when (see discovered-membership.ts). */
  private readonly leftAt = new Map<string, Map<string, number>>();
  /** Per cluster: registrations refused at the last discovery (a `target-refused` event is emitted once per registration). */
  private readonly refused = new Map<string, Set<string>>();
  private stopping?: Promise<void>;

  /** Builds the collectors and jobs (no I/O; a Jolokia password env var that is not set throws a ConfigError). */
  constructor(private readonly d: CollectionDeps) {
    const { config, catalog, log } = d;
    const timeoutMs = config.jolokia.timeoutMs;
    const rates = new RateTracker();
    const jolokia = createScopedJolokiaCollector(credentialsResolver(config, d.env), {
      catalog,
      timeoutMs,
      maxResponseBytes: config.jolokia.maxResponseBytes,
      maxBeansPerPattern: config.jolokia.maxBeansPerPattern,
      onBeansCapped: (change) => void d.alerting.emit([beansCapEvent(change)]),
      slowEvery: config.schedule.slowEvery,
      rates,
      log: log.child({ module: 'jolokia' }),
    });
    const zk = createZookeeperCollector({ entries: catalog.zkCommandEntries(), timeoutMs, rates, log: log.child({ module: 'zookeeper' }) });
    const lagFn: CollectFn = (target, tick) => {
      const cluster = config.clusters.find((c) => c.id === target.clusterId);
      if (!cluster) return Promise.resolve(failedResult(target, new CollectorError('CONFIG', 'no such cluster', false)));
      return d.lag.collect({ id: cluster.id, bootstrap: cluster.bootstrap }, tick);
    };
    const concurrency = 64;
    const boundsFor = (kind: TargetKind, metric: string): Bounds | undefined => {
      const e = catalog.get(metric, kind) ?? catalog.get(metric);
      return e ? boundsOf(e) : undefined;
    };
    const maxJitterMs = config.schedule.maxJitterMs;
    const make = (job: CollectJobName, collect: CollectFn): TargetJob =>
      new TargetJob({ job, collect, maxJitterMs, concurrency, clock: d.clock, boundsFor }, log.child({ module: 'engine', job }), (b) => this.landed(b));
    this.jobs.set('jmx', make('jmx', jolokia));
    this.jobs.set('zookeeper', make('zookeeper', zk));
    this.jobs.set('lag', make('lag', lagFn));
  }

  /** Nothing to acquire: collectors connect on their first run (the lag admin clients are their own module). */
  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Writes every target's last status (best effort). Idempotent, never rejects. */
  stop(): Promise<void> {
    this.stopping ??= this.recordTargets().catch(() => undefined);
    return this.stopping;
  }

  /** Health of every target as each job last saw it. */
  health(): TargetHealth[] {
    return [...this.jobs.values()].flatMap((j) => j.healthOf());
  }

  /** Job `jmx` / `zookeeper` / `lag`: collects its targets once, records their status, evaluates the alert rules. */
  async runJob(job: CollectJobName, tickNo: number): Promise<void> {
    const engine = this.jobs.get(job);
    if (!engine) return;
    const targets = this.targetsFor(job);
    await engine.run(targets, { tickNo, now: this.d.clock.now() });
    engine.retain(targets);
    await this.recordTargets(job);
    await this.d.alerting.evaluate();
  }

  /** Job `discovery`: brokers from ZooKeeper's /brokers/ids join the targets; those gone leave (and are forgotten later). */
  async discover(): Promise<void> {
    const { config, targets, alerting, log } = this.d;
    const problems: string[] = [];
    for (const c of config.clusters) {
      if (!c.discovery) continue;
      try {
        const discovered = await discoverBrokers({ clusterId: c.id, ...c.discovery, timeoutMs: config.jolokia.timeoutMs });
        const previous = targets.of(c.id) ?? [];
        const ts = this.d.clock.now();
        const { allowed: found, refused } = screenDiscovered(discovered, discoveryAllowList(c));
        await this.reportRefused(c.id, refused, !!c.discovery.allow, ts);
        const change = reconcileDiscovered(previous, targetsFromConfig(c), found, this.leftAt.get(c.id) ?? new Map(), ts, c.discovery.forgetLeftAfterMs);
        this.leftAt.set(c.id, change.leftAt);
        const { joined, left, forgotten } = change;
        if (joined.length || left.length || forgotten.length) {
          log.info('targets changed', { cluster: c.id, joined: joined.map((t) => t.key), left, forgotten });
          for (const k of forgotten) alerting.engine.forget(c.id, k);
          const keep = c.discovery.forgetLeftAfterMs > 0 ? `; still watched for ${Math.round(c.discovery.forgetLeftAfterMs / 60_000)} min` : '';
          await alerting.emit([
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
        targets.set(c.id, change.targets);
        const inZk = change.targets.filter((t) => t.origin === 'discovered' && !change.leftAt.has(t.key));
        if (inZk.length) await this.d.registry.upsertTargets(inZk);
      } catch (err) {
        problems.push(`${c.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (problems.length) throw new Error(`discovery failed for ${problems.join('; ')}`);
  }

  /** One `target-refused` event (and log line) per refused registration, not one per discovery round. */
  private async reportRefused(clusterId: string, refused: RefusedBroker[], explicitAllow: boolean, ts: number): Promise<void> {
    const before = this.refused.get(clusterId) ?? new Set<string>();
    this.refused.set(clusterId, new Set(refused.map((r) => r.registration)));
    const fresh = refused.filter((r) => !before.has(r.registration));
    if (fresh.length === 0) return;
    this.d.log.warn('discovered brokers refused', { cluster: clusterId, refused: fresh.map((r) => r.registration) });
    await this.d.alerting.emit(
      fresh.map((r) => ({
        clusterId,
        ts,
        kind: 'target-refused' as const,
        severity: 'warning' as const,
        subject: r.target.key,
        message: refusalMessage(r, explicitAllow),
      })),
    );
  }

  /** Job `cluster-state`: Kafka's controller and partition state from ZooKeeper, diffed into timeline events. */
  async pollClusterState(): Promise<void> {
    const { config, alerting } = this.d;
    const problems: string[] = [];
    for (const c of config.clusters) {
      if (!c.discovery) continue;
      try {
        await alerting.emit(await alerting.timeline.pollClusterState(c.id, c.discovery.zookeeper, config.jolokia.timeoutMs));
      } catch (err) {
        problems.push(`${c.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (problems.length) throw new Error(`cluster state failed for ${problems.join('; ')}`);
  }

  /** A job's row of every cluster in FL_DOF_COLLECTOR_STATUS (best effort). */
  async recordJob(stats: JobStats): Promise<void> {
    await this.d.status
      .recordJobs(
        this.d.config.clusters.map((c) => ({
          job: stats.name,
          clusterId: c.id,
          target: '',
          state: stats.lastError ? 'failing' : 'ok',
          lastRunAt: stats.lastStartedAt,
          lastDurationMs: stats.lastDurationMs,
          lastError: stats.lastError === undefined ? undefined : redactSecrets(stats.lastError),
          consecutiveFailures: 0,
          runs: stats.runs,
          failures: stats.failures,
          skippedTicks: stats.skippedTicks,
          misfires: stats.misfires,
        })),
      )
      .catch(() => undefined);
  }

  /** The targets' rows (of one job, or all) in FL_DOF_COLLECTOR_STATUS (best effort). */
  async recordTargets(only?: string): Promise<void> {
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
    if (rows.length) await this.d.status.recordTargets(rows).catch(() => undefined);
  }

  private targetsFor(job: CollectJobName): Target[] {
    const all = this.d.targets.all();
    if (job === 'jmx') return jmxTargets(all);
    if (job === 'zookeeper') return zookeeperTargets(all);
    return all.filter((t) => t.kind === 'kafka-cluster');
  }

  private landed(b: CollectedBatch): void {
    const kindOf = (key: string): Target['kind'] | undefined => this.d.targets.kindOf(b.clusterId, key);
    if (b.samples.length > 0) this.d.writer.enqueue(b.samples);
    this.d.alerting.observe(b, kindOf);
    this.d.live.publish({ clusterId: b.clusterId, samples: b.samples, targets: [{ ...b.health, kind: kindOf(b.target) }] });
  }
}
