/**
 * The API's read model: live state (targets' health, jobs, writer) from the running sidecar,
 * history and latest values from MySQL through the store's queries (store/queries.ts:
 * latestValues, readSeriesRange — parameterised SQL, FL_DOF_SAMPLE and its rollups read only by
 * primary-key ranges; /series reads raw, 1-minute or 1-hour rows by step and retention).
 * Shapes the rows per dto.d.ts; store errors become 503 (unreachable) / 400 (too many series).
 */
import type { Pool } from 'mysql2/promise';
import { systemClock, type Clock } from '../core/clock';
import type { CatalogEntry, Labels, Target, TargetKind } from '../core/model';
import type { JobStats } from '../core/job-stats';
import type { WriterStats } from '../store/sample-writer';
import type { WebhookStats } from '../core/webhook-stats';
import { StoreError } from '../store/pool';
import { latestValues, readSeriesRange } from '../store/queries';
import { snapshotAt, type SnapshotAt, type ValueAt } from '../store/snapshot-at';
import { narrowToKind, targetKeysOfKind } from '../store/targets-of-kind';
import { DEFAULT_RETENTION, type RetentionDays } from '../store/resolution';
import { buildConsumerGroups } from './consumer-groups';
import type {
  AlertDto,
  EventDto,
  CatalogDto,
  ClusterDto,
  ConsumerGroupDto,
  SampleDto,
  SeriesDto,
  SeriesResponseDto,
  SnapshotDto,
  StatusDto,
  SeriesLimitsStatusDto,
  EventsStatusDto,
  TargetDto,
} from './dto';
import { ApiError, isStoreUnavailable, notFound, storeUnavailable } from './errors';
import type { ReadModel, SeriesQuery, SnapshotQuery } from './ports';
import type { TargetHealthReport } from '../core/target-health';
import type { EventsQuery } from './ports';
import { groupHealth, mergeHealth, toTargetDto } from './target-view';
import { kindInView, seriesInView } from './view-filter';

/** What the read model needs from the running sidecar (app/sidecar-api.ts wires it from the modules). */
export interface LiveSource {
  clusters(): { id: string; name: string }[];
  alerts(cluster: string): AlertDto[];
  events(q: EventsQuery): Promise<EventDto[]>;
  targets(): Target[];
  catalog(): CatalogEntry[];
  health(): TargetHealthReport[];
  jobs(): JobStats[];
  writer(): WriterStats | undefined;
  /** Delivery of each configured webhook (none configured: absent or []). */
  webhooks?(): WebhookStats[];
  /** Samples dropped by the series limits and the limits dropping now (absent: none). */
  seriesLimits?(): SeriesLimitsStatusDto;
  /** Events waiting for MySQL, dropped, and rows MySQL refused (absent: none). */
  eventBacklog?(): EventsStatusDto;
}

/** Latest values older than this are not part of a snapshot (default: 3 × the slowest default job interval). */
export const DEFAULT_SNAPSHOT_WINDOW_S = 300;
const MAX_SERIES = 500;

export interface MysqlReadModelOptions {
  /** Latest values older than this many seconds are left out of snapshots (about 3 collection intervals). */
  snapshotWindowS?: number;
  /** What "now" is for snapshots and series (default the system clock; tests and benchmarks). */
  clock?: Clock;
  /** Days kept per table (config `retention`), so /series never reads a table whose data is gone; default 7/30/365. */
  retention?: RetentionDays;
}

/** Store errors → API errors: unreachable → 503, too many series → 400; the rest stays (→ generic 500). */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'TOO_MANY_SERIES')
      throw new ApiError(400, 'TOO_MANY_SERIES', `${err.message}; add target= or label.<name>= filters`);
    if (isStoreUnavailable(err)) throw storeUnavailable();
    throw err;
  }
}

/**
 * Pure: catalogue id → target kind, for ids read from ONE kind only. Ids shared by several kinds
 * (`jvm.*`) are left out so the view of their samples follows the target that produced them.
 */
export function singleKindMap(entries: readonly CatalogEntry[]): Map<string, TargetKind> {
  const kinds = new Map<string, Set<TargetKind>>();
  for (const e of entries) (kinds.get(e.id) ?? kinds.set(e.id, new Set()).get(e.id))?.add(e.appliesTo);
  const out = new Map<string, TargetKind>();
  for (const [id, set] of kinds) if (set.size === 1) out.set(id, [...set][0] as TargetKind);
  return out;
}

/** Pure: sums series that share the kept dimensions (`by`), bucket by bucket. */
export function sumBy(series: SeriesDto[], by: string[]): SeriesDto[] {
  const groups = new Map<string, { target?: string; labels: Labels; points: Map<number, number> }>();
  for (const s of series) {
    const labels: Labels = {};
    let target: string | undefined;
    for (const d of by) {
      if (d === 'target') target = s.target;
      else if (s.labels[d] !== undefined) labels[d] = s.labels[d] as string;
    }
    const key = JSON.stringify([target ?? null, labels]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...(target !== undefined ? { target } : {}), labels, points: new Map() }));
    for (const [t, v] of s.points) g.points.set(t, (g.points.get(t) ?? 0) + v);
  }
  return [...groups.values()].map((g) => ({
    ...(g.target !== undefined ? { target: g.target } : {}),
    labels: g.labels,
    points: [...g.points.entries()].sort((a, b) => a[0] - b[0]),
  }));
}

/** A stored value (epoch seconds) as the API shows it (ms). */
function toSampleDto(v: ValueAt): SampleDto {
  return { metric: v.metric, target: v.target, labels: v.labels, ts: v.ts * 1000, value: v.value };
}

export function createMysqlReadModel(pool: Pool, live: LiveSource, opts: MysqlReadModelOptions = {}): ReadModel {
  const clock = opts.clock ?? systemClock;
  const now = (): number => clock.now();
  const windowS = opts.snapshotWindowS ?? DEFAULT_SNAPSHOT_WINDOW_S;
  const cluster = (cid: string): { id: string; name: string } => {
    const c = live.clusters().find((x) => x.id === cid);
    if (!c) throw notFound(`unknown cluster "${cid}"`);
    return c;
  };
  const targetDtos = (cid: string): TargetDto[] => {
    const health = groupHealth(live.health()).get(cid) ?? new Map<string, TargetHealthReport[]>();
    return live
      .targets()
      .filter((t) => t.clusterId === cid)
      .map((t) => toTargetDto(t.key, t.kind, t.origin, mergeHealth(health.get(t.key) ?? [])));
  };
  const appliesTo = (): Map<string, TargetKind> => singleKindMap(live.catalog());

  const latest = async (cid: string): Promise<(SampleDto & { kind: TargetKind })[]> => {
    const since = Math.floor(now() / 1000) - windowS;
    const rows = await guarded(() => latestValues(pool, cid, since));
    return rows.map((r) => ({ ...toSampleDto(r), kind: r.kind as TargetKind }));
  };

  /** The cluster's values and targets as of `at` (ms): the newest sample ≤ at per series within the snapshot window. */
  const storeAt = (cid: string, at: number): Promise<SnapshotAt> =>
    guarded(() =>
      snapshotAt(pool, {
        clusterId: cid,
        atSec: Math.floor(at / 1000),
        lookbackSec: windowS,
        nowSec: Math.floor(now() / 1000),
        retention: opts.retention ?? DEFAULT_RETENTION,
      }),
    );

  /** The snapshot as of q.at (store/snapshot-at.ts): targets up when they had samples in the lookback before it, else down. */
  const pastSnapshot = async (q: SnapshotQuery & { at: number }, kinds: Map<string, TargetKind>): Promise<SnapshotDto> => {
    const past = await storeAt(q.cluster, q.at);
    const samples = past.values
      .filter((s) =>
        seriesInView(q.view, { metric: s.metric, labels: s.labels, appliesTo: kinds.get(s.metric), targetKind: s.kind as TargetKind }, q.partitions),
      )
      .map(toSampleDto);
    const targets: TargetDto[] = past.targets
      .filter((t) => kindInView(t.kind as TargetKind, q.view))
      .map((t) => ({
        key: t.key,
        kind: t.kind as TargetKind,
        state: t.lastSampleSec === null ? 'down' : 'up',
        since: null,
        lastRunAt: null,
        lastOkAt: t.lastSampleSec === null ? null : t.lastSampleSec * 1000,
        lastDurationMs: null,
        lastError: null,
        // a past snapshot knows only what was stored: nothing rejected is
        rejected: 0,
        lastRejectReason: null,
        origin: t.origin === 'discovered' ? 'discovered' : 'config',
      }));
    return { cluster: q.cluster, view: q.view, ts: q.at, targets, samples };
  };

  return {
    async clusters(): Promise<ClusterDto[]> {
      return live.clusters().map((c) => {
        const targets = targetDtos(c.id);
        return {
          id: c.id,
          name: c.name,
          targets: targets.length,
          up: targets.filter((t) => t.state === 'up').length,
          down: targets.filter((t) => t.state === 'down').length,
        };
      });
    },
    async targets(cid) {
      cluster(cid);
      return targetDtos(cid);
    },
    async catalog(): Promise<CatalogDto[]> {
      const seen = new Set<string>();
      return live
        .catalog()
        .filter((e) => !seen.has(e.id) && !!seen.add(e.id))
        .map((e) => ({
          id: e.id,
          appliesTo: e.appliesTo,
          unit: e.unit,
          type: e.type,
          description: e.description,
          proposal: e.proposal ?? [],
          origin: e.origin,
        }));
    },
    async snapshot(q: SnapshotQuery): Promise<SnapshotDto> {
      cluster(q.cluster);
      const kinds = appliesTo();
      if (q.at !== undefined) return pastSnapshot({ ...q, at: q.at }, kinds);
      const samples = (await latest(q.cluster))
        .filter((s) => seriesInView(q.view, { metric: s.metric, labels: s.labels, appliesTo: kinds.get(s.metric), targetKind: s.kind }, q.partitions))
        .map(({ kind: _kind, ...s }) => s);
      return { cluster: q.cluster, view: q.view, ts: now(), targets: targetDtos(q.cluster).filter((t) => kindInView(t.kind, q.view)), samples };
    },
    async series(q: SeriesQuery): Promise<SeriesResponseDto> {
      cluster(q.cluster);
      const entry = live.catalog().find((e) => e.id === q.metric);
      if (!entry) throw notFound(`unknown metric "${q.metric}"`);
      // samples inside [from, to]: whole seconds, as stored
      const fromSec = Math.ceil(q.from / 1000);
      const toSec = Math.floor(q.to / 1000);
      // kind=: the targets of that kind the store knows (past ones too), not the live list
      const targets = q.kind === undefined ? q.targets : narrowToKind(q.targets, await guarded(() => targetKeysOfKind(pool, q.cluster, q.kind as string)));
      const range =
        fromSec > toSec || (q.kind !== undefined && targets.length === 0)
          ? { source: 'raw' as const, series: [] }
          : await guarded(() =>
              readSeriesRange(pool, {
                clusterId: q.cluster,
                metric: q.metric,
                targets,
                labels: q.labels,
                fromSec,
                toSec,
                stepSec: q.step,
                agg: q.agg,
                maxSeries: MAX_SERIES,
                nowSec: Math.floor(now() / 1000),
                retention: opts.retention ?? DEFAULT_RETENTION,
              }),
            );
      const out: SeriesDto[] = range.series.map((s) => ({
        target: s.target,
        labels: s.labels,
        points: s.points.map(([t, v]): [number, number] => [t * 1000, v]),
      }));
      return {
        metric: q.metric,
        unit: entry.unit,
        from: q.from,
        to: q.to,
        step: q.step,
        agg: q.agg,
        source: range.source,
        series: q.by === null ? out : sumBy(out, q.by),
      };
    },
    async consumerGroups(q): Promise<ConsumerGroupDto[]> {
      cluster(q.cluster);
      const values = q.at === undefined ? await latest(q.cluster) : (await storeAt(q.cluster, q.at)).values.map(toSampleDto);
      return buildConsumerGroups(values.filter((s) => s.metric.startsWith('kafka.consumer_group.')));
    },
    async alerts(cid) {
      cluster(cid);
      return live.alerts(cid);
    },
    async events(q) {
      cluster(q.cluster);
      return live.events(q);
    },
    async status(): Promise<StatusDto> {
      const w = live.writer();
      return {
        jobs: live.jobs(),
        targets: live.health().map((h) => ({ ...h, state: h.state })),
        writer: {
          buffered: w?.buffered ?? 0,
          written: w?.written ?? 0,
          dropped: w?.dropped ?? 0,
          mysqlUp: w?.mysqlUp ?? false,
          lastError: w?.lastError ?? null,
        },
        webhooks: live.webhooks?.() ?? [],
        seriesLimits: live.seriesLimits?.() ?? { dropped: 0, droppedByTarget: {}, limited: [] },
        events: live.eventBacklog?.() ?? { pending: 0, dropped: 0, refused: 0 },
      };
    },
  };
}
