/**
 * Kafka › Brokers: one tile per broker (state colour, controller badge, heap bar, partitions,
 * under-replicated, traffic, idle shares), then per-broker charts.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const BROKER_STATES: Record<number, string> = {
    0: 'not_running',
    1: 'starting',
    2: 'recovery',
    3: 'running',
    6: 'pending_shutdown',
    7: 'shutting_down',
  };

  function kv(label: string, value: string, state?: DfState): string {
    return '<div class="df-kv"><span>' + enc(label) + '</span><b' + (state ? ' class="df-text-' + state + '"' : '') + '>' + enc(value) + '</b></div>';
  }

  function bar(ratio: number | undefined, state: DfState): string {
    const w = ratio === undefined ? 0 : Math.max(0, Math.min(100, ratio * 100));
    return '<div class="df-bar"><div class="df-state-' + state + '" style="width:' + w.toFixed(1) + '%"></div></div>';
  }

  function tile(state: DfLiveState, target: DfTarget): string {
    const M = ns().Metrics;
    const F = ns().Format;
    const th = ns().Thresholds;
    const v = (metric: string) => (target.state === 'down' ? undefined : state.value(metric, target.key));
    const heap = v(M.HEAP_USED);
    const heapMax = v(M.HEAP_MAX);
    const heapRatio = heap !== undefined && heapMax ? heap / heapMax : undefined;
    const urp = v(M.UNDER_REPLICATED);
    const handler = v(M.REQUEST_HANDLER_IDLE);
    const network = v(M.NETWORK_IDLE);
    const controller = v(M.ACTIVE_CONTROLLER);
    const bs = v(M.BROKER_STATE);
    const heapState: DfState = heapRatio === undefined ? 'unknown' : heapRatio > th.heapRatio ? 'warn' : 'ok';
    // the network-idle / handler-idle rules (else red under idleCrit), amber under idleWarn as an early sign
    const idleJudged = (x: number | undefined, ruleId: string): DfState => th.judge(th.limitFor(state.cluster, ruleId, th.idleCrit, 'below', 'crit'), x);
    const early = (judged: DfState, x: number | undefined): DfState => (judged === 'ok' && x !== undefined && x < th.idleWarn ? 'warn' : judged);
    const handlerJudged = idleJudged(handler, 'handler-idle');
    const networkJudged = idleJudged(network, 'network-idle');
    const handlerState = early(handlerJudged, handler);
    const networkState = early(networkJudged, network);
    const crossed = (judged: DfState) => judged === 'warn' || judged === 'crit';
    let tileState: DfState;
    if (target.state === 'down') tileState = 'crit';
    else if (target.state !== 'up') tileState = 'unknown';
    else if ((urp || 0) > 0 || crossed(handlerJudged) || crossed(networkJudged) || (bs !== undefined && bs !== 3)) tileState = 'warn';
    else tileState = heapState === 'warn' ? 'warn' : 'ok';
    const dash = '–';
    const fmt = (x: number | undefined, f: (n: number) => string) => (x === undefined ? dash : f(x));
    let html =
      '<div class="df-tile df-state-' +
      tileState +
      '" data-target="' +
      enc(target.key) +
      '">' +
      '<div class="df-tile-head"><span class="df-dot df-state-' +
      tileState +
      '"></span>' +
      '<span class="df-tile-name">' +
      enc(target.key) +
      '</span>' +
      (controller !== undefined && controller >= 1 ? '<span class="df-role df-role-leader">' + enc(t('monitoring.kafka.broker.controller')) + '</span>' : '') +
      (target.state === 'down' ? '<span class="df-role df-role-down">' + enc(t('monitoring.kafka.common.down')) + '</span>' : '') +
      '</div>';
    if (target.state === 'down') {
      html += kv(t('monitoring.kafka.common.down_since'), target.since ? F.ago(target.since) : dash, 'crit');
      if (target.lastError) html += '<div class="df-hint">' + enc(String(target.lastError)) + '</div>';
      return html + '</div>';
    }
    const stateName = bs === undefined ? dash : t('monitoring.kafka.broker_state.' + (BROKER_STATES[bs] || 'unknown'));
    html +=
      kv(t('monitoring.kafka.broker.state'), stateName, bs === undefined ? undefined : bs === 3 ? 'ok' : 'warn') +
      kv(t('monitoring.kafka.broker.heap'), fmt(heap, F.bytes) + ' / ' + fmt(heapMax, F.bytes)) +
      bar(heapRatio, heapState) +
      kv(t('monitoring.kafka.broker.partitions'), fmt(v(M.PARTITIONS), F.count) + ' · ' + fmt(v(M.LEADERS), F.count)) +
      kv(t('monitoring.kafka.broker.urp'), fmt(urp, F.count), urp === undefined ? undefined : urp > 0 ? 'crit' : 'ok') +
      kv(t('monitoring.kafka.broker.traffic'), fmt(v(M.BYTES_IN), F.bytesRate) + ' · ' + fmt(v(M.BYTES_OUT), F.bytesRate)) +
      kv(t('monitoring.kafka.broker.log_dir'), fmt(v(M.LOG_DIR_BYTES), F.bytes)) +
      kv(t('monitoring.kafka.broker.handler_idle'), fmt(handler, F.ratio), handler === undefined ? undefined : handlerState) +
      kv(t('monitoring.kafka.broker.network_idle'), fmt(network, F.ratio), network === undefined ? undefined : networkState);
    if (target.rejected > 0) html += ns().Layout.rejectedLine(target);
    return html + '</div>';
  }

  Ext.define('Flamingo2.view.monitoring.kafka.KafkaBrokers', {
    extend: 'Flamingo2.view.monitoring.common.Section',
    alias: 'widget.dfKafkaBrokers',
    requires: ['Flamingo2.view.monitoring.common.Layout', 'Flamingo2.view.monitoring.kafka.KafkaCharts'],

    initComponent: function (this: DfSectionImpl) {
      const C = Flamingo2.view.monitoring.kafka.KafkaCharts;
      const L = ns().Layout;
      const M = ns().Metrics;
      const th = ns().Thresholds;
      const chart = (spec: DfChartSpec) => ({ xtype: 'dfchart', spec: spec });
      // the network-idle / handler-idle rules watch these very metrics (ratio 0..1, bad below)
      const idleThreshold = (rule: string): DfThresholdSpec => ({
        label: (v: number) => t('monitoring.kafka.chart.idle.threshold', [Math.round(v * 100) + '%']),
        value: th.idleCrit,
        bad: 'below',
        rule: rule,
      });
      Ext.apply(this, {
        title: t('monitoring.kafka.tab.brokers'),
        items: [
          { xtype: 'component', itemId: 'tiles', margin: '0 0 10 0', html: '<div class="df-tiles"></div>' },
          L.row(
            [
              chart(C.perBroker(M.BYTES_IN, 'monitoring.kafka.chart.bytes_in_broker', 'bytes/s')),
              chart(C.perBroker(M.BYTES_OUT, 'monitoring.kafka.chart.bytes_out_broker', 'bytes/s')),
              chart(C.perBroker(M.MESSAGES_IN, 'monitoring.kafka.chart.messages_in_broker', 'messages/s')),
            ],
            250,
          ),
          L.row(
            [
              chart(C.perBroker(M.REQUEST_HANDLER_IDLE, 'monitoring.kafka.chart.handler_idle', 'ratio', idleThreshold('handler-idle'))),
              chart(C.perBroker(M.NETWORK_IDLE, 'monitoring.kafka.chart.network_idle', 'ratio', idleThreshold('network-idle'))),
              chart(C.perBroker(M.UNDER_REPLICATED, 'monitoring.kafka.chart.urp_broker', 'count')),
            ],
            250,
            true,
          ),
        ],
      });
      this.callParent(arguments);
    },

    renderState: function (this: DfSectionImpl, state: DfLiveState) {
      const tiles = this.down('#tiles');
      if (!tiles) return;
      const brokers = state.targets('kafka-broker');
      const html =
        '<div class="df-tiles">' +
        (brokers.length ? brokers.map((b) => tile(state, b)).join('') : '<div class="df-hint">' + enc(t('monitoring.kafka.no_brokers')) + '</div>') +
        '</div>';
      ns().Layout.setHtml(tiles, html);
    },
  });
})();
