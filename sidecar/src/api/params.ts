/**
 * Pure parsing and validation of request parameters into typed queries. Every problem is a
 * 400 `BAD_PARAMETER` naming the parameter. Values that can hold anything (label values) are
 * only ever used as values, never as SQL or HTML; identifiers (cluster, metric, target, label
 * names) must match the same formats the config and catalogue enforce.
 */
import { TARGET_KINDS } from '../core/target';
import type { Labels, TargetKind } from '../core/model';
import type { Agg, View } from './dto';
import { ApiError, badParameter } from './errors';
import type { ConsumerGroupsQuery, EventsQuery, SeriesQuery, SnapshotQuery } from './ports';

export const VIEWS: readonly View[] = ['kafka', 'zookeeper'];
export const AGGS: readonly Agg[] = ['avg', 'min', 'max', 'sum', 'last'];

export const CLUSTER_ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;
export const TARGET_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const METRIC_ID_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const LABEL_NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const MAX_METRIC_LENGTH = 128;
const MAX_LABEL_VALUE_LENGTH = 512;
const MAX_LABEL_FILTERS = 16;
const MAX_TARGETS = 500;
const MAX_BY_DIMS = 8;

export const DEFAULT_RANGE_MS = 15 * 60_000;
export const MAX_WINDOW_MS = 400 * 86_400_000;
export const DEFAULT_MAX_POINTS = 300;
export const MAX_MAX_POINTS = 2000;
/** One point could only be promised for windows inside one aligned bucket: at least two. */
export const MIN_MAX_POINTS = 2;
export const MAX_STEP_S = 400 * 86_400;
/** Smallest step chosen automatically (the default collection interval). */
export const MIN_AUTO_STEP_S = 10;
/** Latest accepted time (2100-01-01): guards against typos of a few digits too many. */
const MAX_TIME_MS = 4_102_444_800_000;
const NICE_STEPS_S = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Parameters accepted by every endpoint (auth fallback, Ext's cache buster). */
const ALWAYS_ALLOWED = ['token', '_dc'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

function attempt<T>(fn: () => T): Parsed<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err };
    throw err;
  }
}

/** A parameter name as it may appear in a message (hostile names are cut short, JSON-encoded by the caller). */
function shown(name: string): string {
  return name.length > 64 ? name.slice(0, 64) + '…' : name;
}

/** The single value of a parameter; repeated → 400. */
function single(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw badParameter(name, 'must be given once');
  return all[0];
}

/** Rejects parameters the endpoint does not know (catches typos like `lable.topic`). */
export function rejectUnknown(q: URLSearchParams, allowed: readonly string[], prefixes: readonly string[] = []): void {
  for (const name of new Set(q.keys())) {
    if (allowed.includes(name) || ALWAYS_ALLOWED.includes(name)) continue;
    if (prefixes.some((p) => name.startsWith(p))) continue;
    throw badParameter(shown(name), 'unknown parameter');
  }
}

export function checkCluster(raw: string): string {
  if (!CLUSTER_ID_RE.test(raw)) throw badParameter('cluster', 'must be 1-64 letters, digits, dot, dash or underscore');
  return raw;
}

export function parseClusterParam(raw: string, q: URLSearchParams): Parsed<string> {
  return attempt(() => {
    rejectUnknown(q, []);
    return checkCluster(raw);
  });
}

/** Only the auth/caching parameters are accepted (endpoints without parameters). */
export function parseNoParams(q: URLSearchParams): Parsed<null> {
  return attempt(() => {
    rejectUnknown(q, []);
    return null;
  });
}

/** A time in ms since epoch (digits) or ISO-8601 (`2024-05-01`, `2024-05-01T10:00:00Z`, with offset). */
export function parseTime(param: string, raw: string): number {
  const s = raw.trim();
  let ms: number;
  if (/^\d{1,16}$/.test(s)) ms = Number(s);
  else if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) ms = Date.parse(s.replace(' ', 'T'));
  else throw badParameter(param, 'must be a time in ms or ISO-8601');
  if (!Number.isFinite(ms)) throw badParameter(param, 'must be a time in ms or ISO-8601');
  if (ms < 0 || ms > MAX_TIME_MS) throw badParameter(param, 'is out of range (1970 to 2100)');
  return ms;
}

function parseIntParam(param: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,12}$/.test(raw.trim())) throw badParameter(param, `must be a whole number between ${min} and ${max}`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw badParameter(param, `must be a whole number between ${min} and ${max}`);
  return n;
}

function parseEnum<T extends string>(param: string, raw: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(raw)) throw badParameter(param, `must be one of ${values.join(', ')}`);
  return raw as T;
}

function parseBool(param: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw badParameter(param, 'must be 1 or 0');
}

/** `at` may be this far ahead of the sidecar's clock (browser clocks drift a little); further is a 400. */
export const AT_CLOCK_SKEW_MS = 5_000;

/** The time machine's `at` (ms or ISO, given once, not in the future); undefined when absent (= now). */
function parseAt(q: URLSearchParams, now: number): number | undefined {
  const rawAt = single(q, 'at');
  const at = rawAt === undefined ? undefined : parseTime('at', rawAt);
  if (at !== undefined && at > now + AT_CLOCK_SKEW_MS) throw badParameter('at', 'must not be in the future');
  return at;
}

/** `/clusters/:cid/snapshot?view&partitions&at`: `at` (ms or ISO, not in the future) asks for the snapshot as of then. */
export function parseSnapshotQuery(cluster: string, q: URLSearchParams, now: number = Date.now()): Parsed<SnapshotQuery> {
  return attempt(() => {
    rejectUnknown(q, ['view', 'partitions', 'at']);
    const c = checkCluster(cluster);
    const rawView = single(q, 'view');
    if (rawView === undefined) throw badParameter('view', `is required (${VIEWS.join(' or ')})`);
    const view = parseEnum<View>('view', rawView, VIEWS);
    const at = parseAt(q, now);
    return { cluster: c, view, partitions: parseBool('partitions', single(q, 'partitions')), ...(at !== undefined ? { at } : {}) };
  });
}

/** `/clusters/:cid/consumer-groups?at`: `at` validated as the snapshot's; absent = the latest values. */
export function parseConsumerGroupsQuery(cluster: string, q: URLSearchParams, now: number = Date.now()): Parsed<ConsumerGroupsQuery> {
  return attempt(() => {
    rejectUnknown(q, ['at']);
    const c = checkCluster(cluster);
    const at = parseAt(q, now);
    return { cluster: c, ...(at !== undefined ? { at } : {}) };
  });
}

/** Smallest "nice" step (s) whose buckets over [from, to] number at most maxPoints, never below minStep. */
export function chooseStep(fromMs: number, toMs: number, maxPoints: number, minStep = MIN_AUTO_STEP_S): number {
  const fits = (s: number) => bucketCount(fromMs, toMs, s) <= maxPoints;
  const nice = NICE_STEPS_S.find((s) => s >= minStep && fits(s));
  if (nice !== undefined) return nice;
  const raw = Math.max(minStep, Math.ceil((toMs - fromMs) / 1000 / maxPoints));
  for (let days = Math.max(1, Math.ceil(raw / 86400)); days * 86400 < MAX_STEP_S; days++) {
    if (fits(days * 86400)) return days * 86400;
  }
  return MAX_STEP_S;
}

/** Number of step buckets touched by [from, to]. */
export function bucketCount(fromMs: number, toMs: number, step: number): number {
  const first = Math.floor(fromMs / 1000 / step);
  const last = Math.floor(toMs / 1000 / step);
  return last - first + 1;
}

function parseTargets(q: URLSearchParams): string[] {
  const out: string[] = [];
  for (const raw of q.getAll('target')) {
    for (const key of raw.split(',')) {
      const k = key.trim();
      if (!TARGET_KEY_RE.test(k)) throw badParameter('target', 'must be a target key (letters, digits, dot, dash, underscore)');
      if (!out.includes(k)) out.push(k);
    }
  }
  if (out.length > MAX_TARGETS) throw badParameter('target', `at most ${MAX_TARGETS} targets`);
  return out;
}

function parseLabelFilters(q: URLSearchParams): Labels {
  const labels: Labels = {};
  let n = 0;
  for (const name of new Set(q.keys())) {
    if (!name.startsWith('label.')) continue;
    const label = name.slice('label.'.length);
    if (!LABEL_NAME_RE.test(label)) throw badParameter(shown(name), 'label name must be letters, digits, dot, dash or underscore');
    const value = single(q, name) ?? '';
    if (value.length > MAX_LABEL_VALUE_LENGTH) throw badParameter(shown(name), `value longer than ${MAX_LABEL_VALUE_LENGTH} characters`);
    labels[label] = value;
    if (++n > MAX_LABEL_FILTERS) throw badParameter('label', `at most ${MAX_LABEL_FILTERS} label filters`);
  }
  return labels;
}

function parseBy(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const dims: string[] = [];
  for (const part of raw.split(',')) {
    const d = part.trim();
    if (d === '') continue;
    if (!LABEL_NAME_RE.test(d)) throw badParameter('by', 'must be a comma list of `target` and label names');
    if (!dims.includes(d)) dims.push(d);
  }
  if (dims.length > MAX_BY_DIMS) throw badParameter('by', `at most ${MAX_BY_DIMS} dimensions`);
  return dims;
}

export function parseSeriesQuery(cluster: string, q: URLSearchParams, now: number): Parsed<SeriesQuery> {
  return attempt(() => {
    rejectUnknown(q, ['metric', 'target', 'kind', 'from', 'to', 'step', 'agg', 'by', 'maxPoints'], ['label.']);
    const c = checkCluster(cluster);
    const metric = single(q, 'metric');
    if (metric === undefined || metric === '') throw badParameter('metric', 'is required');
    if (metric.length > MAX_METRIC_LENGTH || !METRIC_ID_RE.test(metric)) {
      throw badParameter('metric', 'must be a catalogue id like kafka.broker.bytes_in');
    }
    const rawTo = single(q, 'to');
    const rawFrom = single(q, 'from');
    const to = rawTo === undefined ? now : parseTime('to', rawTo);
    const from = rawFrom === undefined ? to - DEFAULT_RANGE_MS : parseTime('from', rawFrom);
    if (from >= to) throw badParameter('from', 'must be before to');
    if (to - from > MAX_WINDOW_MS) throw badParameter('from', `window longer than ${MAX_WINDOW_MS / 86_400_000} days`);
    const rawMax = single(q, 'maxPoints');
    const maxPoints = rawMax === undefined ? DEFAULT_MAX_POINTS : parseIntParam('maxPoints', rawMax, MIN_MAX_POINTS, MAX_MAX_POINTS);
    const rawStep = single(q, 'step');
    let step: number;
    if (rawStep === undefined || rawStep === '') {
      step = chooseStep(from, to, maxPoints);
    } else {
      step = parseIntParam('step', rawStep, 1, MAX_STEP_S);
      const n = bucketCount(from, to, step);
      if (n > maxPoints) throw badParameter('step', `gives ${n} points over the window, more than maxPoints (${maxPoints})`);
    }
    const rawAgg = single(q, 'agg');
    const agg = rawAgg === undefined || rawAgg === '' ? 'avg' : parseEnum<Agg>('agg', rawAgg, AGGS);
    const rawKind = single(q, 'kind');
    const kind = rawKind === undefined || rawKind === '' ? undefined : parseEnum<TargetKind>('kind', rawKind, TARGET_KINDS);
    return {
      cluster: c,
      metric,
      targets: parseTargets(q),
      ...(kind !== undefined ? { kind } : {}),
      labels: parseLabelFilters(q),
      from,
      to,
      step,
      agg,
      by: parseBy(single(q, 'by')),
      maxPoints,
    };
  });
}

export const EVENT_SEVERITIES = ['info', 'warning', 'critical'] as const;

/** A comma list parameter (repeatable too), each item checked. */
function csvList(q: URLSearchParams, name: string, check: (item: string) => boolean, what: string): string[] {
  const items = q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const i of items) if (!check(i)) throw badParameter(name, `"${i.slice(0, 40)}" is not ${what}`);
  return [...new Set(items)];
}

/** `/clusters/:cid/events?from&to&limit&severity&kind&subject`: default the last 24 hours, at most 1000 events. */
export function parseEventsQuery(cluster: string, q: URLSearchParams, now: number): Parsed<EventsQuery> {
  return attempt(() => {
    rejectUnknown(q, ['from', 'to', 'limit', 'severity', 'kind', 'subject']);
    const c = checkCluster(cluster);
    const severities = csvList(q, 'severity', (v) => (EVENT_SEVERITIES as readonly string[]).includes(v), `one of ${EVENT_SEVERITIES.join(', ')}`);
    const kinds = csvList(q, 'kind', (v) => /^[a-z][a-z-]{0,31}$/.test(v), 'an event kind (lower-case letters and -)');
    const subject = single(q, 'subject');
    if (subject !== undefined && subject.length > 300) throw badParameter('subject', 'must be at most 300 characters');
    const rawTo = single(q, 'to');
    const rawFrom = single(q, 'from');
    const to = rawTo === undefined ? now : parseTime('to', rawTo);
    const from = rawFrom === undefined ? to - 86_400_000 : parseTime('from', rawFrom);
    if (from >= to) throw badParameter('from', 'must be before to');
    const rawLimit = single(q, 'limit');
    const limit = rawLimit === undefined ? 200 : parseIntParam('limit', rawLimit, 1, 1000);
    return { cluster: c, from, to, limit, severities, kinds, ...(subject ? { subject } : {}) };
  });
}
