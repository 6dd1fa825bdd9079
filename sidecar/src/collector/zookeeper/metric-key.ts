/**
 * Keys of ZooKeeper's monitor output. Plain keys are `avg_latency`; with the Prometheus
 * metrics provider on, summaries appear in Prometheus form: `fsynctime{quantile="0.5"}`,
 * `write_per_namespace{key="zookeeper",quantile="0.9"}`.
 *
 * Convention used everywhere in this folder: a labelled key is stored under its canonical
 * form, `name{a="x",b="y"}` with label names sorted and values escaped as Prometheus does
 * (`\\`, `\"`, `\n`). `parseMetricKey` splits either form into `{ name, labels }`.
 */
import type { Labels } from '../../core/model';

export interface MetricKey {
  /** Key name without `zk_` and without labels, e.g. `fsynctime`. */
  name: string;
  /** Labels of a Prometheus-form key; empty for plain keys. */
  labels: Labels;
}

const NAME = /^[A-Za-z0-9_.:-]+$/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits `name` or `name{k="v",...}`; null when the key is malformed. Never throws. */
export function parseMetricKey(raw: string): MetricKey | null {
  const brace = raw.indexOf('{');
  if (brace === -1) return NAME.test(raw) ? { name: raw, labels: {} } : null;
  const name = raw.slice(0, brace);
  if (!NAME.test(name) || !raw.endsWith('}')) return null;
  const labels = parseLabelBody(raw.slice(brace + 1, -1));
  return labels ? { name, labels } : null;
}

/** Parses `a="x",b="y"` (a trailing comma is allowed, as in Prometheus text format). */
function parseLabelBody(body: string): Labels | null {
  const labels: Labels = {};
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf('=', i);
    if (eq === -1) return null;
    const labelName = body.slice(i, eq).trim();
    if (!LABEL_NAME.test(labelName) || Object.prototype.hasOwnProperty.call(labels, labelName)) return null;
    if (body[eq + 1] !== '"') return null;
    let j = eq + 2;
    let value = '';
    for (; j < body.length && body[j] !== '"'; j++) {
      const c = body[j];
      if (c === '\\') {
        const next = body[j + 1];
        if (next === undefined) return null;
        value += next === 'n' ? '\n' : next;
        j++;
      } else {
        value += c;
      }
    }
    if (j >= body.length) return null; // unterminated value
    labels[labelName] = value;
    i = j + 1;
    if (body[i] === ',') i++;
    else if (i < body.length) return null;
  }
  return labels;
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Canonical key: `name` when there are no labels, else `name{a="x",b="y"}` with sorted label names. */
export function formatMetricKey(name: string, labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  return `${name}{${names.map((n) => `${n}="${escapeLabelValue(labels[n] ?? '')}"`).join(',')}}`;
}

/** Canonical form of a raw key, or null when malformed. */
export function canonicalKey(raw: string): string | null {
  const k = parseMetricKey(raw);
  return k ? formatMetricKey(k.name, k.labels) : null;
}
