/**
 * The API as a module of the sidecar: the REST + WebSocket server (api/server.ts) over the MySQL
 * read model and the running modules' state, and with `api.demo` the Flamingo-shaped demo host page.
 * start() listens, stop() closes the sockets and the listener.
 */
import { redactDeep } from '../core/redact';
import type { Pool } from 'mysql2/promise';
import { createApiServer, type ApiServer } from '../api/server';
import { createDemoHostRouter, type MenuRow } from '../api/demo-host';
import { createMysqlReadModel, singleKindMap } from '../api/read-model-mysql';
import type { Catalog } from '../catalog/catalog';
import type { ApiTokens } from '../config/api-tokens';
import type { Config } from '../config/schema';
import type { Clock } from '../core/clock';
import type { Lifecycle } from '../core/lifecycle';
import type { Logger } from '../log/logger';
import { EventStore } from '../store/event-store';
import { readFlamingoMenu } from '../store/flamingo-menu';
import type { SampleWriter } from '../store/sample-writer';
import type { SeriesLimits } from '../store/series-limits';
import type { JobScheduler } from '../scheduler/job-scheduler';
import type { Alerting } from './alerting';
import type { Collection } from './collection';
import type { LiveFeedHub } from './live-feed';
import type { TargetSet } from './target-set';

export interface SidecarApiDeps {
  config: Config;
  tokens: ApiTokens;
  /** The pool the reads go through: the store's `readPool`, apart from the writer's. */
  pool: Pool;
  catalog: Catalog;
  targets: TargetSet;
  collection: Pick<Collection, 'health'>;
  scheduler: Pick<JobScheduler, 'stats'>;
  writer: Pick<SampleWriter, 'stats'>;
  seriesLimits: Pick<SeriesLimits, 'stats'>;
  alerting: Alerting;
  live: LiveFeedHub;
  log: Logger;
  clock: Clock;
}

export class SidecarApi implements Lifecycle {
  readonly name = 'api';
  private readonly server: ApiServer;
  private address?: { port: number; url: string };

  /** Builds the routes (no I/O; a demo Ext JS folder lacking a configured file throws). */
  constructor(d: SidecarApiDeps) {
    const { config: cfg, alerting } = d;
    const first = cfg.clusters[0];
    const demoRouter =
      cfg.api.demo && first
        ? createDemoHostRouter({
            menuRows: async () => (await readFlamingoMenu(d.pool)) as unknown as MenuRow[],
            engine: { id: first.id, name: first.name },
            engines: cfg.clusters.map((c) => ({ id: c.id, name: c.name })),
            sidecarUrl: '',
            token: d.tokens.readToken,
            extJs: cfg.api.demoExtJs,
          })
        : undefined;
    const metricKinds = singleKindMap(d.catalog.all());
    // the timeline is read through the API's own pool too (alerting writes events through the writer's)
    const eventReader = new EventStore(d.pool, d.log);
    this.server = createApiServer({
      readModel: createMysqlReadModel(
        d.pool,
        {
          clusters: () => cfg.clusters.map((c) => ({ id: c.id, name: c.name })),
          alerts: (c) =>
            alerting.active(c).map((a) => ({
              ruleId: a.ruleId,
              name: a.name,
              severity: a.severity,
              subject: a.subject,
              status: a.status,
              activeSince: a.activeSince ?? null,
              firedAt: a.firedAt ?? null,
              value: a.value ?? null,
            })),
          events: async (q) => {
            const found = await eventReader.events({
              clusterId: q.cluster,
              fromMs: q.from,
              toMs: q.to,
              limit: q.limit,
              severities: q.severities,
              kinds: q.kinds,
              subject: q.subject,
            });
            return found.map((e) => alerting.eventDto(e));
          },
          targets: () => d.targets.all(),
          catalog: () => d.catalog.all(),
          health: () => d.collection.health(),
          jobs: () => redactDeep(d.scheduler.stats()),
          writer: () => redactDeep(d.writer.stats()),
          seriesLimits: () => d.seriesLimits.stats(),
          webhooks: () => redactDeep(alerting.notifierStats()),
          eventBacklog: () => alerting.events().backlog(),
        },
        { retention: cfg.retention, clock: d.clock },
      ),
      liveFeed: d.live,
      rules: alerting.rules(),
      config: {
        host: cfg.api.host,
        port: cfg.api.port,
        readToken: d.tokens.readToken,
        adminToken: d.tokens.adminToken,
        corsOrigins: cfg.api.corsOrigins,
        allowedHosts: cfg.api.allowedHosts,
        rateLimits: cfg.api.rateLimits,
      },
      log: d.log,
      kinds: { metric: () => metricKinds, target: (cluster, key) => d.targets.kindOf(cluster, key) },
      demoRouter,
      clock: d.clock,
    });
  }

  /** Where the API listens (after start). */
  get url(): string | undefined {
    return this.address?.url;
  }

  async start(): Promise<void> {
    this.address = await this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop().catch(() => undefined);
  }
}
