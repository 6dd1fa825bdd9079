/**
 * The timeline events of the limits on series, one per change, never per cycle: new series
 * refused or accepted again (store/series-limits.ts), and a wildcard read of a target matching
 * more beans than `jolokia.maxBeansPerPattern` or within it again (collector/jolokia/bean-cap.ts).
 * Both are `series-limit`: series that are not stored. Pure.
 */
import type { TimelineEvent } from '../core/timeline-event';
import type { BeansCapChange } from '../collector/jolokia/bean-cap';
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

export function beansCapEvent(c: BeansCapChange): TimelineEvent {
  const message =
    c.state === 'hit'
      ? `${c.target}: ${c.mbean} matched ${c.beans} beans; the first ${c.limit} by name are kept (jolokia.maxBeansPerPattern)`
      : `${c.target}: ${c.mbean} matches at most ${c.limit} beans again`;
  return {
    clusterId: c.clusterId,
    ts: c.ts,
    kind: 'series-limit',
    severity: c.state === 'hit' ? 'warning' : 'info',
    subject: `target=${c.target}`,
    ...(c.state === 'hit' ? { value: c.beans } : {}),
    message,
  };
}
