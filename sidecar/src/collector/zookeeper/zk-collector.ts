/**
 * The ZooKeeper collector: one server's own view of itself, from the AdminServer `monitor`
 * command or, when that fails or is not configured, the `mntr` four-letter word (monitor-source.ts;
 * after an AdminServer failure mntr is asked first for ADMIN_RETRY_AFTER_MS),
 * turned into samples for the catalogue's `zk-command` entries (zk-samples.ts).
 * A server that does not answer yields a failed result carrying the sample `up = 0`.
 * When the AdminServer answered, its `dirs` command is read too (at most every DIRS_EVERY_MS) for
 * the derived `dir_growth_unpurged` (dir-growth.ts); a failed `dirs` read is only a warning.
 */
import type { Logger } from '../../log/logger';
import { CollectorError, type CollectFn } from '../../core/collection';
import type { CatalogEntry, Target } from '../../core/model';
import { RateTracker, type CounterRates } from '../rates';
import { defaultMonitorReaders, readMonitor, type MonitorReaders } from './monitor-source';
import { DirGrowthTracker } from './dir-growth';
import type { MonitorValues } from './mntr-parser';
import { downSamples, monitorSamples } from './zk-samples';
import { rejectionsOf } from '../plausibility';

export interface ZookeeperCollectorOptions {
  /** Catalogue entries; only `zk-command` ones are used. */
  entries: CatalogEntry[];
  /** Deadline of one source (AdminServer or mntr); a fallback may add a second one. */
  timeoutMs: number;
  log: Logger;
  /** Rate tracker for counter entries (shared with other collectors); a private one by default. */
  rates?: CounterRates;
  /** Source readers (tests inject fakes); AdminServer over HTTP and mntr over TCP by default. */
  readers?: MonitorReaders;
  /** Growth tracker of the data/log dirs; a private one with the one-day window by default. */
  dirGrowth?: DirGrowthTracker;
}

/** The `dirs` command lists both directories: read at most this often per server. */
export const DIRS_EVERY_MS = 60_000;

/** The derived monitor key: bytes a data or log dir grew without shrinking for a whole window. */
export const DIR_GROWTH_KEY = 'dir_growth_unpurged';

/**
 * After the AdminServer failed and `mntr` answered, `mntr` is asked first for this long, so a
 * firewalled AdminServer does not cost a timeout on every tick; then the AdminServer is tried again.
 */
export const ADMIN_RETRY_AFTER_MS = 60_000;

/** Collects one ZooKeeper target once. Never rejects. */

/** Creates the ZooKeeper collector (see the file comment). The returned function never throws. */
export function createZookeeperCollector(opts: ZookeeperCollectorOptions): CollectFn {
  const entries = opts.entries.filter((e) => e.source.kind === 'zk-command');
  const rates = opts.rates ?? new RateTracker();
  const readers = opts.readers ?? defaultMonitorReaders;
  /** Last outcome per target id, to log transitions only (bounded by the number of targets). */
  const lastUp = new Map<string, boolean>();
  /** Per target id: until when `mntr` is asked first because the AdminServer failed while mntr answered. */
  const adminBackoffUntil = new Map<string, number>();
  const growth = opts.dirGrowth ?? new DirGrowthTracker();
  /** Per target id: when `dirs` was last read. */
  const dirsReadAt = new Map<string, number>();

  /** `values` plus `dir_growth_unpurged` (the larger of the two dirs) when due and known; a warning when `dirs` failed. */
  const withDirGrowth = async (id: string, adminUrl: string, now: number, values: MonitorValues): Promise<{ values: MonitorValues; warning?: string }> => {
    const readDirs = readers.dirs;
    if (!readDirs || now - (dirsReadAt.get(id) ?? -Infinity) < DIRS_EVERY_MS) return { values };
    dirsReadAt.set(id, now);
    try {
      const d = await readDirs(adminUrl, opts.timeoutMs);
      const data = growth.observe(`${id}/data`, now, d.dataDirBytes);
      const log = growth.observe(`${id}/log`, now, d.logDirBytes);
      if (data === undefined || log === undefined) return { values };
      return { values: new Map(values).set(DIR_GROWTH_KEY, Math.max(data, log)) };
    } catch (err) {
      return { values, warning: `AdminServer dirs failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  };

  const transition = (target: Target, up: boolean, fields: Record<string, unknown>): void => {
    const id = `${target.clusterId}/${target.key}`;
    const before = lastUp.get(id);
    lastUp.set(id, up);
    if (before === up) return;
    if (up && before === false) opts.log.info('zookeeper server answers again', { target: id, ...fields });
    else if (!up) opts.log.warn('zookeeper server does not answer', { target: id, ...fields });
  };

  return async (target, tick) => {
    const startedAt = Date.now();
    const base = { clusterId: target.clusterId, target: target.key, startedAt };
    try {
      const id = `${target.clusterId}/${target.key}`;
      const mntrFirst = (adminBackoffUntil.get(id) ?? -Infinity) > tick.now;
      const reading = await readMonitor(target, opts.timeoutMs, readers, mntrFirst ? ['mntr', 'admin'] : ['admin', 'mntr']);
      if (reading.via === 'mntr' && target.adminUrl && !mntrFirst) adminBackoffUntil.set(id, tick.now + ADMIN_RETRY_AFTER_MS);
      else if (reading.via === 'admin') adminBackoffUntil.delete(id);
      const dirs = reading.via === 'admin' && target.adminUrl ? await withDirGrowth(id, target.adminUrl, tick.now, reading.values) : { values: reading.values };
      if (dirs.warning) reading.warnings.push(dirs.warning);
      const r = monitorSamples(target, dirs.values, entries, tick.now, rates);
      transition(target, true, { via: reading.via });
      if (reading.warnings.length) opts.log.debug('zookeeper monitor fallback', { target: target.key, warnings: reading.warnings });
      const rejected = rejectionsOf(r.rejected);
      return {
        ...base,
        ok: true,
        durationMs: Date.now() - startedAt,
        samples: r.samples,
        warnings: [...reading.warnings, ...r.warnings],
        ...(rejected ? { rejected } : {}),
      };
    } catch (err) {
      const error =
        err instanceof CollectorError ? err : new CollectorError('INTERNAL', err instanceof Error ? err.message : String(err), true, { cause: err });
      transition(target, false, { code: error.code, error: error.message });
      // A server that does not answer is a fact worth charting: up = 0 even though the collection failed.
      return { ...base, ok: false, durationMs: Date.now() - startedAt, samples: downSamples(target, entries, tick.now), warnings: [], error };
    }
  };
}
