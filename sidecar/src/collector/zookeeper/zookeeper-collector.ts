/**
 * Collects a ZooKeeper server's own view of itself: AdminServer `monitor` when configured,
 * else `mntr` over the client port. Values are matched to catalogue entries by key (3.6+ names).
 * Derived keys: `up` (1, or 0 with a failed result when the server does not answer), `is_leader`,
 * `server_state_code` (standalone 0, observer 1, follower 2, leader 3). Keys only the leader
 * reports (`leaderOnly`) are simply absent on followers: not a warning.
 */
import type { Logger } from '../../log/logger';
import { CollectorError, type CatalogEntry, type CollectionResult, type Sample, type Target } from '../../model';
import { canonicalLabels } from '../../store/canonical-labels';
import type { CounterRates } from '../rates';
import { fetchAdminCommand } from './admin-server';
import { sendFourLetterWord } from './four-letter-word';
import { parseMetricKey } from './metric-key';
import { parseMntrDetailed, parseMonitorJsonDetailed, type MonitorValues } from './mntr-parser';

export interface ZookeeperCollectorOptions {
  entries: CatalogEntry[];
  timeoutMs: number;
  rates: CounterRates;
  log: Logger;
}

const STATE_CODES: Record<string, number> = { standalone: 0, observer: 1, follower: 2, leader: 3 };

/** Pure: derived values from the monitor output. */
export function derivedValues(values: MonitorValues): Map<string, number> {
  const out = new Map<string, number>([['up', 1]]);
  const state = values.get('server_state');
  if (typeof state === 'string') {
    out.set('is_leader', state === 'leader' ? 1 : 0);
    const code = STATE_CODES[state];
    if (code !== undefined) out.set('server_state_code', code);
  }
  return out;
}

/** Pure: monitor values → samples for the catalogue's zk-command entries. */
export function monitorSamples(target: Target, values: MonitorValues, entries: CatalogEntry[], now: number, rates: CounterRates): { samples: Sample[]; warnings: string[] } {
  const derived = derivedValues(values);
  const samples: Sample[] = [];
  const warnings: string[] = [];
  const byName = new Map<string, { labels: Record<string, string>; value: number }[]>();
  for (const [raw, v] of values) {
    if (typeof v !== 'number') continue;
    const k = parseMetricKey(raw);
    if (!k) continue;
    const list = byName.get(k.name) ?? [];
    list.push({ labels: k.labels, value: v });
    byName.set(k.name, list);
  }
  for (const e of entries) {
    if (e.source.kind !== 'zk-command') continue;
    const key = e.source.key;
    const found = derived.has(key) ? [{ labels: {}, value: derived.get(key) as number }] : byName.get(key);
    if (!found) {
      if (!e.source.leaderOnly && !derived.has(key) && !['is_leader', 'server_state_code'].includes(key)) warnings.push(`${e.id}: key ${key} not in monitor output`);
      continue;
    }
    for (const f of found) {
      const value = e.type === 'counter' ? rates.observe(`${target.clusterId}/${target.key}/${e.id}/${canonicalLabels(f.labels)}`, now, f.value) : f.value;
      if (value !== undefined && Number.isFinite(value)) samples.push({ clusterId: target.clusterId, target: target.key, metric: e.id, labels: f.labels, ts: now, value });
    }
  }
  return { samples, warnings };
}

export function createZookeeperCollector(opts: ZookeeperCollectorOptions) {
  const upEntry = opts.entries.find((e) => e.source.kind === 'zk-command' && e.source.key === 'up');
  return async (target: Target, tick: { tickNo: number; now: number }): Promise<CollectionResult> => {
    const startedAt = Date.now();
    const base = { clusterId: target.clusterId, target: target.key, startedAt };
    try {
      let values: MonitorValues;
      const warnings: string[] = [];
      if (target.adminUrl) {
        const parsed = parseMonitorJsonDetailed(await fetchAdminCommand(target.adminUrl, 'monitor', opts.timeoutMs));
        if (parsed.error) throw new CollectorError('NOT_SERVING', `${target.key}: ${parsed.error}`, true);
        values = parsed.values;
      } else if (target.clientAddress) {
        values = parseMntrDetailed(await sendFourLetterWord(target.clientAddress, 'mntr', opts.timeoutMs)).values;
      } else {
        throw new CollectorError('CONFIG', `${target.key} has neither an AdminServer URL nor a client address`, false);
      }
      if (values.size === 0) throw new CollectorError('BAD_RESPONSE', `${target.key}: empty monitor output`, true);
      const r = monitorSamples(target, values, opts.entries, tick.now, opts.rates);
      return { ...base, ok: true, durationMs: Date.now() - startedAt, samples: r.samples, warnings: [...warnings, ...r.warnings] };
    } catch (err) {
      const error = err instanceof CollectorError ? err : new CollectorError('INTERNAL', String(err), true);
      // A server that does not answer is a fact worth charting: up = 0.
      const samples: Sample[] = upEntry ? [{ clusterId: target.clusterId, target: target.key, metric: upEntry.id, labels: {}, ts: tick.now, value: 0 }] : [];
      return { ...base, ok: false, durationMs: Date.now() - startedAt, samples, warnings: [], error };
    }
  };
}
