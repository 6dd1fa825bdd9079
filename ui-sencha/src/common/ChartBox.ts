/**
 * A Chart.js line chart inside an Ext component (xtype `dfchart`), described by a DfChartSpec:
 * history comes from GET /series for the selected range, then every live update appends a point
 * (or refreshes the point of the current time bucket) so the chart moves by itself.
 * Titles are the module's own texts, HTML-encoded anyway; line names from the cluster are drawn on
 * the canvas (never inserted as HTML).
 * Helpers: ChartBoxOptions (Chart.js config), ChartBoxLines (datasets, colours, threshold, badge),
 * ChartBoxData (GET /series, live points), ChartBoxOverlays (time machine: comparison lines, marker).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const MIN_GAP_MS = 10000;

  interface ChartBoxImpl extends DfChartBox {
    rangeMs: number;
    stepMs: number;
    loaded: boolean;
    lines: Record<string, DfChartDataset>;
    /** The threshold as drawn now (null: none yet), and the state it was resolved from (live or a snapshot). */
    resolved: DfChartThreshold | null;
    thresholdState: DfLiveState | null;
    canvasEl: HTMLCanvasElement | null;
    emptyEl: HTMLElement | null;
    stateEl: HTMLElement | null;
    loadSeq: number;
    /** Time machine: end of the fixed window shown (null = live, the window ends now). */
    fixedEnd: number | null;
    overlays: DfChartDataset[];
    windowEnd(): number;
    drawMarker(chart: Chart): void;
    createChart(): void;
    lineFor(specIndex: number, key: string): DfChartDataset;
    lineName(spec: DfSeriesSpec, key: string): string;
    recolor(): void;
    redraw(): void;
    slide(now: number): void;
    updateThreshold(state: DfLiveState | null): boolean;
    refreshThreshold(): void;
    showEmpty(text: string | null): void;
    updateBadge(): void;
    buildConfig(): DfChartConfig;
  }

  function encode(s: string): string {
    return Ext.String.htmlEncode(s);
  }

  Ext.define('Flamingo2.view.monitoring.common.ChartBox', {
    extend: 'Ext.Component',
    alias: 'widget.dfchart',
    requires: [
      'Flamingo2.view.monitoring.common.ChartBoxData',
      'Flamingo2.view.monitoring.common.ChartBoxLines',
      'Flamingo2.view.monitoring.common.ChartBoxOptions',
      'Flamingo2.view.monitoring.common.ChartBoxOverlays',
      'Flamingo2.view.monitoring.common.ChartLib',
      'Flamingo2.view.monitoring.common.Format',
      'Flamingo2.view.monitoring.common.SeriesMath',
      'Flamingo2.view.monitoring.common.Sidecar',
      'Flamingo2.view.monitoring.common.Styles',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    spec: null,
    chart: null,
    height: 250,

    initComponent: function (this: ChartBoxImpl) {
      ns().Styles.ensure();
      const spec = this.spec;
      this.rangeMs = 15 * 60 * 1000;
      this.stepMs = 0;
      this.loaded = false;
      this.lines = {};
      this.resolved = null;
      this.thresholdState = null;
      this.loadSeq = 0;
      this.fixedEnd = null;
      this.markerTs = null;
      this.overlays = [];
      if (spec.height) this.height = spec.height;
      this.html =
        '<div class="df-card">' +
        '<div class="df-card-head"><span class="df-card-title">' +
        encode(spec.title) +
        '</span>' +
        '<span class="df-card-sub">' +
        encode(spec.y2Unit ? spec.unit + ' · ' + spec.y2Unit : spec.unit) +
        '</span>' +
        '<span class="df-card-state"></span></div>' +
        '<div class="df-card-body"><canvas></canvas><div class="df-empty">' +
        encode(ns().Texts.t('monitoring.kafka.common.loading')) +
        '</div></div>' +
        '</div>';
      this.callParent(arguments);
    },

    afterRender: function (this: ChartBoxImpl) {
      this.callParent(arguments);
      const dom = this.getEl().dom;
      this.canvasEl = dom.querySelector('canvas');
      this.emptyEl = dom.querySelector('.df-empty') as HTMLElement | null;
      this.stateEl = dom.querySelector('.df-card-state') as HTMLElement | null;
      ns().ChartLib.ready(() => {
        if (!this.isDestroyed) this.createChart();
      });
    },

    onDestroy: function (this: ChartBoxImpl) {
      if (this.chart) {
        this.chart.destroy();
        this.chart = null;
      }
      this.callParent(arguments);
    },

    setSpec: function (this: ChartBoxImpl, spec: DfChartSpec) {
      this.spec = spec;
      this.lines = {};
      this.loaded = false;
      this.resolved = null;
      const title = this.rendered ? this.getEl().dom.querySelector('.df-card-title') : null;
      if (title) title.textContent = spec.title;
      if (this.chart) {
        this.chart.destroy();
        this.chart = null;
        this.createChart();
      }
    },

    buildConfig: function (this: ChartBoxImpl): DfChartConfig {
      return ns().ChartBoxOptions.build(this.spec, {
        rangeMs: () => this.rangeMs,
        canvasWidth: () => (this.canvasEl ? this.canvasEl.clientWidth : 400),
        afterDatasetsDraw: (chart) => this.drawMarker(chart),
      });
    },

    createChart: function (this: ChartBoxImpl) {
      if (!this.canvasEl || this.chart) return;
      this.chart = new Chart(this.canvasEl, this.buildConfig());
      if (this.loaded) this.redraw();
    },

    lineName: function (this: ChartBoxImpl, spec: DfSeriesSpec, key: string): string {
      return ns().ChartBoxLines.name(spec, key);
    },

    lineFor: function (this: ChartBoxImpl, specIndex: number, key: string): DfChartDataset {
      const id = specIndex + '|' + key;
      let line = this.lines[id];
      if (!line) {
        const spec = this.spec.series[specIndex] as DfSeriesSpec;
        line = ns().ChartBoxLines.create(spec, id, this.lineName(spec, key));
        this.lines[id] = line;
        this.recolor();
      }
      return line;
    },

    recolor: function (this: ChartBoxImpl) {
      ns().ChartBoxLines.recolor(this.spec, this.lines);
    },

    loadHistory: function (this: ChartBoxImpl, ctx: DfHistoryContext): Promise<void> {
      const C = ns();
      const seq = ++this.loadSeq;
      // live: the range up to now; time machine: the fixed window [ctx.from, ctx.to]
      const to = ctx.to !== undefined ? ctx.to : Date.now();
      const from = ctx.from !== undefined ? ctx.from : to - ctx.rangeMs;
      this.fixedEnd = ctx.to !== undefined ? ctx.to : null;
      this.rangeMs = to - from;
      this.overlays = [];
      this.showEmpty(C.Texts.t('monitoring.kafka.common.loading'));
      return this.fetchLines(ctx, from, to).then(
        (res) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.lines = {};
          Object.keys(res.lines).forEach((id) => {
            const parts = C.ChartBoxLines.splitId(id);
            this.lineFor(parts.specIndex, parts.key).data = res.lines[id] || [];
          });
          this.stepMs = res.stepMs;
          this.loaded = true;
          this.updateThreshold(ctx.state);
          this.slide(this.windowEnd());
          this.redraw();
        },
        (err: Error) => {
          if (seq !== this.loadSeq || this.isDestroyed) return;
          this.loaded = true;
          this.redraw();
          this.showEmpty(C.Texts.t('monitoring.kafka.common.load_failed', [err.message]));
        },
      );
    },

    /** The chart's lines over [from, to] from GET /series, keyed `specIndex|splitValue` (history and comparisons). */
    fetchLines: function (this: ChartBoxImpl, ctx: DfHistoryContext, from: number, to: number): Promise<DfChartLines> {
      return ns().ChartBoxData.fetchLines(this.spec, ctx, from, to);
    },

    /** Comparison lines (dashed, same colour as their line) drawn over the chart; null/empty removes them. */
    setCompare: function (this: ChartBoxImpl, lines: Record<string, DfPoint[]> | null, offsetMs: number, suffix: string) {
      this.overlays = ns().ChartBoxOverlays.compareLines(this.spec, lines, this.lines, offsetMs, suffix);
      if (this.loaded) this.redraw();
    },

    /** Where the time machine's scrubber stands (null: no marker). */
    setMarker: function (this: ChartBoxImpl, ts: number | null) {
      if (this.markerTs === ts) return;
      this.markerTs = ts;
      if (this.chart) this.chart.draw();
    },

    drawMarker: function (this: ChartBoxImpl, chart: Chart) {
      ns().ChartBoxOverlays.drawMarker(chart, this.markerTs);
    },

    windowEnd: function (this: ChartBoxImpl): number {
      return this.fixedEnd !== null ? this.fixedEnd : Date.now();
    },

    /** What the chart shows now (lines and comparison lines, no threshold), for the CSV export. */
    shownDatasets: function (this: ChartBoxImpl): DfChartDataset[] {
      return ns()
        .ChartBoxLines.sortedIds(this.lines)
        .map((id) => this.lines[id] as DfChartDataset)
        .concat(this.overlays);
    },

    applyLive: function (this: ChartBoxImpl, state: DfLiveState) {
      if (!this.loaded) return;
      const C = ns();
      const now = Date.now();
      const from = now - this.rangeMs;
      C.ChartBoxData.livePoints(this.spec, state).forEach((p) => {
        C.SeriesMath.appendLive(this.lineFor(p.specIndex, p.key).data, p.point, this.stepMs, from);
      });
      this.updateThreshold(state);
      this.slide(now);
      this.redraw();
    },

    /** The threshold line from a state other than the live one (the time machine's snapshot), redrawn. */
    thresholdFrom: function (this: ChartBoxImpl, state: DfLiveState) {
      if (!this.spec.threshold) return;
      if (this.updateThreshold(state) && this.loaded) this.redraw();
    },

    /** The cluster's alert rules changed (common/RuleThresholds.ts): the threshold again from the state it came from. */
    refreshThreshold: function (this: ChartBoxImpl) {
      if (!this.spec.threshold || !this.thresholdState) return;
      if (this.updateThreshold(this.thresholdState) && this.loaded) this.redraw();
    },

    /** Resolves the threshold (rule, value, label) from state; true when what is drawn changes. */
    updateThreshold: function (this: ChartBoxImpl, state: DfLiveState | null): boolean {
      const th = this.spec.threshold;
      if (!th) return false;
      if (state) this.thresholdState = state;
      const before = this.resolved;
      this.resolved = ns().ChartBoxLines.resolve(th, state || this.thresholdState, before);
      return JSON.stringify(before) !== JSON.stringify(this.resolved);
    },

    slide: function (this: ChartBoxImpl, now: number) {
      const from = now - this.rangeMs;
      const D = ns().ChartBoxData;
      D.trim(
        Object.keys(this.lines).map((id) => this.lines[id] as DfChartDataset),
        from,
      );
      D.trim(this.overlays, from);
      if (!this.chart) return;
      const scales = this.chart.options.scales || {};
      const x = scales['x'];
      if (x) {
        x.min = from;
        x.max = now;
      }
    },

    redraw: function (this: ChartBoxImpl) {
      const th = this.spec.threshold;
      const datasets = this.shownDatasets();
      const gap = Math.max(this.stepMs, MIN_GAP_MS) * 3;
      datasets.forEach((d) => {
        d.spanGaps = gap;
      });
      const points = this.pointCount();
      if (th && this.resolved && this.resolved.limit.value !== undefined) {
        const now = this.windowEnd();
        datasets.push(ns().ChartBoxLines.threshold(this.resolved, now - this.rangeMs, now));
      }
      this.updateBadge();
      this.showEmpty(points > 0 ? null : ns().Texts.t(this.spec.emptyText || 'monitoring.kafka.common.no_data'));
      if (!this.chart) return;
      this.chart.data.datasets = datasets;
      this.chart.update('none');
    },

    updateBadge: function (this: ChartBoxImpl) {
      const th = this.spec.threshold;
      if (!this.stateEl || !th) return;
      const fresh = this.windowEnd() - Math.max(this.stepMs, MIN_GAP_MS) * 6;
      const badge = ns().ChartBoxLines.badge(this.resolved, this.lines, fresh);
      this.stateEl.className = 'df-card-state df-text-' + badge.state;
      this.stateEl.innerHTML = badge.text ? '<span class="df-dot df-state-' + badge.state + '"></span>' + encode(badge.text) : '';
    },

    showEmpty: function (this: ChartBoxImpl, text: string | null) {
      if (!this.emptyEl) return;
      this.emptyEl.style.display = text ? '' : 'none';
      this.emptyEl.textContent = text || '';
    },

    values: function (this: ChartBoxImpl, key: string, specIndex?: number): number[] {
      const line = this.lines[(specIndex || 0) + '|' + key];
      return line ? line.data.map((p) => p.y) : [];
    },

    pointCount: function (this: ChartBoxImpl): number {
      return Object.keys(this.lines).reduce((n, id) => n + (this.lines[id] as DfChartDataset).data.length, 0);
    },
  });
})();
