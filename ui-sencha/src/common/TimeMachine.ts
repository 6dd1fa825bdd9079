/**
 * The time machine of one panel (owned by its LiveController, which keeps only small hooks):
 * while active, every visible chart shows a fixed past window (GET /series from/to) and stays
 * still — live updates still reach the LiveState, they are just not drawn — a scrubber moves a
 * marker over every chart and sets lights, tiles and grids to the snapshot at that instant
 * (GET snapshot?at=, debounced); comparison lines overlay another window (now, 1 h / 1 day /
 * 1 week earlier) shifted onto this one; "Back to live" reloads live history and resumes.
 * Also opens on Ext.GlobalEvents `dftimemachine` ({cluster, at, windowMs}) for its cluster,
 * and exports what the visible tab's charts show as CSV.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const SCRUB_DEBOUNCE_MS = 250;

  interface Observable {
    on(name: string, fn: (...args: never[]) => void): void;
    un(name: string, fn: (...args: never[]) => void): void;
  }

  interface TimeMachineImpl extends DfTimeMachine {
    ctl: DfLiveControllerImpl;
    active: boolean;
    key: string;
    snapSeq: number;
    scrubTimer: number | null;
    onGlobal: (req: DfTimeMachineRequest) => void;
    view(): Ext.Panel;
    bar(): DfTimeMachineBar;
    barCmp: DfTimeMachineBar | null;
    syncHeader(): void;
    charts(): DfChartBox[];
    sections(): DfSection[];
    loadSnapshot(ts: number): void;
    renderSnapshot(): void;
    renderSection(section: DfSection, snap: DfLiveState): void;
    applyCompare(chart: DfChartBox, ctx: DfHistoryContext): void;
    window(): { from: number; to: number };
  }

  function globalEvents(): Observable | null {
    return (Ext as unknown as { GlobalEvents?: Observable }).GlobalEvents || null;
  }

  Ext.define('Flamingo2.view.monitoring.common.TimeMachine', {
    requires: [
      'Flamingo2.view.monitoring.common.TimeMachineBar',
      'Flamingo2.view.monitoring.common.TimeMachineMath',
      'Flamingo2.view.monitoring.common.CsvExport',
      'Flamingo2.view.monitoring.common.LiveState',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    constructor: function (this: TimeMachineImpl, cfg: { controller: DfLiveControllerImpl }) {
      this.ctl = cfg.controller;
      this.active = false;
      this.key = '';
      this.from = 0;
      this.to = 0;
      this.at = 0;
      this.windowMs = 3600e3;
      this.scrubTs = 0;
      this.compare = 'off';
      this.snap = null;
      this.snapSeq = 0;
      this.scrubTimer = null;
      this.barCmp = null;
      this.onGlobal = (req) => {
        if (!req || String(req.cluster) !== this.ctl.cluster || this.view().isDestroyed) return;
        const at = Number(req.at);
        if (!isFinite(at)) return;
        this.enter(at, Number(req.windowMs) > 0 ? Number(req.windowMs) : 3600e3);
      };
      const g = globalEvents();
      if (g) g.on('dftimemachine', this.onGlobal);
    },

    dispose: function (this: TimeMachineImpl) {
      const g = globalEvents();
      if (g) g.un('dftimemachine', this.onGlobal);
      if (this.scrubTimer !== null) window.clearTimeout(this.scrubTimer);
      this.scrubTimer = null;
      this.active = false;
    },

    view: function (this: TimeMachineImpl): Ext.Panel {
      return this.ctl.getView() as Ext.Panel;
    },

    isActive: function (this: TimeMachineImpl): boolean {
      return this.active;
    },

    bar: function (this: TimeMachineImpl): DfTimeMachineBar {
      if (!this.barCmp || this.barCmp.isDestroyed) {
        const bar = this.view().addDocked<DfTimeMachineBar>({ xtype: 'dftimemachinebar', dock: 'top', hidden: true })[0] as DfTimeMachineBar;
        bar.on('go', (at: number, windowMs: number) => this.enter(at, windowMs));
        bar.on('scrub', (ts: number) => this.scrubTo(ts));
        bar.on('compare', (choice: string) => this.setCompare(choice));
        bar.on('live', () => this.leave(true));
        this.barCmp = bar;
      }
      return this.barCmp;
    },

    /** The header: the toggle pressed while active, the live range selector disabled. */
    syncHeader: function (this: TimeMachineImpl) {
      const live = this.view().down<Ext.Container>('dflivebar');
      if (!live) return;
      const toggle = live.down<Ext.Button>('#timeMachine');
      if (toggle) toggle.toggle(this.active, true);
      const range = live.down('#range');
      if (range) range.setDisabled(this.active);
      if (this.active) this.view().addCls('df-tm-active');
      else this.view().removeCls('df-tm-active');
    },

    /** Every section of the panel, visible or not (the ZooKeeper panel is itself one). */
    sections: function (this: TimeMachineImpl): DfSection[] {
      const view = this.view() as unknown as DfSection;
      return view.isDfSection ? [view] : view.query<DfSection>('[isDfSection]');
    },

    charts: function (this: TimeMachineImpl): DfChartBox[] {
      const out: DfChartBox[] = [];
      this.ctl.visibleSections().forEach((s) => s.charts().forEach((c) => out.push(c)));
      return out;
    },

    toggle: function (this: TimeMachineImpl, on: boolean) {
      if (on && !this.active) {
        // freeze what is on screen: the current range up to now, scrubber at its end
        const now = Date.now();
        this.enter(now - this.ctl.rangeMs / 2, this.ctl.rangeMs);
      } else if (!on && this.active) {
        this.leave(true);
      }
    },

    enter: function (this: TimeMachineImpl, at: number, windowMs: number) {
      const M = ns().TimeMachineMath;
      const now = Date.now();
      const w = Math.max(60e3, Math.min(M.MAX_WINDOW_MS, windowMs));
      const when = Math.min(at, now);
      const win = M.windowAround(when, w, now);
      this.active = true;
      this.at = when;
      this.windowMs = w;
      this.from = win.from;
      this.to = win.to;
      this.scrubTs = Math.max(win.from, Math.min(win.to, when));
      this.key = 'tm|' + this.ctl.cluster + '|' + win.from + '|' + win.to;
      this.sections().forEach((s) => {
        s.historyKey = null;
      });
      const bar = this.bar();
      bar.show();
      bar.setWindow({ from: win.from, to: win.to, at: when, windowMs: w, scrubTs: this.scrubTs });
      this.syncHeader();
      this.snap = null;
      this.refresh();
      this.scrubTo(this.scrubTs);
    },

    leave: function (this: TimeMachineImpl, reload: boolean) {
      if (!this.active) return;
      this.active = false;
      this.snap = null;
      this.snapSeq++;
      this.compare = 'off';
      if (this.scrubTimer !== null) window.clearTimeout(this.scrubTimer);
      this.scrubTimer = null;
      if (this.barCmp && !this.barCmp.isDestroyed) {
        this.barCmp.setCompareChoice('off');
        this.barCmp.hide();
      }
      this.syncHeader();
      this.sections().forEach((s) => {
        s.historyKey = null;
        s.charts().forEach((c) => {
          c.setMarker(null);
          c.setCompare(null, 0, '');
        });
      });
      if (reload) this.ctl.refresh();
    },

    window: function (this: TimeMachineImpl): { from: number; to: number } {
      if (this.active) return { from: this.from, to: this.to };
      const now = Date.now();
      return { from: now - this.ctl.rangeMs, to: now };
    },

    refresh: function (this: TimeMachineImpl) {
      // past targets: the charts draw every target with data in the window (the live list lacks those gone since)
      const ctx: DfHistoryContext = {
        cluster: this.ctl.cluster,
        rangeMs: this.to - this.from,
        from: this.from,
        to: this.to,
        at: this.scrubTs,
        state: this.ctl.state,
        pastTargets: true,
      };
      this.ctl.visibleSections().forEach((s) => {
        if (s.historyKey !== this.key) {
          s.historyKey = this.key;
          s.loadHistory(ctx).then(() => {
            if (s.isDestroyed || !this.active) return;
            s.charts().forEach((c) => {
              c.setMarker(this.scrubTs);
              this.applyCompare(c, ctx);
            });
            if (this.snap) this.renderSection(s, this.snap);
          });
        } else if (this.snap) {
          this.renderSection(s, this.snap);
        }
      });
    },

    afterHistory: function (this: TimeMachineImpl, section: DfSection, ctx: DfHistoryContext) {
      if (this.compare === 'off') return;
      section.charts().forEach((c) => this.applyCompare(c, ctx));
    },

    scrubTo: function (this: TimeMachineImpl, ts: number) {
      if (!this.active) return;
      this.scrubTs = ts;
      this.charts().forEach((c) => c.setMarker(ts));
      this.bar().setSnapshotTime(ts, true);
      if (this.scrubTimer !== null) window.clearTimeout(this.scrubTimer);
      this.scrubTimer = window.setTimeout(() => {
        this.scrubTimer = null;
        this.loadSnapshot(ts);
      }, SCRUB_DEBOUNCE_MS);
    },

    loadSnapshot: function (this: TimeMachineImpl, ts: number) {
      const seq = ++this.snapSeq;
      const cluster = this.ctl.cluster;
      ns()
        .Sidecar.get<DfSnapshot>('/clusters/' + encodeURIComponent(cluster) + '/snapshot', [
          ['view', this.ctl.liveView],
          ['at', Math.round(ts)],
        ])
        .then(
          (snap) => {
            if (seq !== this.snapSeq || !this.active || this.view().isDestroyed) return;
            const state = Ext.create<DfLiveState>('Flamingo2.view.monitoring.common.LiveState', { cluster: cluster });
            state.applySnapshot(snap);
            this.snap = state;
            this.bar().setSnapshotTime(snap.ts, false);
            this.renderSnapshot();
          },
          (err: Error) => {
            if (seq !== this.snapSeq || !this.active) return;
            this.bar().showError(ns().Texts.t('monitoring.kafka.common.tm.snapshot_failed', [err.message]));
          },
        );
    },

    renderSnapshot: function (this: TimeMachineImpl) {
      const snap = this.snap;
      if (!snap) return;
      this.ctl.visibleSections().forEach((s) => this.renderSection(s, snap));
    },

    /** Lights, tiles, grids and threshold lines of a section as of the snapshot (never the live state). */
    renderSection: function (this: TimeMachineImpl, section: DfSection, snap: DfLiveState) {
      (section as DfSectionImpl).renderState(snap);
      section.charts().forEach((c) => c.thresholdFrom(snap));
    },

    setCompare: function (this: TimeMachineImpl, choice: string) {
      this.compare = choice;
      if (this.barCmp && !this.barCmp.isDestroyed) this.barCmp.setCompareChoice(choice);
      const w = this.window();
      const ctx: DfHistoryContext = {
        cluster: this.ctl.cluster,
        rangeMs: w.to - w.from,
        from: w.from,
        to: w.to,
        state: this.ctl.state,
        pastTargets: this.active,
      };
      this.charts().forEach((c) => this.applyCompare(c, ctx));
    },

    applyCompare: function (this: TimeMachineImpl, chart: DfChartBox, ctx: DfHistoryContext) {
      const to = ctx.to !== undefined ? ctx.to : Date.now();
      const from = ctx.from !== undefined ? ctx.from : to - ctx.rangeMs;
      const choice = this.compare;
      const offset = ns().TimeMachineMath.compareOffset(choice, to, Date.now());
      if (choice === 'off' || offset === 0) {
        chart.setCompare(null, 0, '');
        return;
      }
      const suffix = ns().Texts.t('monitoring.kafka.common.tm.suffix.' + choice);
      chart.fetchLines(ctx, from - offset, to - offset).then(
        (res) => {
          if (!chart.isDestroyed && this.compare === choice) chart.setCompare(res.lines, offset, suffix);
        },
        () => {
          if (!chart.isDestroyed) chart.setCompare(null, 0, '');
        },
      );
    },

    exportCsv: function (this: TimeMachineImpl) {
      const X = ns().CsvExport;
      const charts = this.charts().map((c) => ({ title: c.spec.title, datasets: c.shownDatasets() }));
      const w = this.window();
      const stamp = (ts: number) => ns().TimeMachineMath.stamp(ts).replace(/[-: ]/g, '');
      const tab = this.ctl.visibleSections()[0];
      const tabName = tab && tab.itemId && !/^ext-/.test(tab.itemId) ? tab.itemId : (tab && (tab as unknown as { xtype?: string }).xtype) || '';
      X.download(X.fileName([this.ctl.cluster, this.ctl.liveView, tabName.replace(/^df/, ''), stamp(w.from), stamp(w.to)]), X.build(X.rows(charts)));
    },
  });
})();
