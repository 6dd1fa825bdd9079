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

  init: function (this: DfLiveControllerImpl & { syncTabHeader(): void }, view: Ext.TabPanel) {
    this.callParent(arguments);
    // a tab shown: its header controls, and its data loaded
    view.on('tabchange', () => {
      this.syncTabHeader();
      this.refresh();
    });
  },

  /** The range and CSV apply to chart tabs; Events and Configuration have their own controls. */
  syncTabHeader: function (this: DfLiveControllerImpl) {
    const tab = (this.getView() as Ext.TabPanel).getActiveTab() as DfSection | null;
    const bar = (this.getView() as Ext.Panel).down<Ext.Container>('dflivebar');
    const charts = !!(tab && tab.isDfSection);
    bar?.down('#csv')?.setDisabled(!charts);
    // in the time machine the range stays disabled (the window is the time machine's)
    bar?.down('#range')?.setDisabled(!charts || !!(this.tm && this.tm.isActive()));
  },
});
