/** Controller of the ZooKeeper panel: the shared live logic on channel view `zookeeper`. */
Ext.define('Flamingo2.view.monitoring.zookeeper.ZooKeeperController', {
  extend: 'Flamingo2.view.monitoring.common.LiveController',
  alias: 'controller.zooKeeperController',

  liveView: 'zookeeper',

  visibleSections: function (this: DfLiveControllerImpl): DfSection[] {
    return [this.getView() as DfSection];
  },
});
