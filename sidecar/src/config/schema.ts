/**
 * The sidecar's configuration file, validated once at start-up.
 * Unknown keys are rejected at every level; every problem is reported with its path.
 */
import { z } from 'zod';
import { parseHostPattern } from '../core/host-pattern';
import { isLoopbackHost } from '../core/loopback';

const cronExpr = z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron expression with 5 or 6 fields (seconds first when 6)');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port');

/** A file inside a served folder: relative, `/`-separated, no `..`, no hidden parts. */
const runtimePath = z.string().regex(/^(?!.*(^|\/)\.)[A-Za-z0-9_.@+-]+(\/[A-Za-z0-9_.@+-]+)*$/, 'must be a relative path inside dir (no .., no hidden files)');

const targetKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');

/** A secret given inline, or (better) by the name of an environment variable. */
const secret = z
  .object({
    username: z.string().min(1),
    password: z.string().optional(),
    passwordEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')
      .optional(),
  })
  .strict();

/** A host pattern: host name, `*.domain`, IPv4/IPv6 address or CIDR block (core/host-pattern.ts). */
/** A token bucket: `burst` requests at once, `perSecond` sustained (core/token-bucket.ts). */
const bucketLimit = (burst: number, perSecond: number) =>
  z
    .object({
      burst: z.number().int().min(1).max(1_000_000).default(burst),
      perSecond: z.number().positive().max(1_000_000).default(perSecond),
    })
    .strict()
    .default({});

const hostPattern = z.string().superRefine((p, ctx) => {
  const parsed = parseHostPattern(p);
  if (typeof parsed === 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed });
});

const jolokiaTarget = z
  .object({
    key: targetKey,
    jolokia: httpUrl,
    /** Credentials of this target's agent (wins over jolokia.credentials and jolokia.auth). */
    auth: secret.optional(),
  })
  .strict();

const zookeeperTarget = z
  .object({
    key: targetKey,
    /** Jolokia agent of the ZooKeeper JVM (optional: AdminServer alone also works). */
    jolokia: httpUrl.optional(),
    /** AdminServer base URL, e.g. http://127.0.0.1:8081 */
    admin: httpUrl.optional(),
    /** Client port host:port (four-letter words, discovery). */
    client: hostPort.optional(),
    /** Credentials of its Jolokia agent (wins over jolokia.credentials and jolokia.auth). */
    auth: secret.optional(),
  })
  .strict()
  .refine((t) => t.jolokia || t.admin || t.client, 'needs at least one of jolokia, admin, client');

const discovery = z
  .object({
    /** ZooKeeper connect string of the Kafka cluster, e.g. `127.0.0.1:2181,127.0.0.1:2182/kafka`. */
    zookeeper: z.string().min(3),
    /** Jolokia URL for a discovered broker; `{host}` = broker host, `{port}` = jolokiaPortBase + broker id, `{id}` = broker id. */
    jolokiaUrlTemplate: z.string().regex(/\{host\}|\{id\}|\{port\}/, 'must use {host}, {id} or {port}'),
    jolokiaPortBase: z.number().int().min(0).max(65535).default(8780),
    /**
     * Hosts a discovered broker may have; one outside is not contacted (a `target-refused` event).
     * Absent = the hosts this cluster's own config names (its targets, bootstrap and ZooKeeper).
     */
    allow: z.array(hostPattern).optional(),
    /**
     * A discovered broker gone from /brokers/ids (stopped, crashed or decommissioned) stays a target —
     * collected, shown down, alerting — this long, then is forgotten; 0 forgets it at once. Default 24 h.
     */
    forgetLeftAfterMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400_000)
      .default(86_400_000),
  })
  .strict();

const cluster = z
  .object({
    /** Flamingo's ENGINE id this cluster belongs to. */
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    name: z.string().min(1).max(100),
    /** Kafka bootstrap servers (host:port) for consumer-group lag through the Kafka protocol. */
    bootstrap: z.array(hostPort).default([]),
    brokers: z.array(jolokiaTarget).default([]),
    zookeepers: z.array(zookeeperTarget).default([]),
    clients: z.array(jolokiaTarget).default([]),
    discovery: discovery.optional(),
  })
  .strict();

const jmxSource = z
  .object({
    kind: z.literal('jmx'),
    mbean: z.string().regex(/^[^:\s]+:.+=.+$/, 'must be an MBean name or pattern like domain:key=value'),
    attribute: z.string().min(1),
    path: z.string().min(1).optional(),
    subtract: z.string().min(1).optional(),
    labelKeys: z.array(z.string().min(1)).optional(),
    cadence: z.enum(['fast', 'slow']).optional(),
  })
  .strict();

const zkSource = z
  .object({
    kind: z.literal('zk-command'),
    command: z.literal('monitor'),
    key: z.string().regex(/^[a-z0-9_]+$/, 'must be an mntr key without zk_ prefix'),
    leaderOnly: z.boolean().optional(),
  })
  .strict();

/** A catalogue entry an operator adds: collected, stored and queryable with no code change. */
export const extraMetricSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'must be dotted lower case, e.g. custom.broker.fetch_purgatory'),
    appliesTo: z.enum(['kafka-broker', 'zookeeper', 'kafka-client']),
    source: z.discriminatedUnion('kind', [jmxSource, zkSource]),
    unit: z.string().min(1).max(32),
    type: z.enum(['gauge', 'counter']),
    description: z.object({ en: z.string().min(1), ko: z.string().min(1).optional() }).strict(),
    /** Plausible range of the stored value; a side left out takes the unit's default (catalog/bounds.ts). */
    bounds: z
      .object({ min: z.number().finite().optional(), max: z.number().finite().optional() })
      .strict()
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'bounds.min must not exceed bounds.max')
      .optional(),
  })
  .strict();

const schedule = z
  .object({
    /** Jolokia collection of every target. Quartz-style with seconds: default every 10 s. */
    jmx: cronExpr.default('*/10 * * * * *'),
    /** ZooKeeper AdminServer / mntr collection. */
    zookeeper: cronExpr.default('*/10 * * * * *'),
    /** Consumer-group lag through the Kafka protocol. */
    lag: cronExpr.default('*/10 * * * * *'),
    /** Broker discovery from ZooKeeper /brokers/ids. */
    discovery: cronExpr.default('*/30 * * * * *'),
    /** Kafka state in ZooKeeper (controller, partition leaders and ISR) read for the event timeline; clusters with `discovery` only. */
    clusterState: cronExpr.default('*/10 * * * * *'),
    /** Per-partition MBeans (cadence `slow`) are read every Nth jmx cycle. */
    slowEvery: z.number().int().min(1).max(1000).default(6),
    /** Largest per-target start offset inside a tick, in ms (spreads load; stable per target). */
    maxJitterMs: z.number().int().min(0).max(60000).default(2000),
  })
  .strict();

/** Every kind of timeline event (the `kind` of FL_DOF_EVENT); notify/event-filter.ts checks it against TimelineEvent. */
export const EVENT_KINDS = [
  'alert-fired',
  'alert-resolved',
  'target-down',
  'target-up',
  'target-joined',
  'target-left',
  'target-refused',
  'controller-changed',
  'partition-leader-changed',
  'isr-shrink',
  'isr-expand',
  'partition-offline',
  'partition-online',
  'unclean-election',
  'zk-leader-changed',
  'group-rebalance',
  'group-status-changed',
  'job-failing',
  'job-recovered',
  'series-limit',
] as const;

/** A webhook timeline events are POSTed to (notify/). Header values come from environment variables only. */
const webhook = z
  .object({
    url: httpUrl,
    /** Events below it (info < warning < critical) are not sent. */
    minSeverity: z.enum(['info', 'warning', 'critical']).default('warning'),
    /** Only these event kinds are sent; absent = every kind. */
    kinds: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
    /** `json`: one event per POST; `slack`: `{ "text" }`, one line per event (Slack / Mattermost incoming webhooks). */
    format: z.enum(['json', 'slack']).default('json'),
    /** Header name → name of the environment variable holding its value (never logged). */
    headersEnv: z
      .record(
        z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'),
        z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name'),
      )
      .optional(),
    /** Timeout of one POST, ms. */
    timeoutMs: z.number().int().min(100).max(120000).default(5000),
  })
  .strict();

export const configSchema = z
  .object({
    mysql: z
      .object({
        /** mysql://user@host:port/database — the password belongs in passwordEnv, not here. */
        url: z
          .string()
          .regex(/^mysql:\/\//, 'must start with mysql://')
          .optional(),
        passwordEnv: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')
          .optional(),
        /** Largest number of samples held while MySQL is unreachable; beyond it the oldest are dropped. */
        bufferMaxSamples: z.number().int().min(1000).max(50_000_000).default(2_000_000),
        /** Rows per multi-row INSERT. */
        batchSize: z.number().int().min(1).max(20000).default(5000),
        /** How often buffered samples are flushed, ms. */
        flushIntervalMs: z.number().int().min(50).max(60000).default(500),
        /** Connections of the pool for writes (samples, events, status, rules). */
        poolSize: z.number().int().min(2).max(64).default(4),
        /** Longest a write or other short query may take, ms; then it fails and its connection is closed. */
        queryTimeoutMs: z.number().int().min(1000).max(3_600_000).default(60_000),
        /** Connections of the separate pool for API reads, so slow reads never hold the writer's. */
        readPoolSize: z.number().int().min(1).max(64).default(4),
        /** Longest an API read may take, ms. */
        readQueryTimeoutMs: z.number().int().min(1000).max(3_600_000).default(30_000),
        /** Longest one query of migrations, compaction, retention or a rollup rebuild may take, ms (each copies up to a day of rows). */
        maintenanceQueryTimeoutMs: z.number().int().min(60_000).max(86_400_000).default(21_600_000),
        /** TCP connect timeout, ms. */
        connectTimeoutMs: z.number().int().min(500).max(120_000).default(5000),
        /** Idle time before TCP keepalive probes start on a connection, ms. */
        keepAliveInitialDelayMs: z.number().int().min(1000).max(3_600_000).default(30_000),
      })
      .strict()
      .default({}),
    jolokia: z
      .object({
        timeoutMs: z.number().int().min(100).max(120000).default(5000),
        /** Largest bulk answer read from one agent; a larger one fails that target (a 4,000-partition broker answers ~1.5 MB). */
        maxResponseBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(1024 * 1024 * 1024)
          .default(16 * 1024 * 1024),
        /** Beans kept from one wildcard read (the first N by name); the rest are dropped and reported. */
        maxBeansPerPattern: z.number().int().min(100).max(10_000_000).default(20_000),
        /** Credentials of the configured targets (not of discovered ones: see credentials). */
        auth: secret.optional(),
        /** Credentials sent only to targets whose host matches one of `hosts` (the first matching entry wins). */
        credentials: z.array(secret.extend({ hosts: z.array(hostPattern).min(1) })).default([]),
      })
      .strict()
      .default({}),
    schedule: schedule.default({}),
    limits: z
      .object({
        /** New series created per target per collection cycle; the others wait for later cycles (their samples are dropped). */
        newSeriesPerTargetPerCycle: z.number().int().min(100).max(10_000_000).default(50_000),
        /** Series per cluster in all; samples of further new series are dropped. */
        seriesPerCluster: z.number().int().min(1000).max(100_000_000).default(1_000_000),
      })
      .strict()
      .default({}),
    clusters: z.array(cluster).min(1, 'at least one cluster is required'),
    catalog: z
      .object({ extra: z.array(extraMetricSchema).default([]) })
      .strict()
      .default({}),
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
        /** Token required by read endpoints and the socket (empty = no auth, local demo only). */
        readToken: z.string().optional(),
        readTokenEnv: z.string().optional(),
        /** Token for write endpoints (alert rules etc.). */
        adminTokenEnv: z.string().optional(),
        adminToken: z.string().optional(),
        /** Flamingo origins allowed by CORS. */
        corsOrigins: z.array(z.string()).default([]),
        /** Listen beyond loopback without a read token (only behind something that authenticates). */
        allowUnauthenticatedRemote: z.boolean().default(false),
        /** Host names the API answers to besides loopback names and `host` itself (`*` = any). */
        allowedHosts: z.array(z.string().min(1)).default([]),
        /** Per client (address): the reads that query MySQL at length, and socket (re)subscriptions. */
        rateLimits: z
          .object({
            expensiveReads: bucketLimit(300, 10),
            subscriptions: bucketLimit(60, 1),
          })
          .strict()
          .default({}),
        /** Serve the demo host page and the built panels. */
        demo: z.boolean().default(false),
        /**
         * Run the demo page on another Ext JS runtime (e.g. a Flamingo 2 install's Ext JS 5.1.1 and its theme)
         * instead of the bundled extjs-gpl 6.2; `?ext=bundled` still opens the page on 6.2.
         */
        demoExtJs: z
          .object({
            /** Folder served read-only at /extjs/ (front-end files only). */
            dir: z.string().min(1),
            /** Inside `dir`: Ext JS itself. */
            script: runtimePath.default('ext-all.js'),
            /** Inside `dir`: the theme's JS overrides, loaded after `script`; null = none. */
            themeScript: runtimePath.nullable().default('ext-theme-classic.js'),
            /** Inside `dir`: the theme's style sheets (their images relative to them). */
            css: z.array(runtimePath).min(1).default(['theme/Flamingo2-all.css']),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    retention: z
      .object({
        /** Days of raw samples kept; older daily partitions of FL_DOF_SAMPLE are dropped. */
        rawDays: z.number().int().min(1).max(3650).default(7),
        /** Days of 1-minute rollups kept; older daily partitions of FL_DOF_SAMPLE_1M are dropped. */
        minuteDays: z.number().int().min(1).max(3650).default(30),
        /** Days of 1-hour rollups kept; monthly partitions of FL_DOF_SAMPLE_1H wholly older are dropped. */
        hourDays: z.number().int().min(1).max(36500).default(365),
        /** When partitions are added ahead and old ones dropped. */
        schedule: cronExpr.default('0 7 * * * *'),
        /**
         * Rewrite each closed day of FL_DOF_SAMPLE once with full pages (~15 % smaller), online:
         * a copy in key order swapped in with EXCHANGE PARTITION. Needs free disk for one day's copy.
         */
        compactClosedDays: z.boolean().default(true),
        /** When closed days are looked for (each is compacted once, an hour or more after it ends). */
        compactSchedule: cronExpr.default('0 37 * * * *'),
      })
      .strict()
      .refine((r) => r.rawDays <= r.minuteDays && r.minuteDays <= r.hourDays, {
        message: 'retention must keep coarser data at least as long: rawDays ≤ minuteDays ≤ hourDays',
      })
      .default({}),
    flamingo: z
      .object({
        /**
         * Copy timeline events into Flamingo's own FL_SYSTEM_EVENTS (same database as mysql.url) so they
         * reach Flamingo's notification list. Off by default; events below minSeverity are not copied.
         */
        systemEvents: z
          .object({ enabled: z.boolean().default(false), minSeverity: z.enum(['info', 'warning', 'critical']).default('warning') })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    notify: z
      .object({ webhooks: z.array(webhook).max(20).default([]) })
      .strict()
      .default({}),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
        /** Lines of the same kind after the first within this window are held back and summed up in one line; 0 = off. */
        repeatWindowMs: z.number().int().min(0).default(600_000),
        /** Write to a size-rotated file instead of stderr. */
        file: z
          .object({
            path: z.string().min(1),
            maxBytes: z
              .number()
              .int()
              .min(1024)
              .default(10 * 1024 * 1024),
            maxFiles: z.number().int().min(2).max(100).default(5),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    refuseUrlCredentials(cfg, [], ctx);
    refuseOpenRemoteApi(cfg.api, ctx);
    cfg.clusters.forEach((c, ci) => {
      const seen = new Set<string>();
      const all = [...c.brokers, ...c.zookeepers, ...c.clients];
      all.forEach((t) => {
        if (seen.has(t.key)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['clusters', ci], message: `duplicate target key "${t.key}"` });
        }
        seen.add(t.key);
      });
    });
    const ids = new Set<string>();
    cfg.clusters.forEach((c, ci) => {
      if (ids.has(c.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['clusters', ci, 'id'], message: `duplicate cluster id "${c.id}"` });
      ids.add(c.id);
    });
  });

/** An API reachable beyond this machine must ask for a read token, unless the operator said otherwise. */
function refuseOpenRemoteApi(
  api: { host: string; readToken?: string; readTokenEnv?: string; allowUnauthenticatedRemote: boolean },
  ctx: z.RefinementCtx,
): void {
  if (isLoopbackHost(api.host) || api.readToken || api.readTokenEnv || api.allowUnauthenticatedRemote) return;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    path: ['api', 'host'],
    message: `"${api.host}" is not a loopback address and no read token is configured: set api.readTokenEnv (or api.readToken), or api.allowUnauthenticatedRemote: true when something in front of the API authenticates`,
  });
}

const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]*@/i;

/** Where the secret of a URL at `path` belongs instead. */
function credentialHint(path: (string | number)[]): string {
  if (path[0] === 'mysql') return 'mysql.passwordEnv';
  if (path[0] === 'notify') return 'headersEnv';
  return 'auth.passwordEnv';
}

/** Any URL with user info (`http://user:password@host`), anywhere in the config, is refused with its path. */
function refuseUrlCredentials(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (typeof value === 'string') {
    const m = URL_WITH_USERINFO.exec(value);
    const userOnlyMysql = path[0] === 'mysql' && m && !/:\/\/[^/@]*:[^/@]*@/.test(value);
    if (m && !userOnlyMysql) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `credentials in the URL are not allowed; use ${credentialHint(path)}` });
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => refuseUrlCredentials(v, [...path, i], ctx));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) refuseUrlCredentials(v, [...path, k], ctx);
}

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = Config['clusters'][number];
export type ExtraMetric = z.infer<typeof extraMetricSchema>;
export type WebhookConfig = Config['notify']['webhooks'][number];
