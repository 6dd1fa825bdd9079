/**
 * The timeline event of a series limit being hit or cleared (store/series-limits.ts): one per
 * change, never per cycle. Pure.
 */
import type { TimelineEvent } from '../core/timeline-event';
import type { SeriesLimitChange } from '../store/series-limits';

const CONFIG_KEY = { target: 'limits.newSeriesPerTargetPerCycle', cluster: 'limits.seriesPerCluster' } as const;

export function seriesLimitEvent(c: SeriesLimitChange): TimelineEvent {
  const subject = c.scope === 'target' ? `target=${c.target ?? ''}` : 'cluster';
  const what = c.scope === 'target' ? `${c.target ?? ''}: more than ${c.limit} new series in one cycle` : `cluster ${c.clusterId}: ${c.limit} series in all`;
  const message =
    c.state === 'hit'
      ? `Series limit reached, ${what} (${CONFIG_KEY[c.scope]}); samples of further new series are dropped`
      : `Series limit no longer dropping samples, ${what}; ${c.dropped} samples were dropped`;
  return { clusterId: c.clusterId, ts: c.ts, kind: 'series-limit', severity: c.state === 'hit' ? 'warning' : 'info', subject, value: c.dropped, message };
}
