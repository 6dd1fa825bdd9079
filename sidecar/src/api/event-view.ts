/** Pure: a recorded timeline event as the API and the socket show it. */
import type { EventDto } from './dto';
import type { TimelineEvent } from '../core/timeline-event';

/** @param metricOfRule the metric an alert rule watches (alert events get it as `metric`). */
export function toEventDto(e: TimelineEvent, metricOfRule: (ruleId: string) => string | undefined): EventDto {
  return {
    id: e.id ?? null,
    ts: e.ts,
    kind: e.kind,
    severity: e.severity,
    subject: e.subject,
    ruleId: e.ruleId ?? null,
    metric: (e.ruleId ? metricOfRule(e.ruleId) : undefined) ?? null,
    value: e.value ?? null,
    message: e.message,
  };
}
