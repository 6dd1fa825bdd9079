/**
 * Maps (cluster, target, metric, labels) to FL_DOF_SERIES.series_id, creating rows as new
 * series appear. Everything is cached in memory: after warm-up a batch needs no lookups.
 * New series are created in batches: `INSERT IGNORE` (so two sidecars or a retry never fail
 * on the unique key) then one `SELECT` of the ids, per chunk of {@link SERIES_CHUNK}.
 * With {@link SeriesRegistry.useLimits}, new series are created only within the limits of
 * store/series-limits.ts; the samples of the others resolve to `undefined` (dropped, counted).
 */
import { redactSecrets } from '../core/redact';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Logger } from '../log/logger';
import type { CatalogEntry, Sample, Target } from '../core/model';
import { canonicalLabels, labelsHash, seriesKey } from '../core/labels';
import { toStoreError } from './pool';
import { forgetOlderThan, type SweepSchedule } from '../core/forget-unseen';
import type { SeriesLimitChange, SeriesLimits } from './series-limits';

/** Longest canonical labels JSON stored (FL_DOF_SERIES.labels_json is VARCHAR(1000)). */
export const MAX_LABELS_JSON = 1000;
/** New series created per INSERT/SELECT round trip. */
export const SERIES_CHUNK = 1000;

/** A series to create and the samples (by index) waiting for its id. */
interface PendingSeries {
  targetId: number;
  metricId: number;
  canonical: string;
  hash: string;
  idx: number[];
  sample: Sample;
}

/** Cache of target, metric and series ids; one per sidecar (it assumes it is the only writer of its targets' rows). */
export class SeriesRegistry {
  private readonly targets = new Map<string, number>();
  private readonly metrics = new Map<string, number>();
  private readonly series = new Map<string, number>();
  /** Per cached series, the newest sample time it resolved (ms), for {@link forgetAfter}. */
  private readonly seenAt = new Map<string, number>();
  private forgetting?: SweepSchedule;
  private readonly warned = new Set<string>();
  private limits?: SeriesLimits;
  private onLimitChange: (changes: SeriesLimitChange[]) => void = () => undefined;

  constructor(
    private pool: Pool,
    private readonly log: Logger,
  ) {}

  /** Uses another pool from now on (the caches are kept: ids do not change). */
  setPool(pool: Pool): void {
    this.pool = pool;
  }

  /** Creates new series only within `limits` from now on; `onChange` hears each limit being hit and cleared. */
  useLimits(limits: SeriesLimits, onChange: (changes: SeriesLimitChange[]) => void): void {
    this.limits = limits;
    this.onLimitChange = onChange;
  }

  /**
   * Forgets cached series whose last sample is older than the schedule's `forgetAfterMs` (checked
   * by resolve(), at most as often as the schedule allows). A forgotten series that comes back is
   * looked up again (same id); without this the cache keeps every series ever seen.
   */
  forgetAfter(schedule: SweepSchedule): void {
    this.forgetting = schedule;
  }

  /** Creates or renames the cluster row (`cluster_id` = Flamingo ENGINE id). */
  async upsertCluster(clusterId: string, name: string): Promise<void> {
    await this.q('INSERT INTO FL_DOF_CLUSTER (cluster_id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), updated_at = CURRENT_TIMESTAMP', [
      clusterId,
      name,
    ]);
  }

  /** Creates or updates target rows (kind, origin, URLs, last_seen) and caches their ids. */
  async upsertTargets(targets: Target[]): Promise<void> {
    if (targets.length === 0) return;
    const url = (u: string | undefined): string | null => (u === undefined ? null : redactSecrets(u));
    const rows = targets.map((t) => [t.clusterId, t.key, t.kind, t.origin, url(t.jolokiaUrl), url(t.adminUrl), t.clientAddress ?? null]);
    await this.q(
      `INSERT INTO FL_DOF_TARGET (cluster_id, target_key, kind, origin, jolokia_url, admin_url, client_address) VALUES ?
       ON DUPLICATE KEY UPDATE kind = VALUES(kind), origin = VALUES(origin), jolokia_url = VALUES(jolokia_url),
         admin_url = VALUES(admin_url), client_address = VALUES(client_address), last_seen = CURRENT_TIMESTAMP`,
      [rows],
    );
    const clusters = [...new Set(targets.map((t) => t.clusterId))];
    const [found] = await this.q<RowDataPacket[]>('SELECT target_id, cluster_id, target_key FROM FL_DOF_TARGET WHERE cluster_id IN (?)', [clusters]);
    for (const r of found) this.targets.set(`${r.cluster_id}\u0000${r.target_key}`, Number(r.target_id));
  }

  /** Creates or updates FL_DOF_METRIC rows from catalogue entries and caches every metric id. */
  async upsertMetrics(entries: CatalogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const unique = new Map(entries.map((e) => [e.id, e]));
    const rows = [...unique.values()].map((e) => [
      e.id,
      e.unit,
      e.type,
      e.appliesTo,
      e.origin,
      e.description.en.slice(0, 500),
      (e.description.ko || e.description.en).slice(0, 500),
    ]);
    await this.q(
      `INSERT INTO FL_DOF_METRIC (metric_key, unit, type, applies_to, origin, description_en, description_ko) VALUES ?
       ON DUPLICATE KEY UPDATE unit = VALUES(unit), type = VALUES(type), applies_to = VALUES(applies_to), origin = VALUES(origin),
         description_en = VALUES(description_en), description_ko = VALUES(description_ko)`,
      [rows],
    );
    const [found] = await this.q<RowDataPacket[]>('SELECT metric_id, metric_key FROM FL_DOF_METRIC');
    for (const r of found) this.metrics.set(String(r.metric_key), Number(r.metric_id));
  }

  /**
   * Series ids for a batch, in order; `undefined` for a sample whose target or metric is not
   * registered, whose labels are too long (logged once per cause, never thrown) or whose series
   * is over a limit (counted in the limits).
   */
  async resolve(samples: Sample[]): Promise<(number | undefined)[]> {
    this.sweepIfDue();
    const out: (number | undefined)[] = new Array(samples.length);
    const create = new Map<string, PendingSeries>();
    samples.forEach((s, i) => {
      const canonical = canonicalLabels(s.labels);
      const key = seriesKey(s.clusterId, s.target, s.metric, canonical);
      const known = this.series.get(key);
      if (known !== undefined) {
        out[i] = known;
        if (s.ts > (this.seenAt.get(key) ?? -Infinity)) this.seenAt.set(key, s.ts);
        this.limits?.seen(s.clusterId, s.target, s.ts);
        return;
      }
      const targetId = this.targets.get(`${s.clusterId}\u0000${s.target}`);
      const metricId = this.metrics.get(s.metric);
      if (targetId === undefined || metricId === undefined || canonical.length > MAX_LABELS_JSON) {
        this.warnOnce(targetId === undefined ? `target:${s.clusterId}/${s.target}` : metricId === undefined ? `metric:${s.metric}` : `labels:${s.metric}`);
        return;
      }
      const pending = create.get(key);
      if (pending) pending.idx.push(i);
      else if (!this.limits || this.limits.admit(s.clusterId, s.target, s.ts))
        create.set(key, { targetId, metricId, canonical, hash: labelsHash(canonical), idx: [i], sample: s });
    });
    const pending = [...create.entries()];
    let from = 0;
    try {
      for (; from < pending.length; from += SERIES_CHUNK) await this.createChunk(pending.slice(from, from + SERIES_CHUNK), out);
    } catch (err) {
      // not created: their places under the limits are given back (the batch is retried later)
      for (const [, c] of pending.slice(from)) this.limits?.release(c.sample.clusterId, c.sample.target, c.sample.ts);
      throw err;
    } finally {
      const changes = this.limits?.takeChanges() ?? [];
      if (changes.length) this.onLimitChange(changes);
    }
    return out;
  }

  private async createChunk(chunk: [string, PendingSeries][], out: (number | undefined)[]): Promise<void> {
    const rows = chunk.map(([, c]) => [c.targetId, c.metricId, c.canonical, c.hash]);
    await this.q<ResultSetHeader>('INSERT IGNORE INTO FL_DOF_SERIES (target_id, metric_id, labels_json, labels_hash) VALUES ?', [rows]);
    // Row-constructor IN on the unique key (target_id, metric_id, labels_hash): a range lookup per tuple.
    const [found] = await this.q<RowDataPacket[]>(
      'SELECT series_id, target_id, metric_id, labels_hash FROM FL_DOF_SERIES WHERE (target_id, metric_id, labels_hash) IN (?)',
      [chunk.map(([, c]) => [c.targetId, c.metricId, c.hash])],
    );
    const byTuple = new Map(found.map((r) => [`${r.target_id}/${r.metric_id}/${r.labels_hash}`, Number(r.series_id)]));
    for (const [key, c] of chunk) {
      const id = byTuple.get(`${c.targetId}/${c.metricId}/${c.hash}`);
      if (id === undefined) {
        this.limits?.release(c.sample.clusterId, c.sample.target, c.sample.ts);
        continue;
      }
      this.series.set(key, id);
      this.seenAt.set(key, c.sample.ts);
      for (const i of c.idx) out[i] = id;
    }
  }

  /** Series ids cached so far. */
  get size(): number {
    return this.series.size;
  }

  private sweepIfDue(): void {
    const cutoff = this.forgetting?.due();
    if (cutoff === undefined) return;
    const gone = forgetOlderThan(this.seenAt, (ts) => ts, cutoff);
    const perCluster = new Map<string, number>();
    for (const key of gone) {
      this.series.delete(key);
      const clusterId = key.slice(0, key.indexOf('\u0000'));
      perCluster.set(clusterId, (perCluster.get(clusterId) ?? 0) + 1);
    }
    for (const [clusterId, n] of perCluster) this.limits?.forgotten(clusterId, n);
    if (gone.length) this.log.info('series not seen within retention forgotten', { forgotten: gone.length, kept: this.series.size });
  }

  private warnOnce(cause: string): void {
    if (this.warned.has(cause)) return;
    this.warned.add(cause);
    this.log.warn('samples skipped: not registered or labels too long', { cause });
  }

  private async q<T extends RowDataPacket[] | ResultSetHeader>(sql: string, values?: unknown[]): Promise<[T, unknown]> {
    try {
      return (await this.pool.query<T>(sql, values)) as [T, unknown];
    } catch (err) {
      throw toStoreError(err);
    }
  }
}
