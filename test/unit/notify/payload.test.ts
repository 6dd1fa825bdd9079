/** Webhook bodies: the json envelope, Slack/Mattermost lines, hostile names kept as data. */
import { eventsPerPost, jsonPayload, slackLine, slackPayload, slackText, webhookBody } from '../../../sidecar/src/notify/payload';
import type { TimelineEvent } from '../../../sidecar/src/core/timeline-event';

const XSS = '<img src=x onerror=alert(1)>';
const QUOTES = 'grp "a"\n\'b\'\r\nline3\u2028end';

function ev(over: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    clusterId: 'local',
    ts: 1_700_000_000_000,
    kind: 'group-status-changed',
    severity: 'warning',
    subject: 'g1',
    message: 'group g1 is now Empty',
    ...over,
  };
}

test('json: the envelope with every event field; id only once written, ruleId/value null when absent', () => {
  expect(jsonPayload(ev())).toEqual({
    source: 'doflamingo',
    cluster: 'local',
    event: {
      ts: 1_700_000_000_000,
      kind: 'group-status-changed',
      severity: 'warning',
      subject: 'g1',
      ruleId: null,
      value: null,
      message: 'group g1 is now Empty',
    },
  });
  const alert = jsonPayload(
    ev({
      id: 42,
      kind: 'alert-fired',
      severity: 'critical',
      ruleId: 'consumer-lag',
      value: 112,
      subject: 'g1',
      message: 'FIRING: Consumer lag — g1 (value 112)',
    }),
  );
  expect(alert.event).toEqual({
    id: 42,
    ts: 1_700_000_000_000,
    kind: 'alert-fired',
    severity: 'critical',
    subject: 'g1',
    ruleId: 'consumer-lag',
    value: 112,
    message: 'FIRING: Consumer lag — g1 (value 112)',
  });
});

test('json: hostile subjects and messages stay data (the body parses back to exactly the same strings)', () => {
  for (const subject of [XSS, QUOTES]) {
    const e = ev({ subject, message: `group ${subject} is now Dead`, clusterId: 'c"1' });
    const body = webhookBody('json', [e]);
    expect(body.split('\n')).toHaveLength(1); // newlines are escaped inside JSON strings
    const parsed = JSON.parse(body) as ReturnType<typeof jsonPayload>;
    expect(parsed.event.subject).toBe(subject);
    expect(parsed.event.message).toBe(`group ${subject} is now Dead`);
    expect(parsed.cluster).toBe('c"1');
  }
});

test('json: exactly one event per body', () => {
  expect(eventsPerPost('json')).toBe(1);
  expect(() => webhookBody('json', [])).toThrow(RangeError);
  expect(() => webhookBody('json', [ev(), ev()])).toThrow(RangeError);
});

test.each([
  ['plain text', 'broker-1 is down', 'broker-1 is down'],
  ['markup', XSS, '&lt;img src=x onerror=alert(1)&gt;'],
  ['slack mention / link syntax', '<!channel> <http://evil|click> & more', '&lt;!channel&gt; &lt;http://evil|click&gt; &amp; more'],
  ['mattermost broadcast mentions', '@channel @here @all', '@\u200bchannel @\u200bhere @\u200ball'],
  ['quotes and line breaks', QUOTES, 'grp "a" \'b\' line3 end'],
  ['tabs and NUL', 'a\t\u0000b', 'a b'],
])('slackText: %s', (_name, input, expected) => {
  expect(slackText(input)).toBe(expected);
});

test('slack: one line per event with the severity as text (no emoji), subject added only when the message lacks it', () => {
  expect(slackLine(ev({ kind: 'target-down', severity: 'critical', subject: 'broker-2', message: 'broker-2 cannot be collected (jmx): ECONNREFUSED' }))).toBe(
    '[CRITICAL] cluster local · target-down · broker-2 cannot be collected (jmx): ECONNREFUSED',
  );
  expect(slackLine(ev({ kind: 'partition-leader-changed', severity: 'info', subject: 'orders-3', message: 'leader moved from broker 1 to 2' }))).toBe(
    '[INFO] cluster local · partition-leader-changed · orders-3: leader moved from broker 1 to 2',
  );
  const hostile = [
    ev({ subject: XSS, message: `group ${XSS} is now Dead` }),
    ev({ subject: QUOTES, message: `group ${QUOTES} rebalancing`, severity: 'critical' }),
  ];
  const { text } = slackPayload(hostile);
  const lines = text.split('\n');
  expect(lines).toEqual([
    '[WARNING] cluster local · group-status-changed · group &lt;img src=x onerror=alert(1)&gt; is now Dead',
    '[CRITICAL] cluster local · group-status-changed · group grp "a" \'b\' line3 end rebalancing',
  ]);
  expect(text).not.toMatch(/<|>/);
  expect(JSON.parse(webhookBody('slack', hostile))).toEqual({ text });
});

test('slack: very long lines are cut; up to 20 events per POST', () => {
  const line = slackLine(ev({ message: 'x'.repeat(5000) }));
  expect(line.length).toBe(1000);
  expect(line.endsWith('…')).toBe(true);
  expect(eventsPerPost('slack')).toBe(20);
});

test('json: a non-finite value is sent as null', () => {
  for (const value of [Infinity, -Infinity, NaN]) expect(jsonPayload(ev({ value })).event.value).toBeNull();
});
