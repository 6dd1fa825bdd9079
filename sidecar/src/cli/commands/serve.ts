/**
 * `serve`: the long-running sidecar — collection on the schedule, the REST + WebSocket API,
 * and (with api.demo) the Flamingo-shaped demo host page. SIGINT/SIGTERM stop it cleanly:
 * schedule first, then the API, then a final flush of buffered samples.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { Sidecar } from '../../app/sidecar';
import { createApiServer } from '../../api/server';
import { createMysqlReadModel, singleKindMap } from '../../api/read-model-mysql';
import { createDemoHostRouter, type MenuRow } from '../../api/demo-host';
import { resolveSecret } from '../../config/load';
import { cliLogger, loadConfig } from './shared';
import type { Command } from './types';

export const serveCommand: Command = {
  summary: 'collect on the schedule and serve the REST/WebSocket API (and the demo page with api.demo)',
  async run(ctx) {
    const cfg = loadConfig(ctx);
    const log = cliLogger(cfg, ctx);
    const sidecar = new Sidecar(cfg, log);
    sidecar.configure();
    await sidecar.start();
    const pool = sidecar.getPool();
    const readToken = cfg.api.readToken ?? (cfg.api.readTokenEnv ? resolveSecret({ passwordEnv: cfg.api.readTokenEnv }) : undefined);
    const adminToken = cfg.api.adminToken ?? (cfg.api.adminTokenEnv ? resolveSecret({ passwordEnv: cfg.api.adminTokenEnv }) : undefined);
    const first = cfg.clusters[0];
    const demoRouter =
      cfg.api.demo && first
        ? createDemoHostRouter({
            menuRows: async () => {
              const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM FL_COMM_MENU');
              return rows as unknown as MenuRow[];
            },
            engine: { id: first.id, name: first.name },
            engines: cfg.clusters.map((c) => ({ id: c.id, name: c.name })),
            sidecarUrl: '',
            token: readToken,
            extJs: cfg.api.demoExtJs,
          })
        : undefined;
    const metricKinds = singleKindMap(sidecar.getCatalog().all());
    const api = createApiServer({
      readModel: createMysqlReadModel(
        pool,
        {
          clusters: () => cfg.clusters.map((c) => ({ id: c.id, name: c.name })),
          alerts: (c) =>
            sidecar
              .getAlerting()
              .active(c)
              .map((a) => ({
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
            const store = sidecar.getAlerting().events();
            if (!store) return [];
            const found = await store.events({
              clusterId: q.cluster,
              fromMs: q.from,
              toMs: q.to,
              limit: q.limit,
              severities: q.severities,
              kinds: q.kinds,
              subject: q.subject,
            });
            return found.map((e) => sidecar.getAlerting().eventDto(e));
          },
          targets: () => sidecar.allTargets(),
          catalog: () => sidecar.getCatalog().all(),
          health: () => sidecar.health(),
          jobs: () => sidecar.jobStats(),
          writer: () => sidecar.writerStats(),
          webhooks: () => sidecar.getAlerting().notifierStats(),
        },
        { retention: cfg.retention },
      ),
      liveFeed: sidecar.live,
      rules: sidecar.getAlerting().rules(),
      config: { host: cfg.api.host, port: cfg.api.port, readToken, adminToken, corsOrigins: cfg.api.corsOrigins },
      log: log.child({ module: 'api' }),
      kinds: { metric: () => metricKinds, target: (cluster, key) => sidecar.kindOf(cluster, key) },
      demoRouter,
    });
    const { url } = await api.start();
    log.info('listening', { url, demo: cfg.api.demo });
    ctx.out(`doflamingo: serving ${url}${cfg.api.demo ? ' (demo page at /)' : ''}`);
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    log.info('stopping');
    await api.stop();
    await sidecar.stop();
    return 0;
  },
};
