/**
 * Base view controller of the Kafka and ZooKeeper panels: subscribes the view's channel
 * (cluster = ENGINE.id, view = liveView) on the page's shared socket, keeps the LiveState,
 * loads history when a tab is shown or the range changes, re-renders the visible tab on every
 * update (at most every 500 ms), and switches cluster on Flamingo's `engineChanged` event.
 * Watches the cluster's alert rules (common/RuleThresholds.ts): a change redraws thresholds and lights.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const RENDER_EVERY_MS = 500;

  Ext.define('Flamingo2.view.monitoring.common.LiveController', {
    extend: 'Ext.app.ViewController',
    requires: [
      'Flamingo2.view.monitoring.common.LiveClient',
      'Flamingo2.view.monitoring.common.LiveState',
      'Flamingo2.view.monitoring.common.LiveBar',
      'Flamingo2.view.monitoring.common.RuleThresholds',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Texts',
      'Flamingo2.view.monitoring.common.TimeMachine',
    ],

    /** Channel view: 'kafka' or 'zookeeper' (set by subclasses). */
    liveView: 'kafka',

    init: function (this: DfLiveControllerImpl, view: Ext.Panel) {
      this.rangeMs = 15 * 60e3;
      this.unsubscribe = null;
      this.unwatchRules = null;
      this.renderTimer = null;
      this.status = 'connecting';
      this.cluster = '';
      this.state = Ext.create<DfLiveState>('Flamingo2.view.monitoring.common.LiveState', { cluster: '' });
      // time machine: its own state and logic (common/TimeMachine.ts), hooked in refresh()
      this.tm = Ext.create<DfTimeMachine>('Flamingo2.view.monitoring.common.TimeMachine', { controller: this });
      view.on('engineChanged', (engine: FlamingoEngine) => this.switchCluster(engine), this);
      const engine = typeof ENGINE === 'object' && ENGINE && ENGINE.id ? ENGINE : null;
      if (engine) {
        this.switchCluster(engine);
      } else {
        // no ENGINE global (outside Flamingo): the sidecar's first cluster
        ns()
          .Sidecar.get<Array<{ id: string; name: string }>>('/clusters')
          .then((list) => {
            const first = list[0];
            if (first && !view.isDestroyed) this.switchCluster({ id: first.id, name: first.name });
          })
          .catch((err: Error) => this.showError(err.message));
      }
    },

    destroy: function (this: DfLiveControllerImpl) {
      this.stopLive();
      if (this.tm) this.tm.dispose();
      this.callParent(arguments);
    },

    /** The sections on screen now (default: every section of the view). */
    visibleSections: function (this: DfLiveControllerImpl): DfSection[] {
      return this.getView().query<DfSection>('[isDfSection]');
    },

    switchCluster: function (this: DfLiveControllerImpl, engine: FlamingoEngine) {
      const view = this.getView() as Ext.Panel;
      this.stopLive();
      if (this.tm) this.tm.leave(false);
      this.cluster = String(engine.id);
      this.state = Ext.create<DfLiveState>('Flamingo2.view.monitoring.common.LiveState', { cluster: this.cluster });
      this.snapshotSeen = false;
      view.query<DfSection>('[isDfSection]').forEach((s) => {
        s.historyKey = null;
      });
      this.onTitle(engine);
      this.visibleSections().forEach((s) => {
        if (s.rendered) s.setLoading(ns().Texts.t('monitoring.kafka.common.loading'));
      });
      this.unsubscribe = ns()
        .LiveClient.shared()
        .subscribe(
          this.cluster,
          this.liveView,
          (msg) => this.onMessage(msg),
          (status) => this.onStatus(status),
        );
      // threshold lines, badges and lights follow the cluster's alert rules (loaded now, every 60 s, after edits)
      this.unwatchRules = ns().RuleThresholds.watch(this.cluster, () => {
        if (!view.isDestroyed) this.onRulesChanged();
      });
    },

    stopLive: function (this: DfLiveControllerImpl) {
      if (this.unsubscribe) this.unsubscribe();
      this.unsubscribe = null;
      if (this.unwatchRules) this.unwatchRules();
      this.unwatchRules = null;
      if (this.renderTimer !== null) window.clearTimeout(this.renderTimer);
      this.renderTimer = null;
    },

    onTitle: function (this: DfLiveControllerImpl, engine: FlamingoEngine) {
      const view = this.getView() as Ext.Panel;
      const base = ns().Texts.t('monitoring.' + this.liveView + '.title');
      view.setTitle(Ext.String.htmlEncode(engine.name ? base + ' · ' + engine.name : base));
    },

    onMessage: function (this: DfLiveControllerImpl, msg: DfServerMessage) {
      if (msg.type === 'snapshot') {
        this.state.applySnapshot(msg.data);
        this.snapshotSeen = true;
        // first snapshot, reconnect or catch-up after dropped updates: reload history to fill the gap
        this.getView()
          .query<DfSection>('[isDfSection]')
          .forEach((s) => {
            s.historyKey = null;
          });
        this.refresh();
      } else if (msg.type === 'update') {
        this.state.applyUpdate(msg.samples || [], msg.targets);
        this.scheduleRender();
      }
      this.updateBar();
    },

    onRulesChanged: function (this: DfLiveControllerImpl) {
      this.visibleSections().forEach((s) => s.charts().forEach((c) => c.refreshThreshold()));
      // lights and tiles: live from the live state; in the time machine from its snapshot (tm.refresh)
      this.refresh();
    },

    onStatus: function (this: DfLiveControllerImpl, status: DfLiveStatus) {
      this.status = status;
      this.updateBar();
    },

    updateBar: function (this: DfLiveControllerImpl) {
      const bar = this.getView().down<DfLiveBar>('dflivebar');
      if (bar) bar.setStatus(this.status, this.state.ts);
    },

    onRangeChange: function (this: DfLiveControllerImpl, ms: number) {
      this.rangeMs = ms;
      this.refresh();
    },

    scheduleRender: function (this: DfLiveControllerImpl) {
      if (this.renderTimer !== null) return;
      this.renderTimer = window.setTimeout(() => {
        this.renderTimer = null;
        if (!this.getView().isDestroyed) this.refresh();
      }, RENDER_EVERY_MS);
    },

    /** Loads history where needed, then renders the visible sections from the live state. */
    refresh: function (this: DfLiveControllerImpl) {
      if (!this.snapshotSeen) return;
      // time machine: the charts stay on their window (live updates keep the state, they are not drawn)
      if (this.tm && this.tm.isActive()) return this.tm.refresh();
      const key = this.cluster + '|' + this.rangeMs;
      const ctx: DfHistoryContext = { cluster: this.cluster, rangeMs: this.rangeMs, state: this.state };
      this.visibleSections().forEach((s) => {
        if (s.historyKey !== key) {
          s.historyKey = key;
          s.loadHistory(ctx).then(() => {
            if (!s.isDestroyed) s.onLiveState(this.state);
            if (!s.isDestroyed && this.tm) this.tm.afterHistory(s, ctx);
          });
        } else {
          s.onLiveState(this.state);
        }
      });
    },

    /** Header: the time machine toggle and the CSV export (common/TimeMachine.ts). */
    onTimeMachine: function (this: DfLiveControllerImpl, on: boolean) {
      if (this.tm) this.tm.toggle(on);
    },

    onCsvExport: function (this: DfLiveControllerImpl) {
      if (this.tm) this.tm.exportCsv();
    },

    showError: function (this: DfLiveControllerImpl, text: string) {
      this.visibleSections().forEach((s) => {
        if (s.rendered) s.setLoading(false);
      });
      const bar = this.getView().down('dflivebar #liveStatus');
      if (bar) bar.update('<span class="df-dot df-state-crit"></span>' + Ext.String.htmlEncode(text));
    },
  });
})();
