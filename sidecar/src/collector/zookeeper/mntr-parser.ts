/**
 * Parsers for ZooKeeper's monitor output, in both of its shapes:
 * - the `mntr` four-letter word: lines `zk_<key>\t<value>`;
 * - AdminServer `GET /commands/monitor`: a JSON object whose keys are the mntr keys without `zk_`,
 *   plus `command` and `error`.
 *
 * Both give the same `MonitorValues` map:
 * - keys without `zk_`; Prometheus-form keys (`zk_fsynctime{quantile="0.5"}`) are stored in the
 *   canonical form of metric-key.ts (`fsynctime{quantile="0.5"}`, label names sorted);
 * - numbers as numbers (including Java's `NaN` / `Infinity`, which a Prometheus quantile with no
 *   observations prints), everything else (`version`, `server_state`) as strings;
 * - 3.6+ renamed `followers` to `learners`: when only `followers` is present it is also exposed as
 *   `learners` (both keys then exist), so catalogue entries can name `learners` for any version;
 * - lines/fields that do not fit are ignored and counted as garbage; a duplicate key keeps the
 *   last value. Hostile input never throws.
 */
import { canonicalKey } from './metric-key';

export type MonitorValue = number | string;
export type MonitorValues = Map<string, MonitorValue>;

export interface MonitorParseResult {
  values: MonitorValues;
  /** Lines (mntr) or fields (JSON) that were ignored. */
  garbage: number;
  /** Up to five ignored lines/keys, each cut to 120 characters, for warnings. */
  garbageSamples: string[];
  /** AdminServer's `error` field when it is not null (e.g. "not currently serving requests"). */
  error?: string;
}

/** Most values kept from one answer (a real 3.8 server has ~100; Prometheus mode a few hundred). */
export const MAX_MONITOR_KEYS = 20_000;
const MAX_GARBAGE_SAMPLES = 5;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Number for a numeric text (Java's `NaN`, `Infinity`, `-Infinity` included), else undefined. */
export function numericValue(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (t === 'NaN') return NaN;
  if (t === 'Infinity' || t === '+Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  return undefined;
}

class ResultBuilder {
  readonly values: MonitorValues = new Map();
  garbage = 0;
  readonly garbageSamples: string[] = [];

  reject(what: string): void {
    this.garbage++;
    if (this.garbageSamples.length < MAX_GARBAGE_SAMPLES) this.garbageSamples.push(what.slice(0, 120));
  }

  put(rawKey: string, value: MonitorValue): void {
    const key = canonicalKey(rawKey);
    if (key === null) return this.reject(rawKey);
    if (this.values.size >= MAX_MONITOR_KEYS && !this.values.has(key)) return this.reject(rawKey);
    this.values.set(key, value);
  }

  finish(error?: string): MonitorParseResult {
    const followers = this.values.get('followers');
    if (followers !== undefined && !this.values.has('learners')) this.values.set('learners', followers);
    const r: MonitorParseResult = { values: this.values, garbage: this.garbage, garbageSamples: this.garbageSamples };
    if (error !== undefined) r.error = error;
    return r;
  }
}

/** Parses `mntr` text with garbage accounting. */
export function parseMntrDetailed(text: string): MonitorParseResult {
  const b = new ResultBuilder();
  if (typeof text !== 'string') {
    b.reject(String(typeof text));
    return b.finish();
  }
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    if (tab === -1 || !line.startsWith('zk_')) {
      b.reject(line);
      continue;
    }
    const key = line.slice(3, tab);
    const rawValue = line.slice(tab + 1);
    const num = numericValue(rawValue);
    b.put(key, num !== undefined ? num : rawValue.trim());
  }
  return b.finish();
}

/** `mntr` text → values (see the file comment for the rules). */
export function parseMntr(text: string): MonitorValues {
  return parseMntrDetailed(text).values;
}

/** Parses AdminServer's monitor JSON (already decoded) with garbage accounting and its `error` field. */
export function parseMonitorJsonDetailed(json: unknown): MonitorParseResult {
  const b = new ResultBuilder();
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    b.reject(Array.isArray(json) ? 'array' : String(json));
    return b.finish();
  }
  let error: string | undefined;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'command') continue;
    if (key === 'error') {
      if (value !== null && value !== undefined) error = typeof value === 'string' ? value : JSON.stringify(value);
      continue;
    }
    if (typeof value === 'number') b.put(key, value);
    else if (typeof value === 'string') {
      const num = numericValue(value);
      b.put(key, num !== undefined ? num : value);
    } else b.reject(key);
  }
  return b.finish(error);
}

/** AdminServer monitor JSON → values (same shape as `parseMntr`). */
export function parseMonitorJson(json: unknown): MonitorValues {
  return parseMonitorJsonDetailed(json).values;
}
