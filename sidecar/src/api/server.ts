/**
 * The sidecar's HTTP server: REST under /api/v1 (docs/api.md), the live socket at
 * /api/v1/ws, and (demo mode) the Flamingo-shaped host page at /. Read endpoints and the
 * socket need the read token when one is configured; /api/v1/admin/* needs the admin token.
 * A request whose Host is not a name of the API is refused (421); the reads that query MySQL at
 * length and socket subscriptions are rate-limited per client address (429 + Retry-After).
 * Every error is JSON; no stack trace ever leaves the process.
 */
import { timingSafeEqual } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { systemClock, type Clock } from '../core/clock';
import { KeyedBuckets, type BucketLimit } from '../core/token-bucket';
import { hostCheck } from './host-check';
import type { Logger } from '../log/logger';
import type { TargetKind } from '../core/model';
import { ApiError, toApiError } from './errors';
import { parseClusterParam, parseConsumerGroupsQuery, parseEventsQuery, parseNoParams, parseSeriesQuery, parseSnapshotQuery, type Parsed } from './params';
import type { CatalogDto } from './dto';
import type { LiveFeed, ReadModel, RuleAdmin } from './ports';
import { adminRuleRoutes, readRuleRoutes } from './rules-routes';
import { WsHub, type HubStats, type KindLookup, type WsHubOptions } from './ws-hub';

export interface ApiServerConfig {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  readToken?: string;
  adminToken?: string;
  /** Origins allowed to call the API from a browser (exact match; no wildcard). */
  corsOrigins: string[];
  /** Mount `demoRouter` at `/` (default true when a demoRouter is given). */
  demo?: boolean;
  /** Host names answered besides loopback names and `host` (`*` = any). */
  allowedHosts?: string[];
  /** Per client address; defaults as in config/schema.ts. */
  rateLimits?: ApiRateLimits;
}

export interface ApiRateLimits {
  /** /series, /events, and /snapshot and /consumer-groups with `at`. */
  expensiveReads: BucketLimit;
  /** Socket `subscribe` messages. */
  subscriptions: BucketLimit;
}

export const DEFAULT_RATE_LIMITS: ApiRateLimits = {
  expensiveReads: { burst: 300, perSecond: 10 },
  subscriptions: { burst: 60, perSecond: 1 },
};

/** A folder served as static files (no token: page assets only, never data). */
export interface StaticDir {
  /** URL prefix, e.g. `/panels`. */
  urlPath: string;
  dir: string;
}

export interface ApiServerDeps {
  readModel: ReadModel;
  liveFeed: LiveFeed;
  config: ApiServerConfig;
  log: Logger;
  /**
   * Kinds for the socket's view filtering. Default: metric kinds from `readModel.catalog()`
   * (refreshed every minute), target kinds learnt from the live batches.
   */
  kinds?: KindLookup;
  /** Alert rule administration; without it the rule endpoints answer 404. */
  rules?: RuleAdmin;
  demoRouter?: express.Router;
  staticDirs?: StaticDir[];
  version?: string;
  /** Socket limits (send buffer, heartbeat). */
  ws?: WsHubOptions;
  /** "Now" of relative query ranges and of the catalogue refresh (default the system clock). */
  clock?: Clock;
}

export interface ApiServer {
  start(): Promise<{ port: number; url: string }>;
  /** Idempotent; closes sockets and the listener. */
  stop(): Promise<void>;
  /** Socket hub counters (clients, dropped updates, slow clients closed). */
  stats(): HubStats;
  readonly app: express.Express;
}

/** Pure: constant-time token check. An unset expected token means "no auth". */
export function tokenMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected) return true;
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenOf(req: { headers: http.IncomingHttpHeaders; url?: string }): string | undefined {
  const h = req.headers.authorization;
  if (typeof h === 'string' && /^Bearer /i.test(h)) return h.slice(7).trim();
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  return q ?? undefined;
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://x').searchParams;
}

/** Query without the auth token (it is not an endpoint parameter). */
function params(req: Request): URLSearchParams {
  const q = queryOf(req);
  q.delete('token');
  return q;
}

/** Pure: catalogue (as the API shows it) → id → the one kind it is read from; shared ids left out. */
export function metricKindsOf(catalog: readonly Pick<CatalogDto, 'id' | 'appliesTo'>[]): Map<string, TargetKind> {
  const out = new Map<string, TargetKind>();
  const shared = new Set<string>();
  for (const e of catalog) {
    const known = out.get(e.id);
    if (known !== undefined && known !== e.appliesTo) shared.add(e.id);
    else out.set(e.id, e.appliesTo);
  }
  for (const id of shared) out.delete(id);
  return out;
}

/** Kinds for the socket when the coordinator gives none: the read model's catalogue, refreshed in the background. */
function catalogKinds(readModel: ReadModel, log: Logger, clock: Clock): KindLookup & { refresh(): Promise<void> } {
  let map = new Map<string, TargetKind>();
  let loadedAt = 0;
  let loading: Promise<void> | undefined;
  const refresh = (): Promise<void> =>
    (loading ??= readModel
      .catalog()
      .then((c) => {
        map = metricKindsOf(c);
        loadedAt = clock.now();
      })
      .catch((err: unknown) => log.warn('socket: catalogue not loaded', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (loading = undefined)));
  return {
    refresh,
    metric: () => {
      if (clock.now() - loadedAt > 60_000) void refresh();
      return map;
    },
    target: () => undefined,
  };
}

/** True when the Origin of a socket upgrade may open it: none (not a browser), the page's own, or a configured one. */
export function upgradeOriginAllowed(origin: string | undefined, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Pure: the rate-limit key of a client address (an IPv4 address seen as `::ffff:a.b.c.d` is the same client). */
export function clientOf(remoteAddress: string | undefined): string {
  return (remoteAddress ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

function unwrap<T>(p: Parsed<T>): T {
  if (!p.ok) throw p.error;
  return p.value;
}

export function createApiServer(deps: ApiServerDeps): ApiServer {
  const { readModel, config, log } = deps;
  const clock = deps.clock ?? systemClock;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const hostAllowed = hostCheck(config.host, config.allowedHosts ?? []);
  const limits = config.rateLimits ?? DEFAULT_RATE_LIMITS;
  const readBuckets = new KeyedBuckets(limits.expensiveReads, clock);
  const subscribeBuckets = new KeyedBuckets(limits.subscriptions, clock);

  app.use((req, _res, next) => {
    if (hostAllowed(req.headers.host)) return next();
    next(new ApiError(421, 'MISDIRECTED', 'this Host is not a name of the API (api.allowedHosts)'));
  });
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });

  const api = express.Router();
  const send = (fn: (req: Request) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req).then((body) => res.json(body), next);
  };
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  api.get('/health', (_req, res) => void res.json({ ok: true, version: deps.version ?? '0.1.0' }));
  api.use('/admin', (req, _res, next) => {
    if (!config.adminToken) return next(new ApiError(403, 'FORBIDDEN', 'write endpoints are disabled: no admin token configured'));
    if (!tokenMatches(config.adminToken, tokenOf(req))) return next(new ApiError(401, 'UNAUTHORIZED', 'admin token required'));
    next();
  });
  if (deps.rules) api.use('/admin', adminRuleRoutes(deps.rules));
  api.use((req, _res, next) => {
    const given = tokenOf(req);
    // the admin token also reads; the read token never writes
    const ok = tokenMatches(config.readToken, given) || (!!config.adminToken && tokenMatches(config.adminToken, given));
    if (!ok) return next(new ApiError(401, 'UNAUTHORIZED', 'missing or wrong token'));
    next();
  });
  /** Expensive reads take a token of the client's bucket; `when` says which requests of a route are. */
  const limited =
    (when: (q: URLSearchParams) => boolean = () => true) =>
    (req: Request, res: Response, next: NextFunction) => {
      if (!when(queryOf(req))) return next();
      const waitMs = readBuckets.take(clientOf(req.socket.remoteAddress));
      if (waitMs === undefined) return next();
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      next(new ApiError(429, 'RATE_LIMITED', 'too many expensive reads from this client; retry later (api.rateLimits.expensiveReads)'));
    };
  const withAt = (q: URLSearchParams) => q.has('at');
  api.get(
    '/clusters',
    send(async (req) => (unwrap(parseNoParams(params(req))), readModel.clusters())),
  );
  api.get(
    '/catalog',
    send(async (req) => (unwrap(parseNoParams(params(req))), readModel.catalog())),
  );
  api.get(
    '/status',
    send(async (req) => (unwrap(parseNoParams(params(req))), readModel.status())),
  );
  api.get(
    '/clusters/:cid/targets',
    send(async (req) => readModel.targets(unwrap(parseClusterParam(String(req.params.cid), params(req))))),
  );
  api.get(
    '/clusters/:cid/consumer-groups',
    limited(withAt),
    send(async (req) => readModel.consumerGroups(unwrap(parseConsumerGroupsQuery(String(req.params.cid), params(req), clock.now())))),
  );
  api.get(
    '/clusters/:cid/snapshot',
    limited(withAt),
    send(async (req) => readModel.snapshot(unwrap(parseSnapshotQuery(String(req.params.cid), params(req), clock.now())))),
  );
  api.get(
    '/clusters/:cid/series',
    limited(),
    send(async (req) => readModel.series(unwrap(parseSeriesQuery(String(req.params.cid), params(req), clock.now())))),
  );
  api.get(
    '/clusters/:cid/alerts',
    send(async (req) => readModel.alerts(unwrap(parseClusterParam(String(req.params.cid), params(req))))),
  );
  api.get(
    '/clusters/:cid/events',
    limited(),
    send(async (req) => readModel.events(unwrap(parseEventsQuery(String(req.params.cid), params(req), clock.now())))),
  );
  if (deps.rules) api.use(readRuleRoutes(deps.rules));
  api.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', 'no such endpoint')));

  app.use('/api/v1', api);
  for (const d of deps.staticDirs ?? []) app.use(d.urlPath, express.static(d.dir, { index: false, dotfiles: 'deny', fallthrough: true }));
  if (deps.demoRouter && config.demo !== false) app.use('/', deps.demoRouter);
  app.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', 'not found')));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toApiError(err);
    if (e.status >= 500) log.warn('request failed', { path: req.path, code: e.code, error: err instanceof Error ? err.message : String(err) });
    if (e.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (res.headersSent) return void res.end();
    res.status(e.status).json(e.toBody());
  });

  const server = http.createServer(app);
  const defaultKinds = deps.kinds ? undefined : catalogKinds(readModel, log, clock);
  const hub = new WsHub(readModel, deps.liveFeed, deps.kinds ?? (defaultKinds as KindLookup), log.child({ module: 'ws' }), {
    ...deps.ws,
    allowSubscribe: (client) => subscribeBuckets.take(client) === undefined,
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      return void socket.destroy();
    }
    if (!hostAllowed(req.headers.host)) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (path !== '/api/v1/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const given = tokenOf(req);
    if (!(tokenMatches(config.readToken, given) || (!!config.adminToken && tokenMatches(config.adminToken, given)))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!upgradeOriginAllowed(req.headers.origin, req.headers.host, config.corsOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    hub.handleUpgrade(req, socket, head, clientOf(req.socket.remoteAddress));
  });

  let stopped: Promise<void> | undefined;
  return {
    app,
    stats: () => hub.stats(),
    start: () =>
      new Promise((resolve, reject) => {
        void defaultKinds?.refresh();
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ port, url: `http://${config.host}:${port}` });
        });
      }),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        hub.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
