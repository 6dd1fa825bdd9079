/** The outcome of collecting one target once, and the error a collector reports. */
import type { Sample, Target } from './model';

/** Result of collecting one target once. A failed target carries an error and no samples. */
export interface CollectionResult {
  clusterId: string;
  target: string;
  ok: boolean;
  startedAt: number;
  durationMs: number;
  samples: Sample[];
  /** Per-request problems inside an otherwise successful bulk (e.g. an MBean missing). */
  warnings: string[];
  /** Values the target answered that were not finite or outside their entry's bounds (not samples). */
  rejected?: Rejections;
  error?: CollectorError;
}

/** One scheduled run of a collection job. */
export interface Tick {
  tickNo: number;
  /** Collection time stamped on every sample (ms since epoch). */
  now: number;
}

/** What every collector is to the engine: collect one target once; never rejects for a target's fault (the error is in the result). */
export type CollectFn = (target: Target, tick: Tick) => Promise<CollectionResult>;

/** Values rejected in one collection: how many, and why the last one was. */
export interface Rejections {
  count: number;
  lastReason: string;
}

/** A failed collection of `target` that never started (bad config, collector bug). */
export function failedResult(target: Pick<Target, 'clusterId' | 'key'>, error: CollectorError): CollectionResult {
  return { clusterId: target.clusterId, target: target.key, ok: false, startedAt: Date.now(), durationMs: 0, samples: [], warnings: [], error };
}

/** Error with a retriable flag, in the spirit of kafkajs. */
export class CollectorError extends Error {
  readonly retriable: boolean;
  readonly code: string;
  constructor(code: string, message: string, retriable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CollectorError';
    this.code = code;
    this.retriable = retriable;
  }
}
