/**
 * Kafka › Topics: a grid (partitions, throughput as bars, size, under-replicated as a light,
 * a bytes-in sparkline of the selected range) and per-topic throughput charts.
 * Topic names are rendered as text (htmlEncode) everywhere.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string) => ns().Texts.t(key);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  interface TopicRow {
    topic: string;
    partitions: number | null;
    messagesIn: number | null;
    bytesIn: number | null;
    bytesOut: number | null;
    size: number | null;
    urp: number | null;
    trend: number[];
  }

  interface TopicsImpl extends DfSectionImpl {
    maxBytes: number;
  }

  function sumByTopic(state: DfLiveState, metric: string): Record<string, number> {
    const out: Record<string, number> = {};
    state.latest({ metric: metric }).forEach((s) => {
      const topic = s.labels ? s.labels['topic'] : undefined;
      if (topic !== undefined) out[topic] = (out[topic] || 0) + s.value;
    });
    return out;
  }

  function partitionsByTopic(state: DfLiveState): Record<string, number> {
    const M = ns().Metrics;
    const fromProtocol = sumByTopic(state, M.TOPIC_PARTITIONS);
    const seen: Record<string, Record<string, boolean>> = {};
    state.latest({ metric: M.LOG_SIZE }).forEach((s) => {
      const topic = s.labels ? s.labels['topic'] : undefined;
      const p = s.labels ? s.labels['partition'] : undefined;
      if (topic !== undefined && p !== undefined) (seen[topic] || (seen[topic] = {}))[p] = true;
    });
    const out: Record<string, number> = {};
    Object.keys(seen).forEach((topic) => {
      out[topic] = Object.keys(seen[topic] || {}).length;
    });
    Object.keys(fromProtocol).forEach((topic) => {
      out[topic] = fromProtocol[topic] as number;
    });
    return out;
  }

  function cellBar(value: number | null, max: number, fmt: (v: number) => string): string {
    if (value === null) return '<span class="df-text-unknown">–</span>';
    const w = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
    return '<div class="df-cellbar"><div style="width:' + w.toFixed(1) + '%"></div><span>' + enc(fmt(value)) + '</span></div>';
  }

  Ext.define('Flamingo2.view.monitoring.kafka.KafkaTopics', {
    extend: 'Flamingo2.view.monitoring.common.Section',
    alias: 'widget.dfKafkaTopics',
    requires: ['Ext.grid.Panel', 'Ext.data.Store', 'Flamingo2.view.monitoring.common.Layout', 'Flamingo2.view.monitoring.kafka.KafkaCharts'],

    initComponent: function (this: TopicsImpl) {
      const C = Flamingo2.view.monitoring.kafka.KafkaCharts;
      const M = ns().Metrics;
      const F = ns().Format;
      const L = ns().Layout;
      this.maxBytes = 0;
      const num = (fmt: (v: number) => string) => (v: number | null) => (v === null ? '<span class="df-text-unknown">–</span>' : enc(fmt(v)));
      Ext.apply(this, {
        title: t('monitoring.kafka.tab.topics'),
        items: [
          {
            xtype: 'grid',
            itemId: 'grid',
            cls: 'df-grid',
            margin: '0 0 10 0',
            minHeight: 120,
            maxHeight: 380,
            disableSelection: true,
            emptyText: enc(t('monitoring.kafka.no_topics')),
            viewConfig: { deferEmptyText: false, markDirty: false },
            store: Ext.create('Ext.data.Store', {
              fields: ['topic', 'partitions', 'messagesIn', 'bytesIn', 'bytesOut', 'size', 'urp', 'trend'],
              sorters: [{ property: 'bytesIn', direction: 'DESC' }],
              data: [],
            }),
            columns: [
              {
                text: enc(t('monitoring.kafka.topic.name')),
                dataIndex: 'topic',
                flex: 2,
                renderer: (v: string) => '<span class="df-name">' + enc(v) + '</span>',
              },
              {
                text: enc(t('monitoring.kafka.topic.urp')),
                dataIndex: 'urp',
                width: 130,
                renderer: (v: number | null) => {
                  const state: DfState = v === null ? 'unknown' : v > 0 ? 'crit' : 'ok';
                  return '<span class="df-dot df-state-' + state + '"></span>' + (v === null ? '–' : enc(F.count(v)));
                },
              },
              { text: enc(t('monitoring.kafka.topic.partitions')), dataIndex: 'partitions', width: 100, align: 'right', renderer: num(F.count) },
              { text: enc(t('monitoring.kafka.topic.messages_in')), dataIndex: 'messagesIn', width: 120, align: 'right', renderer: num(F.perSecond) },
              {
                text: enc(t('monitoring.kafka.topic.bytes_in')),
                dataIndex: 'bytesIn',
                flex: 1,
                minWidth: 140,
                renderer: (v: number | null) => cellBar(v, this.maxBytes, F.bytesRate),
              },
              {
                text: enc(t('monitoring.kafka.topic.bytes_out')),
                dataIndex: 'bytesOut',
                flex: 1,
                minWidth: 140,
                renderer: (v: number | null) => cellBar(v, this.maxBytes, F.bytesRate),
              },
              { text: enc(t('monitoring.kafka.topic.size')), dataIndex: 'size', width: 110, align: 'right', renderer: num(F.bytes) },
              {
                text: enc(t('monitoring.kafka.topic.trend')),
                dataIndex: 'trend',
                width: 130,
                sortable: false,
                renderer: (v: number[]) => ns().SeriesMath.sparkline(v || [], 110, 18, '#19a3b5'),
              },
            ],
          },
          L.row(
            [
              { xtype: 'dfchart', itemId: 'bytesIn', spec: C.perTopic(M.TOPIC_BYTES_IN, 'monitoring.kafka.chart.bytes_in_topic', 'bytes/s') },
              { xtype: 'dfchart', spec: C.perTopic(M.TOPIC_BYTES_OUT, 'monitoring.kafka.chart.bytes_out_topic', 'bytes/s') },
              { xtype: 'dfchart', spec: C.perTopic(M.TOPIC_MESSAGES_IN, 'monitoring.kafka.chart.messages_in_topic', 'messages/s') },
            ],
            260,
            true,
          ),
        ],
      });
      this.callParent(arguments);
    },

    renderState: function (this: TopicsImpl, state: DfLiveState) {
      const M = ns().Metrics;
      const grid = this.down<Ext.GridPanel<TopicRow>>('#grid');
      const trendChart = this.down<DfChartBox>('#bytesIn');
      if (!grid) return;
      const msgs = sumByTopic(state, M.TOPIC_MESSAGES_IN);
      const bytesIn = sumByTopic(state, M.TOPIC_BYTES_IN);
      const bytesOut = sumByTopic(state, M.TOPIC_BYTES_OUT);
      const size = sumByTopic(state, M.LOG_SIZE);
      const urp = sumByTopic(state, M.TOPIC_UNDER_REPLICATED);
      const parts = partitionsByTopic(state);
      const names: Record<string, boolean> = {};
      [msgs, bytesIn, bytesOut, size, urp, parts].forEach((m) => Object.keys(m).forEach((k) => (names[k] = true)));
      const val = (m: Record<string, number>, k: string) => (m[k] === undefined ? null : (m[k] as number));
      const rows: TopicRow[] = Object.keys(names).map((topic) => ({
        topic: topic,
        partitions: val(parts, topic),
        messagesIn: val(msgs, topic),
        bytesIn: val(bytesIn, topic),
        bytesOut: val(bytesOut, topic),
        size: val(size, topic),
        urp: val(urp, topic),
        trend: trendChart ? trendChart.values(topic) : [],
      }));
      this.maxBytes = rows.reduce((m, r) => Math.max(m, r.bytesIn || 0, r.bytesOut || 0), 0);
      ns().Layout.syncStore(grid.getStore(), rows, 'topic');
    },
  });
})();
