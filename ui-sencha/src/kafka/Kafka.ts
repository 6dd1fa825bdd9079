/**
 * Monitoring › Kafka (FL_COMM_MENU.MENU_NS = 'monitoring.kafka.Kafka').
 * Tabs: Overview (health lights + the proposal's six charts), Brokers, Topics, Consumer groups.
 * Live through the sidecar's WebSocket; the header holds the time range and the live status.
 */
Ext.define('Flamingo2.view.monitoring.kafka.Kafka', {
  extend: 'Ext.tab.Panel',
  alias: 'widget.dfKafka',
  requires: [
    'Flamingo2.view.monitoring.common.LiveBar',
    'Flamingo2.view.monitoring.common.Styles',
    'Flamingo2.view.monitoring.common.Texts',
    'Flamingo2.view.monitoring.kafka.KafkaController',
    'Flamingo2.view.monitoring.kafka.KafkaOverview',
    'Flamingo2.view.monitoring.kafka.KafkaBrokers',
    'Flamingo2.view.monitoring.kafka.KafkaTopics',
    'Flamingo2.view.monitoring.kafka.KafkaConsumerGroups',
    'Flamingo2.view.monitoring.common.EventTimeline',
    'Flamingo2.view.monitoring.common.AlertRules',
  ],

  controller: 'kafkaController',
  cls: 'df-root',
  border: false,
  activeTab: 0,

  initComponent: function (this: Ext.TabPanel) {
    Flamingo2.view.monitoring.common.Styles.ensure();
    Ext.apply(this, {
      title: Ext.String.htmlEncode(Flamingo2.view.monitoring.common.Texts.t('monitoring.kafka.title')),
      header: {
        items: [{ xtype: 'dflivebar', listeners: { rangechange: 'onRangeChange', timemachine: 'onTimeMachine', csvexport: 'onCsvExport' } }],
      },
      items: [
        { xtype: 'dfKafkaOverview' },
        { xtype: 'dfKafkaBrokers' },
        { xtype: 'dfKafkaTopics' },
        { xtype: 'dfKafkaConsumerGroups' },
        { xtype: 'dfeventtimeline', itemId: 'events', title: Ext.String.htmlEncode(Flamingo2.view.monitoring.common.Texts.t('monitoring.kafka.tab.events')) },
        { xtype: 'dfalertrules', itemId: 'rules', title: Ext.String.htmlEncode(Flamingo2.view.monitoring.common.Texts.t('monitoring.kafka.tab.config')) },
      ],
    });
    this.callParent(arguments);
  },
});
