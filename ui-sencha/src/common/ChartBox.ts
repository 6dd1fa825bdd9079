/**
 * A Chart.js line chart inside an Ext component (xtype `dfchart`), described by a DfChartSpec:
 * history comes from GET /series for the selected range, then every live update appends a point
 * (or refreshes the point of the current time bucket) so the chart moves by itself.
 * Titles are the module's own texts, HTML-encoded anyway; line names from the cluster are drawn on
 * the canvas (never inserted as HTML).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const MIN_GAP_MS = 10000;

  interface ChartBoxImpl extends DfChartBox {
    rangeMs: number;
    stepMs: number;
    loaded: boolean;
    lines: Record<string, DfChartDataset>;
    thresholdValue: number | undefined;
    canvasEl: HTMLCanvasElement | null;
    emptyEl: HTMLElement | null;
    stateEl: HTMLElement | null;
    loadSeq: number;
    /** Time machine: end of the fixed window shown (null = live, the window ends now). */
    fixedEnd: number | null;
    markerTs: number | null;
    overlays: DfChartDataset[];
    windowEnd(): number;
    drawMarker(chart: Chart): void;
    createChart(): void;
    lineFor(specIndex: number, key: string): DfChartDataset;
    lineName(spec: DfSeriesSpec, key: string): string;
    recolor(): void;
    redraw(): void;
    slide(now: number): void;
    updateThreshold(state: DfLiveState | null): void;
    showEmpty(text: string | null): void;
    updateBadge(): void;
    buildConfig(): DfChartConfig;
  }

  const BYTE_UNITS = ['bytes', 'bytes/s'];
  const INTEGER_UNITS = ['count', 'messages'];

  /** A y axis for a unit: binary steps for bytes, whole numbers for counts, 1-2-5 labels on log axes. */
  function yAxis(unit: string, position: 'left' | 'right', log: boolean, fmt: (v: number) => string): DfChartScaleOptions {
    const axis: DfChartScaleOptions = {
      type: log ? 'logarithmic' : 'linear',
      position: position,
      beginAtZero: !log,
      grid: position === 'left' ? { color: '#eef1f5', tickColor: '#eef1f5' } : { drawOnChartArea: false },
      border: { display: false },
      ticks: { maxTicksLimit: 6, callback: (v) => fmt(Number(v)) },
    };
    if (log) {
      axis.ticks = { autoSkip: false, callback: (v) => fmt(Number(v)) };
      axis.afterBuildTicks = (scale) => {
        const values = (mantissas: number[]) => {
          const out: DfChartTick[] = [];
          const lo = Math.floor(Math.log(Math.max(scale.min, 1e-6)) / Math.LN10);
          const hi = Math.ceil(Math.log(Math.max(scale.max, 1e-6)) / Math.LN10);
          for (let k = lo; k <= hi; k++) {
            mantissas.forEach((m) => {
              const v = m * Math.pow(10, k);
              if (v >= scale.min * 0.999 && v <= scale.max * 1.001) out.push({ value: v });
            });
          }
          return out;
        };
        const choices = [values([1, 2, 5]), values([1, 5]), values([1])];
        scale.ticks = choices.filter((c) => c.length <= 6)[0] || values([1]);
      };
    } else if (BYTE_UNITS.indexOf(unit) >= 0) {
      axis.bounds = 'data';
      if (axis.ticks) axis.ticks.autoSkip = false;
      axis.afterDataLimits = (scale) => {
        const step = ns().SeriesMath.binaryStep(scale.max, 4);
        scale.min = 0;
        scale.max = Math.max(step, Math.ceil(scale.max / step) * step);
      };
      axis.afterBuildTicks = (scale) => {
        const step = ns().SeriesMath.binaryStep(scale.max, 4);
        const ticks: DfChartTick[] = [];
        for (let v = 0; v <= scale.max + step / 1000; v += step) ticks.push({ value: v });
        scale.ticks = ticks;
      };
    } else if (INTEGER_UNITS.indexOf(unit) >= 0 && axis.ticks) {
      axis.ticks.precision = 0;
    }
    return axis;
  }

  function encode(s: string): string {
    return Ext.String.htmlEncode(s);
  }

  Ext.define('Flamingo2.view.monitoring.common.ChartBox', {
    extend: 'Ext.Component',
    alias: 'widget.dfchart',
    requires: [
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
      this.thresholdValue = undefined;
      this.loadSeq = 0;
      this.fixedEnd = null;
      this.markerTs = null;
      this.overlays = [];
      if (spec.height) this.height = spec.height;
      this.html =
        '<div class="df-card">' +
        '<div class="df-card-head"><span class="df-card-title">' + encode(spec.title) + '</span>' +
        '<span class="df-card-sub">' + encode(spec.y2Unit ? spec.unit + ' · ' + spec.y2Unit : spec.unit) + '</span>' +
        '<span class="df-card-state"></span></div>' +
        '<div class="df-card-body"><canvas></canvas><div class="df-empty">' + encode(ns().Texts.t('monitoring.kafka.common.loading')) + '</div></div>' +
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
      const title = this.rendered ? this.getEl().dom.querySelector('.df-card-title') : null;
      if (title) title.textContent = spec.title;
      if (this.chart) {
        this.chart.destroy();
        this.chart = null;
        this.createChart();
      }
    },

    buildConfig: function (this: ChartBoxImpl): DfChartConfig {
      const spec = this.spec;
      const F = ns().Format;
      const yFmt = F.byUnit(spec.unit);
      const y2Fmt = F.byUnit(spec.y2Unit || spec.unit);
      const grid = '#eef1f5';
      const scales: Record<string, DfChartScaleOptions> = {
        x: {
          type: 'linear',
          grid: { color: grid, tickColor: grid },
          border: { color: '#d5dae1' },
          ticks: {
            maxRotation: 0,
            autoSkip: false,
            callback: (v) => F.time(Number(v), this.rangeMs),
          },
          afterBuildTicks: (scale) => {
            const width = this.canvasEl ? this.canvasEl.clientWidth : 400;
            const max = Math.max(2, Math.min(8, Math.floor(width / 80)));
            scale.ticks = ns().SeriesMath.timeTicks(scale.min, scale.max, max).map((v) => ({ value: v }));
          },
        },
        y: yAxis(spec.unit, 'left', !!spec.log, yFmt),
      };
      if (spec.y2Unit) scales['y2'] = yAxis(spec.y2Unit, 'right', false, y2Fmt);
      return {
        type: 'line',
        data: { datasets: [] },
        // the time machine's scrubber: a vertical line at markerTs
        plugins: [{ id: 'dfMarker', afterDatasetsDraw: (chart: Chart) => this.drawMarker(chart) }],
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          parsing: false,
          normalized: true,
          interaction: { mode: 'nearest', axis: 'x', intersect: false },
          layout: { padding: { top: 4, right: 6 } },
          scales: scales,
          plugins: {
            legend: {
              position: 'bottom',
              align: 'start',
              labels: { usePointStyle: true, pointStyleWidth: 18, padding: 10, font: { size: 11 } },
            },
            tooltip: {
              callbacks: {
                title: (items) => (items[0] ? new Date(items[0].parsed.x).toLocaleString() : ''),
                label: (item) => {
                  const fmt = item.dataset.yAxisID === 'y2' ? y2Fmt : yFmt;
                  return ' ' + item.dataset.label + ': ' + fmt(item.parsed.y);
                },
              },
            },
          },
        },
      };
    },

    createChart: function (this: ChartBoxImpl) {
      if (!this.canvasEl || this.chart) return;
      this.chart = new Chart(this.canvasEl, this.buildConfig());
      if (this.loaded) this.redraw();
    },

    lineName: function (this: ChartBoxImpl, spec: DfSeriesSpec, key: string): string {
      if (typeof spec.name === 'function') return spec.name(key);
      if (spec.name) return key ? key + ' ' + spec.name : spec.name;
      return key || spec.metric;
    },

    lineFor: function (this: ChartBoxImpl, specIndex: number, key: string): DfChartDataset {
      const id = specIndex + '|' + key;
      let line = this.lines[id];
      if (!line) {
        const spec = this.spec.series[specIndex] as DfSeriesSpec;
        line = {
          label: this.lineName(spec, key),
          data: [],
          borderWidth: 1.6,
          pointRadius: 0,
          pointHoverRadius: 3,
          tension: 0.25,
          borderDash: spec.dash,
          yAxisID: spec.axis || 'y',
          fill: spec.fill ? 'origin' : false,
          pointStyle: 'line',
          dfKey: id,
        };
        this.lines[id] = line;
        this.recolor();
      }
      return line;
    },

    recolor: function (this: ChartBoxImpl) {
      const S = ns().Styles;
      const ids = Object.keys(this.lines).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      const splitKeys: string[] = [];
      ids.forEach((id) => {
        const k = id.slice(id.indexOf('|') + 1);
        if (splitKeys.indexOf(k) < 0) splitKeys.push(k);
      });
      ids.forEach((id) => {
        const line = this.lines[id] as DfChartDataset;
        const specIndex = Number(id.slice(0, id.indexOf('|')));
        const key = id.slice(id.indexOf('|') + 1);
        const spec = this.spec.series[specIndex] as DfSeriesSpec;
        const color = spec.color || (spec.colorKey ? spec.colorKey(key) : S.colorAt(spec.split ? splitKeys.indexOf(key) : specIndex));
        line.borderColor = color;
        line.backgroundColor = spec.fill ? color + '22' : color;
      });
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
            const cut = id.indexOf('|');
            this.lineFor(Number(id.slice(0, cut)), id.slice(cut + 1)).data = res.lines[id] || [];
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
      const C = ns();
      const jobs = this.spec.series.map((spec, i) => {
        const params: Array<[string, string | number]> = [
          ['metric', spec.metric],
          ['from', Math.round(from)],
          ['to', Math.round(to)],
          ['maxPoints', 300],
        ];
        if (spec.agg) params.push(['agg', spec.agg]);
        const by = C.SeriesMath.byParam(spec);
        if (by !== null) params.push(['by', by]);
        Object.keys(spec.labels || {}).forEach((k) => params.push(['label.' + k, (spec.labels || {})[k] as string]));
        let allowed: ((t: string | undefined) => boolean) | undefined;
        if (spec.target) {
          params.push(['target', spec.target]);
        } else if (spec.kind) {
          const keys = ctx.state.targets(spec.kind).map((t) => t.key);
          if (keys.length === 0) return Promise.resolve(null);
          keys.forEach((k) => params.push(['target', k]));
          allowed = (t) => t === undefined || keys.indexOf(t) >= 0;
        }
        return C.Sidecar.get<DfSeriesResponse>('/clusters/' + encodeURIComponent(ctx.cluster) + '/series', params).then((res) => ({
          index: i,
          res: res,
          allowed: allowed,
        }));
      });
      return Promise.all(jobs).then((results) => {
        const lines: Record<string, DfPoint[]> = {};
        let step = 0;
        results.forEach((r) => {
          if (!r) return;
          const spec = this.spec.series[r.index] as DfSeriesSpec;
          const stepMs = (r.res.step || 0) * 1000;
          step = Math.max(step, stepMs);
          const merged = C.SeriesMath.mergeSeries(spec, r.res.series || [], stepMs, r.allowed);
          Object.keys(merged).forEach((key) => {
            lines[r.index + '|' + key] = merged[key] || [];
          });
        });
        return { lines: lines, stepMs: step };
      });
    },

    /** Comparison lines (dashed, same colour as their line) drawn over the chart; null/empty removes them. */
    setCompare: function (this: ChartBoxImpl, lines: Record<string, DfPoint[]> | null, offsetMs: number, suffix: string) {
      this.overlays = Object.keys(lines || {})
        .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
        .map((id) => {
          const cut = id.indexOf('|');
          const spec = this.spec.series[Number(id.slice(0, cut))] as DfSeriesSpec;
          const own = this.lines[id];
          const color = own && own.borderColor ? own.borderColor : ns().Styles.colorAt(Number(id.slice(0, cut)));
          return {
            label: this.lineName(spec, id.slice(cut + 1)) + ' (' + suffix + ')',
            data: ((lines || {})[id] || []).map((p) => ({ x: p.x + offsetMs, y: p.y })),
            borderColor: color,
            backgroundColor: color,
            borderWidth: 1.3,
            borderDash: [5, 4],
            pointRadius: 0,
            pointHoverRadius: 3,
            tension: 0.25,
            yAxisID: spec.axis || 'y',
            fill: false,
            pointStyle: 'line',
            dfKey: 'compare|' + id,
            dfCompare: true,
            order: 50,
          } as DfChartDataset;
        });
      if (this.loaded) this.redraw();
    },

    /** Where the time machine's scrubber stands (null: no marker). */
    setMarker: function (this: ChartBoxImpl, ts: number | null) {
      if (this.markerTs === ts) return;
      this.markerTs = ts;
      if (this.chart) this.chart.draw();
    },

    drawMarker: function (this: ChartBoxImpl, chart: Chart) {
      const ts = this.markerTs;
      const x = chart.scales['x'];
      if (ts === null || !x) return;
      const px = x.getPixelForValue(ts);
      const area = chart.chartArea;
      if (!(px >= area.left - 0.5 && px <= area.right + 0.5)) return;
      const g = chart.ctx;
      g.save();
      g.strokeStyle = '#d48806';
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(px, area.top);
      g.lineTo(px, area.bottom);
      g.stroke();
      g.fillStyle = '#d48806';
      g.beginPath();
      g.moveTo(px - 5, area.top);
      g.lineTo(px + 5, area.top);
      g.lineTo(px, area.top + 6);
      g.closePath();
      g.fill();
      g.restore();
    },

    windowEnd: function (this: ChartBoxImpl): number {
      return this.fixedEnd !== null ? this.fixedEnd : Date.now();
    },

    /** What the chart shows now (lines and comparison lines, no threshold), for the CSV export. */
    shownDatasets: function (this: ChartBoxImpl): DfChartDataset[] {
      const ids = Object.keys(this.lines).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      return ids.map((id) => this.lines[id] as DfChartDataset).concat(this.overlays);
    },

    applyLive: function (this: ChartBoxImpl, state: DfLiveState) {
      if (!this.loaded) return;
      const C = ns();
      const now = Date.now();
      const from = now - this.rangeMs;
      this.spec.series.forEach((spec, i) => {
        const groups: Record<string, { values: number[]; ts: number }> = {};
        state.latest(spec).forEach((s) => {
          const key = C.SeriesMath.splitKey(spec, s.target, s.labels);
          const g = groups[key] || (groups[key] = { values: [], ts: 0 });
          g.values.push(s.value);
          if (s.ts > g.ts) g.ts = s.ts;
        });
        Object.keys(groups).forEach((key) => {
          const g = groups[key] as { values: number[]; ts: number };
          const v = C.SeriesMath.combineValues(g.values, spec.combine || 'sum');
          if (v === undefined) return;
          C.SeriesMath.appendLive(this.lineFor(i, key).data, { x: g.ts, y: v * (spec.scale || 1) }, this.stepMs, from);
        });
      });
      this.updateThreshold(state);
      this.slide(now);
      this.redraw();
    },

    updateThreshold: function (this: ChartBoxImpl, state: DfLiveState | null) {
      const th = this.spec.threshold;
      if (!th) return;
      let v = th.value;
      if (th.from && state) {
        const base = state.combine(th.from, th.from.combine);
        if (base !== undefined) v = base * th.from.factor;
      }
      if (v !== undefined) this.thresholdValue = v;
    },

    slide: function (this: ChartBoxImpl, now: number) {
      const from = now - this.rangeMs;
      Object.keys(this.lines).forEach((id) => {
        const data = (this.lines[id] as DfChartDataset).data;
        while (data.length > 0 && (data[0] as DfPoint).x < from) data.shift();
      });
      this.overlays.forEach((o) => {
        while (o.data.length > 0 && (o.data[0] as DfPoint).x < from) o.data.shift();
      });
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
      const ids = Object.keys(this.lines).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      const datasets = ids.map((id) => this.lines[id] as DfChartDataset).concat(this.overlays);
      const gap = Math.max(this.stepMs, MIN_GAP_MS) * 3;
      datasets.forEach((d) => {
        d.spanGaps = gap;
      });
      const points = this.pointCount();
      if (th && this.thresholdValue !== undefined) {
        const now = this.windowEnd();
        datasets.push({
          label: th.label,
          data: [
            { x: now - this.rangeMs, y: this.thresholdValue },
            { x: now, y: this.thresholdValue },
          ],
          borderColor: ns().Styles.stateColors.crit,
          backgroundColor: ns().Styles.stateColors.crit,
          borderWidth: 1.2,
          borderDash: [6, 4],
          pointRadius: 0,
          pointHoverRadius: 0,
          yAxisID: 'y',
          pointStyle: 'line',
          dfThreshold: true,
          order: 100,
        });
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
      const T = ns().Texts;
      const thr = this.thresholdValue;
      let state: DfState = 'unknown';
      let text = '';
      if (thr !== undefined) {
        const fresh = this.windowEnd() - Math.max(this.stepMs, MIN_GAP_MS) * 6;
        const lasts = Object.keys(this.lines)
          .map((id) => (this.lines[id] as DfChartDataset).data)
          .map((d) => d[d.length - 1])
          .filter((p): p is DfPoint => !!p && p.x >= fresh);
        if (lasts.length > 0) {
          const bad = lasts.some((p) => (th.bad === 'below' ? p.y < thr : p.y > thr));
          state = bad ? 'crit' : 'ok';
          text = bad ? T.t(th.bad === 'below' ? 'monitoring.kafka.common.below_threshold' : 'monitoring.kafka.common.above_threshold') : T.t('monitoring.kafka.common.ok');
        }
      }
      this.stateEl.className = 'df-card-state df-text-' + state;
      this.stateEl.innerHTML = text ? '<span class="df-dot df-state-' + state + '"></span>' + encode(text) : '';
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
