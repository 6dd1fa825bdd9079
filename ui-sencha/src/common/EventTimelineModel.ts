/**
 * Pure rules of the event timeline: which lane an event kind goes to, its colour and label, which
 * Kafka tab and metric an event relates to, and the filters. No DOM, no Ext components.
 * Unknown kinds (new ones may come from the sidecar) are shown generically in the "Other" lane.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;

  /** Lanes from top to bottom; an event's lane is the first whose kinds match. */
  const LANES: Array<{ key: string; match: (kind: string) => boolean }> = [
    { key: 'alerts', match: (k) => k.indexOf('alert-') === 0 },
    { key: 'targets', match: (k) => k.indexOf('target-') === 0 },
    { key: 'leaders', match: (k) => k.indexOf('controller-') === 0 || /(^|-)leader-chang/.test(k) },
    { key: 'replication', match: (k) => k.indexOf('isr-') === 0 || k.indexOf('partition-') === 0 || k === 'unclean-election' },
    { key: 'groups', match: (k) => k.indexOf('group-') === 0 },
    { key: 'jobs', match: (k) => k.indexOf('job-') === 0 },
    { key: 'other', match: () => true },
  ];

  /**
   * Kinds the filter offers, in this order: every kind the sidecar writes (core/timeline-event.d.ts).
   * A record so that a kind the sidecar gains and the filter lacks does not compile.
   */
  const OFFERED: Record<DfEventKind, true> = {
    'alert-fired': true,
    'alert-resolved': true,
    'target-down': true,
    'target-up': true,
    'target-joined': true,
    'target-left': true,
    'target-refused': true,
    'controller-changed': true,
    'partition-leader-changed': true,
    'isr-shrink': true,
    'isr-expand': true,
    'partition-offline': true,
    'partition-online': true,
    'unclean-election': true,
    'zk-leader-changed': true,
    'group-rebalance': true,
    'group-status-changed': true,
    'job-failing': true,
    'job-recovered': true,
    'series-limit': true,
  };
  const KINDS = Object.keys(OFFERED);

  const SEVERITIES = ['critical', 'warning', 'info'];
  const INFO_COLOR = '#3274d9';

  /** Metric a non-alert event is about, for the time machine's charts. */
  const KIND_METRIC: Record<string, keyof DfMetrics> = {
    'controller-changed': 'ACTIVE_CONTROLLER',
    'partition-leader-changed': 'LEADERS',
    'isr-shrink': 'ISR_SHRINKS',
    'isr-expand': 'ISR_EXPANDS',
    'partition-offline': 'OFFLINE_PARTITIONS',
    'partition-online': 'OFFLINE_PARTITIONS',
    'unclean-election': 'UNCLEAN_ELECTIONS',
    'zk-leader-changed': 'ZK_IS_LEADER',
    'group-rebalance': 'GROUP_LAG',
    'group-status-changed': 'GROUP_LAG',
  };

  function subjectKey(subject: string): string {
    const i = subject.indexOf('{');
    return i >= 0 ? subject.slice(0, i) : subject;
  }

  function textOr(key: string, fallback: string): string {
    const text = ns().Texts.t(key);
    return text === key ? fallback : text;
  }

  const Model: DfEventTimelineModel = {
    lanes: () => LANES.map((l) => l.key),
    laneOf: (kind) => {
      for (let i = 0; i < LANES.length; i++) if ((LANES[i] as { match: (k: string) => boolean }).match(kind)) return i;
      return LANES.length - 1;
    },
    laneLabel: (lane) => ns().Texts.t('monitoring.kafka.common.events.lane.' + lane),
    kinds: () => KINDS.slice(),
    severities: () => SEVERITIES.slice(),
    kindLabel: (kind) => textOr('monitoring.kafka.common.events.kind.' + kind, kind.replace(/[-_]+/g, ' ')),
    severityLabel: (severity) => textOr('monitoring.kafka.common.events.severity.' + severity, severity),
    severityColor: (severity) => {
      const S = ns().Styles.stateColors;
      return severity === 'critical' ? S.crit : severity === 'warning' ? S.warn : severity === 'info' ? INFO_COLOR : S.unknown;
    },
    subjectKey: subjectKey,

    isZooKeeper: (e, kindOf) => {
      if (e.kind.indexOf('zk-') === 0) return true;
      if (e.metric && e.metric.indexOf('zookeeper.') === 0) return true;
      return kindOf(subjectKey(e.subject)) === 'zookeeper';
    },

    related: (e, kindOf) => {
      const k = e.kind;
      const metric = e.metric || null;
      const key = subjectKey(e.subject);
      const targetKind = kindOf(key);
      const M = ns().Metrics;
      const kindMetric = KIND_METRIC[k] || KIND_METRIC[k + 'd'];
      const fallbackMetric = metric || (kindMetric ? M[kindMetric] : null) || null;
      if (Model.isZooKeeper(e, kindOf)) return { tab: 'dfZooKeeper', metric: fallbackMetric || (k.indexOf('target-') === 0 ? M.ZK_UP : null), kafkaTab: false };
      const m = metric || '';
      if (k.indexOf('group-') === 0 || m.indexOf('kafka.consumer_group.') === 0 || /lag/.test(m) || (e.ruleId || '').indexOf('consumer-') === 0) {
        return { tab: 'dfKafkaConsumerGroups', metric: fallbackMetric, kafkaTab: true };
      }
      if (k.indexOf('isr-') === 0 || k.indexOf('partition-') === 0 || /^leader-chang/.test(k) || k === 'unclean-election' || m.indexOf('kafka.topic.') === 0) {
        return { tab: 'dfKafkaTopics', metric: fallbackMetric, kafkaTab: true };
      }
      if (targetKind === 'kafka-broker' && (k.indexOf('target-') === 0 || k.indexOf('alert-') === 0)) {
        return { tab: 'dfKafkaBrokers', metric: fallbackMetric || (k.indexOf('target-') === 0 ? M.BROKER_STATE : null), kafkaTab: true };
      }
      if (k.indexOf('alert-') === 0 && m.indexOf('kafka.broker.') === 0) return { tab: 'dfKafkaBrokers', metric: fallbackMetric, kafkaTab: true };
      return { tab: 'dfKafkaOverview', metric: fallbackMetric, kafkaTab: true };
    },

    matches: (e, f) => {
      if (f.severities.length && f.severities.indexOf(e.severity) < 0) return false;
      if (f.kinds.length && f.kinds.indexOf(e.kind) < 0) return false;
      const s = f.subject.trim().toLowerCase();
      if (s && e.subject.toLowerCase().indexOf(s) < 0) return false;
      return true;
    },

    query: (f, from, to) => {
      const params: Array<[string, string | number]> = [
        ['from', Math.round(from)],
        ['to', Math.round(to)],
        ['limit', 1000],
      ];
      if (f.severities.length) params.push(['severity', f.severities.join(',')]);
      if (f.kinds.length) params.push(['kind', f.kinds.join(',')]);
      if (f.subject.trim()) params.push(['subject', f.subject.trim()]);
      return params;
    },

    eventKey: (e) => (e.id !== null && e.id !== undefined ? 'id:' + e.id : 'ev:' + e.ts + '|' + e.kind + '|' + e.subject + '|' + e.message),

    fullTime: (ts) => {
      const d = new Date(ts);
      const p = (n: number) => (n < 10 ? '0' + n : String(n));
      return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.EventTimelineModel', Object.assign({ singleton: true }, Model));
})();
