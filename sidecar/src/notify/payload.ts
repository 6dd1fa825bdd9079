/**
 * Bodies POSTed to webhooks (pure). Event text is always data: `json` goes through JSON.stringify;
 * `slack` escapes Slack's control characters (`&`, `<`, `>`), so a group named `<!channel>` or
 * `<img src=x onerror=alert(1)>` is shown as written, never a mention, link or markup; newlines and
 * other control characters become spaces (one line per event).
 */
import type { TimelineEvent } from '../core/timeline-event';
import type { WebhookFormat } from '../core/webhook-stats';

/** Events per POST: `json` sends one event per request; `slack` joins up to this many lines into one message. */
export const SLACK_MAX_LINES = 20;
const MAX_LINE_CHARS = 1000;

export interface JsonPayload {
  source: 'doflamingo';
  cluster: string;
  event: {
    id?: number;
    ts: number;
    kind: TimelineEvent['kind'];
    severity: TimelineEvent['severity'];
    subject: string;
    ruleId: string | null;
    value: number | null;
    message: string;
  };
}

/** Pure: the `json` payload of one event. */
export function jsonPayload(e: TimelineEvent): JsonPayload {
  return {
    source: 'doflamingo',
    cluster: e.clusterId,
    event: {
      ...(e.id !== undefined ? { id: e.id } : {}),
      ts: e.ts,
      kind: e.kind,
      severity: e.severity,
      subject: e.subject,
      ruleId: e.ruleId ?? null,
      // JSON has no Infinity/NaN (JSON.stringify would send null anyway): say so explicitly
      value: e.value !== undefined && Number.isFinite(e.value) ? e.value : null,
      message: e.message,
    },
  };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what it matches
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** Pure: text as Slack/Mattermost show it literally — control characters to spaces, `& < >` escaped, broadcast mentions defused. */
export function slackText(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|all|everyone)\b/gi, '@\u200b$1');
}

/** Pure: one line of a `slack` message, e.g. `[CRITICAL] cluster local · target-down · broker-2 cannot be collected (jmx): …`. */
export function slackLine(e: TimelineEvent): string {
  const subject = e.subject && !e.message.includes(e.subject) ? `${e.subject}: ` : '';
  const line = `[${e.severity.toUpperCase()}] cluster ${e.clusterId} · ${e.kind} · ${subject}${e.message}`;
  const flat = slackText(line);
  return flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat;
}

/** Pure: the `slack` payload of events (one line each, in order). */
export function slackPayload(events: readonly TimelineEvent[]): { text: string } {
  return { text: events.map(slackLine).join('\n') };
}

/** Pure: how many of the queued events one POST carries. */
export function eventsPerPost(format: WebhookFormat): number {
  return format === 'slack' ? SLACK_MAX_LINES : 1;
}

/** Pure: the request body for events (`json`: exactly one event; see eventsPerPost). */
export function webhookBody(format: WebhookFormat, events: readonly TimelineEvent[]): string {
  if (format === 'slack') return JSON.stringify(slackPayload(events));
  const [first] = events;
  if (!first || events.length > 1) throw new RangeError(`a json webhook body holds exactly one event, got ${events.length}`);
  return JSON.stringify(jsonPayload(first));
}
