/**
 * Kafka › Overview: the cluster's health lights, then the proposal's six charts
 * (heap memory, message condition, response time, minimum fetch rate, messages consumed, max lag).
 */
(function () {
  /** Which tab explains a light: 1 = Brokers, 2 = Topics, 3 = Consumer groups. */
  const LIGHT_TABS: Record<string, number> = { brokers: 1, urp: 1, offline: 2, controller: 1, isr: 1, network: 1, handler: 1, unclean: 1, swap: 1, lag: 3 };

  Ext.define('Flamingo2.view.monitoring.kafka.KafkaOverview', {
    extend: 'Flamingo2.view.monitoring.common.Section',
    alias: 'widget.dfKafkaOverview',
    requires: [
      'Flamingo2.view.monitoring.common.HealthStrip',
      'Flamingo2.view.monitoring.common.Layout',
      'Flamingo2.view.monitoring.kafka.KafkaCharts',
      'Flamingo2.view.monitoring.kafka.KafkaHealth',
    ],

    initComponent: function (this: DfSectionImpl) {
      const C = Flamingo2.view.monitoring.kafka.KafkaCharts;
      const L = Flamingo2.view.monitoring.common.Layout;
      const chart = (spec: DfChartSpec, itemId: string) => ({ xtype: 'dfchart', itemId: itemId, spec: spec });
      Ext.apply(this, {
        title: Flamingo2.view.monitoring.common.Texts.t('monitoring.kafka.tab.overview'),
        items: [
          {
            xtype: 'dfhealthstrip',
            itemId: 'lights',
            columns: 5,
            margin: '0 0 10 0',
            links: LIGHT_TABS,
            listeners: {
              lightclick: (key: string) => {
                const tab = LIGHT_TABS[key];
                const owner = this.up<Ext.TabPanel>('tabpanel');
                if (owner && tab !== undefined) owner.setActiveTab(tab);
              },
            },
          },
          L.row([chart(C.heap(), 'heap'), chart(C.messageCondition(), 'messages'), chart(C.responseTime(), 'response')], 270),
          L.row([chart(C.minFetchRate(), 'minFetch'), chart(C.messagesConsumed(), 'consumed'), chart(C.maxLag(), 'maxLag')], 270, true),
        ],
      });
      this.callParent(arguments);
    },

    renderState: function (this: DfSectionImpl, state: DfLiveState) {
      const strip = this.down<DfHealthStrip>('#lights');
      if (strip) strip.setLights(Flamingo2.view.monitoring.kafka.KafkaHealth.lights(state));
    },
  });
})();
