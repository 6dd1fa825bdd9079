/**
 * Chart specs of the Kafka tabs. The Overview's six are the proposal's FUNC#1 charts:
 * heap memory, message condition, response time, minimum fetch rate, messages consumed, max lag.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const BROKER: DfTargetKind = 'kafka-broker';
  const CLIENT: DfTargetKind = 'kafka-client';

  /** One colour per request type, the same in every chart. */
  const REQUEST_COLORS: Record<string, string> = {
    Produce: '#3274d9',
    FetchConsumer: '#19a3b5',
    FetchFollower: '#8e5bd9',
    Fetch: '#e0752d',
  };

  function requestColor(request: string): string {
    return REQUEST_COLORS[request] || ns().Styles.colorAt(request.length);
  }

  /**
   * Lag threshold of the group lines: the consumer-lag rule (kafka.consumer_group.total_lag = a group's lag
   * summed over its partitions, which is what a group's line draws). Label built with the value in force.
   */
  function lagThreshold(): DfThresholdSpec {
    return { label: (v: number) => t('monitoring.kafka.chart.max_lag.threshold', [v]), value: ns().Thresholds.maxLag, rule: 'consumer-lag' };
  }

  const KafkaCharts: DfKafkaCharts = {
    requestColor: requestColor,

    heap: () => {
      const M = ns().Metrics;
      const ratio = ns().Thresholds.heapRatio;
      return {
        title: t('monitoring.kafka.chart.heap'),
        unit: 'bytes',
        series: [{ metric: M.HEAP_USED, kind: BROKER, split: 'target' }],
        threshold: {
          label: t('monitoring.kafka.chart.heap.threshold', [Math.round(ratio * 100)]),
          from: { metric: M.HEAP_MAX, kind: BROKER, combine: 'min', factor: ratio },
        },
      };
    },

    messageCondition: () => {
      const M = ns().Metrics;
      return {
        title: t('monitoring.kafka.chart.messages'),
        unit: 'messages/s',
        y2Unit: 'bytes/s',
        series: [
          { metric: M.MESSAGES_IN, kind: BROKER, name: t('monitoring.kafka.series.messages_in'), color: '#3274d9', fill: true },
          { metric: M.BYTES_IN, kind: BROKER, name: t('monitoring.kafka.series.bytes_in'), color: '#19a3b5', axis: 'y2' },
          { metric: M.BYTES_OUT, kind: BROKER, name: t('monitoring.kafka.series.bytes_out'), color: '#e0752d', axis: 'y2', dash: [5, 3] },
        ],
      };
    },

    responseTime: () => {
      const M = ns().Metrics;
      return {
        title: t('monitoring.kafka.chart.response'),
        unit: 'ms',
        log: true,
        series: [
          {
            metric: M.REQUEST_TIME_MEAN,
            kind: BROKER,
            split: 'request',
            combine: 'avg',
            name: (r: string) => r + ' ' + t('monitoring.kafka.series.mean'),
            colorKey: requestColor,
          },
          {
            metric: M.REQUEST_TIME_P99,
            kind: BROKER,
            split: 'request',
            combine: 'max',
            agg: 'max',
            name: (r: string) => r + ' p99',
            colorKey: requestColor,
            dash: [5, 3],
          },
        ],
      };
    },

    minFetchRate: () => {
      const M = ns().Metrics;
      return {
        title: t('monitoring.kafka.chart.min_fetch'),
        unit: 'fetches/s',
        series: [
          { metric: M.FETCH_RATE, kind: CLIENT, combine: 'min', agg: 'min', name: t('monitoring.kafka.series.min_fetch'), color: '#5b8f29', fill: true },
        ],
        // the consumer-stalled rule watches the same metric (kafka.consumer.fetch_rate < threshold, per client;
        // the min over clients is under it exactly when one client is)
        threshold: { label: t('monitoring.kafka.chart.min_fetch.threshold'), value: ns().Thresholds.minFetchRate, bad: 'below', rule: 'consumer-stalled' },
        emptyText: 'monitoring.kafka.no_clients',
      };
    },

    messagesConsumed: () => {
      const M = ns().Metrics;
      return {
        title: t('monitoring.kafka.chart.consumed'),
        unit: 'records/s',
        series: [{ metric: M.RECORDS_CONSUMED, kind: CLIENT, split: 'client-id' }],
        emptyText: 'monitoring.kafka.no_clients',
      };
    },

    maxLag: () => {
      const M = ns().Metrics;
      return {
        title: t('monitoring.kafka.chart.max_lag'),
        unit: 'messages',
        series: [
          { metric: M.GROUP_LAG, split: 'group', name: (g: string) => t('monitoring.kafka.series.group', [g]) },
          {
            metric: M.RECORDS_LAG_MAX,
            kind: CLIENT,
            split: 'client-id',
            combine: 'max',
            agg: 'max',
            name: (c: string) => t('monitoring.kafka.series.client', [c]),
            dash: [4, 3],
          },
        ],
        threshold: lagThreshold(),
      };
    },

    perBroker: (metric, titleKey, unit, threshold) => ({
      title: t(titleKey),
      unit: unit,
      series: [{ metric: metric, kind: BROKER, split: 'target' }],
      threshold: threshold,
    }),

    perTopic: (metric, titleKey, unit) => ({
      title: t(titleKey),
      unit: unit,
      series: [{ metric: metric, kind: BROKER, split: 'topic' }],
    }),

    perClient: (metric, titleKey, unit) => ({
      title: t(titleKey),
      unit: unit,
      series: [{ metric: metric, kind: CLIENT, split: 'client-id' }],
      emptyText: 'monitoring.kafka.no_clients',
    }),

    groupLag: () => ({
      title: t('monitoring.kafka.chart.group_lag'),
      unit: 'messages',
      series: [{ metric: ns().Metrics.GROUP_LAG, split: 'group' }],
      threshold: lagThreshold(),
    }),

    partitionLag: (group) => ({
      title: group === null ? t('monitoring.kafka.chart.partition_lag.none') : t('monitoring.kafka.chart.partition_lag', [group]),
      unit: 'messages',
      series: group === null ? [] : [{ metric: ns().Metrics.GROUP_LAG, labels: { group: group }, split: 'topic,partition' }],
      emptyText: group === null ? 'monitoring.kafka.select_group' : undefined,
    }),
  };

  Ext.define(
    'Flamingo2.view.monitoring.kafka.KafkaCharts',
    Object.assign(
      {
        singleton: true,
        requires: [
          'Flamingo2.view.monitoring.common.Metrics',
          'Flamingo2.view.monitoring.common.Styles',
          'Flamingo2.view.monitoring.common.Texts',
          'Flamingo2.view.monitoring.common.Thresholds',
        ],
      },
      KafkaCharts,
    ),
  );
})();
