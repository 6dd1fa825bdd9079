/**
 * Base of every tab that shows live data: loads the history of its charts for the selected range
 * (behind a loading mask), then follows the live state. Subclasses override renderState() to
 * refresh lights, tiles and grids.
 */
Ext.define('Flamingo2.view.monitoring.common.Section', {
  extend: 'Ext.panel.Panel',
  requires: ['Flamingo2.view.monitoring.common.ChartBox', 'Flamingo2.view.monitoring.common.Texts', 'Flamingo2.view.monitoring.common.Styles'],

  border: false,
  scrollable: 'y',
  bodyPadding: 10,
  bodyCls: 'df-section-body',
  historyKey: null,
  /** Marks the tabs the LiveController feeds (ComponentQuery '[isDfSection]'). */
  isDfSection: true,

  initComponent: function (this: DfSectionImpl) {
    Flamingo2.view.monitoring.common.Styles.ensure();
    this.callParent(arguments);
  },

  charts: function (this: DfSectionImpl): DfChartBox[] {
    return this.query<DfChartBox>('dfchart');
  },

  loadHistory: function (this: DfSectionImpl, ctx: DfHistoryContext): Promise<void> {
    if (this.rendered) this.setLoading(Flamingo2.view.monitoring.common.Texts.t('monitoring.kafka.common.loading'));
    const done = () => {
      if (!this.isDestroyed && this.rendered) this.setLoading(false);
    };
    return Promise.all(
      this.charts()
        .map((c) => c.loadHistory(ctx))
        .concat([this.loadExtra(ctx)]),
    ).then(done, done);
  },

  /** Extra REST data a tab needs besides its charts (e.g. consumer groups). */
  loadExtra: function (this: DfSectionImpl, _ctx: DfHistoryContext): Promise<void> {
    return Promise.resolve();
  },

  onLiveState: function (this: DfSectionImpl, state: DfLiveState) {
    this.renderState(state);
    this.charts().forEach((c) => c.applyLive(state));
  },

  renderState: function (this: DfSectionImpl, _state: DfLiveState) {
    /* subclasses */
  },
});
