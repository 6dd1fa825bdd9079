/** Which timeline events a webhook wants (pure). */
import type { EVENT_KINDS } from '../config/schema';
import type { TimelineEvent } from '../core/timeline-event';

export type Severity = TimelineEvent['severity'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface EventFilter {
  minSeverity: Severity;
  /** Kinds sent; undefined = every kind. */
  kinds?: ReadonlySet<string>;
}

/** Pure: the event is at least `minSeverity` and of one of the kinds (when kinds are given). */
export function wants(filter: EventFilter, e: TimelineEvent): boolean {
  return RANK[e.severity] >= RANK[filter.minSeverity] && (!filter.kinds || filter.kinds.has(e.kind));
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: the config's list of kinds (notify.webhooks[].kinds) is exactly TimelineEvent's. */
export const CONFIG_KINDS_MATCH_TIMELINE: Same<(typeof EVENT_KINDS)[number], TimelineEvent['kind']> = true;
