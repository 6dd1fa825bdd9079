/**
 * Controller of the Kafka panel: the shared live logic (common/LiveController) on channel
 * view `kafka`; only the active tab is loaded and rendered.
 */
Ext.define('Flamingo2.view.monitoring.kafka.KafkaController', {
  extend: 'Flamingo2.view.monitoring.common.LiveController',
  alias: 'controller.kafkaController',

  liveView: 'kafka',

  visibleSections: function (this: DfLiveControllerImpl): DfSection[] {
    const tab = (this.getView() as Ext.TabPanel).getActiveTab() as DfSection | null;
    return tab && tab.isDfSection ? [tab] : [];
  },

  onTabChange: function (this: DfLiveControllerImpl) {
    this.refresh();
  },
});
