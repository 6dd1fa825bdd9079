/**
 * Pure: ZooKeeper monitor values → samples for the catalogue's `zk-command` entries.
 * An entry matches by `source.key` (mntr key without `zk_`, 3.6+ names); Prometheus-form keys
 * (`fsynctime{quantile="0.5"}`) match by name and keep their labels. Derived keys:
 * - `up`: 1 here (the collector emits 0 itself when no source answered);
 * - `is_leader`: 1 on the leader and on a standalone server (the one server deciding writes, so
 *   "sum over the ensemble = 1" holds for both), else 0;
 * - `server_state_code`: standalone 0, observer 1, follower 2, leader 3;
 * - `dir_growth_unpurged`: set by the collector from the AdminServer `dirs` command (absent until known).
 * Keys only the leader reports (`leaderOnly`) are silently absent elsewhere; any other missing
 * key is a warning. Counters go through a CounterRates (no sample on the first observation).
 */
import { canonicalLabels } from '../../core/labels';
import type { CatalogEntry, Labels, Sample, Target } from '../../core/model';
import type { CounterRates } from '../rates';
import { parseMetricKey } from './metric-key';
import type { MonitorValues } from './mntr-parser';

/** `server_state` → `server_state_code`. */
export const SERVER_STATE_CODES: Readonly<Record<string, number>> = { standalone: 0, observer: 1, follower: 2, leader: 3 };

/** Keys the collector derives rather than reads. */
export const DERIVED_KEYS: readonly string[] = ['up', 'is_leader', 'server_state_code', 'dir_growth_unpurged'];

/** Pure: derived values (`up` = 1, `is_leader`, `server_state_code`) from monitor values. */
export function derivedValues(values: MonitorValues): Map<string, number> {
  const out = new Map<string, number>([['up', 1]]);
  const state = values.get('server_state');
  if (typeof state === 'string') {
    out.set('is_leader', state === 'leader' || state === 'standalone' ? 1 : 0);
    const code = SERVER_STATE_CODES[state];
    if (code !== undefined) out.set('server_state_code', code);
  }
  return out;
}

interface Found {
  labels: Labels;
  value: number;
}

/** Numeric values grouped by key name (labels split off Prometheus-form keys). */
function numericByName(values: MonitorValues): Map<string, Found[]> {
  const byName = new Map<string, Found[]>();
  for (const [raw, v] of values) {
    if (typeof v !== 'number') continue;
    const k = parseMetricKey(raw);
    if (!k) continue;
    const list = byName.get(k.name);
    if (list) list.push({ labels: k.labels, value: v });
    else byName.set(k.name, [{ labels: k.labels, value: v }]);
  }
  return byName;
}

/**
 * Pure apart from `rates` (which remembers counters): monitor values → samples, one per matching
 * entry (and label set). NaN is dropped silently (a Prometheus quantile with no observations prints
 * it); an infinite value is rejected and listed in `rejected`. Warnings name the
 * non-leader-only keys the server did not report.
 */
export function monitorSamples(
  target: Pick<Target, 'clusterId' | 'key'>,
  values: MonitorValues,
  entries: readonly CatalogEntry[],
  now: number,
  rates?: CounterRates,
): { samples: Sample[]; warnings: string[]; rejected: string[] } {
  const derived = derivedValues(values);
  const byName = numericByName(values);
  const samples: Sample[] = [];
  const warnings: string[] = [];
  const rejected: string[] = [];
  for (const e of entries) {
    if (e.source.kind !== 'zk-command') continue;
    const key = e.source.key;
    const d = derived.get(key);
    const found = d !== undefined ? [{ labels: {}, value: d }] : byName.get(key);
    if (!found) {
      // is_leader / server_state_code are missing only when server_state is: that is reported below
      if (!e.source.leaderOnly && !DERIVED_KEYS.includes(key)) warnings.push(`${e.id}: key ${key} not in monitor output`);
      continue;
    }
    for (const f of found) {
      if (Number.isNaN(f.value)) continue;
      if (!Number.isFinite(f.value)) {
        rejected.push(`${e.id}: not finite (${f.value})`);
        continue;
      }
      const value = e.type === 'counter' ? rates?.observe(`${target.clusterId}/${target.key}/${e.id}/${canonicalLabels(f.labels)}`, now, f.value) : f.value;
      if (value !== undefined && Number.isFinite(value))
        samples.push({ clusterId: target.clusterId, target: target.key, metric: e.id, labels: f.labels, ts: now, value });
    }
  }
  const wantsState = entries.some((e) => e.source.kind === 'zk-command' && (e.source.key === 'is_leader' || e.source.key === 'server_state_code'));
  if (wantsState && !derived.has('is_leader')) warnings.push('server_state not in monitor output: is_leader and server_state_code not derived');
  return { samples, warnings, rejected };
}

/** The sample `up = 0` for a server that did not answer (empty when no entry asks for `up`). */
export function downSamples(target: Pick<Target, 'clusterId' | 'key'>, entries: readonly CatalogEntry[], now: number): Sample[] {
  return entries
    .filter((e) => e.source.kind === 'zk-command' && e.source.key === 'up')
    .map((e) => ({ clusterId: target.clusterId, target: target.key, metric: e.id, labels: {}, ts: now, value: 0 }));
}
