/**
 * The timeline drawing (xtype `dfeventchart`): a Chart.js scatter chart in an Ext component,
 * x = time, one lane per family of event kinds, colour = severity (recoveries drawn as rings).
 * Click-drag selects a time span (fires `zoom` min, max), Ctrl/⌘ + wheel zooms around the cursor,
 * a click near a point fires `eventclick` with the event. Every name from the cluster is drawn on
 * the canvas (tooltips included), never inserted as HTML.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const enc = (s: string) => Ext.String.htmlEncode(s);
  const HIT_PX = 10;
  const DRAG_PX = 5;
  const RECOVERY = ['alert-resolved', 'target-up', 'target-joined', 'partition-online', 'isr-expand', 'job-recovered'];

  interface Scale {
    getPixelForValue(v: number): number;
    getValueForPixel(px: number): number;
  }
  interface ScatterSet {
    label: string;
    data: DfPoint[];
    dfEvents: DfEvent[];
    pointRadius: number;
    pointHoverRadius: number;
    pointBackgroundColor: string[];
    pointBorderColor: string[];
    pointBorderWidth: number;
    backgroundColor: string;
    borderColor: string;
    showLine: boolean;
  }
  interface ScatterChart {
    data: { datasets: ScatterSet[] };
    options: { scales: { x: { min: number; max: number } } };
    scales: { x: Scale; y: Scale };
    chartArea: { left: number; right: number; top: number; bottom: number };
    update(mode?: string): void;
    destroy(): void;
  }
  interface TooltipItem {
    dataset: ScatterSet;
    dataIndex: number;
  }

  interface ChartImpl extends DfEventChart {
    chart: ScatterChart | null;
    evs: DfEvent[];
    min: number;
    max: number;
    canvasEl: HTMLCanvasElement | null;
    selEl: HTMLElement | null;
    emptyEl: HTMLElement | null;
    createChart(): void;
    redraw(): void;
    hit(clientX: number, clientY: number): DfEvent | null;
    startDrag(ev: MouseEvent): void;
    onWheel(ev: WheelEvent): void;
  }

  Ext.define('Flamingo2.view.monitoring.common.EventTimelineChart', {
    extend: 'Ext.Component',
    alias: 'widget.dfeventchart',
    requires: [
      'Flamingo2.view.monitoring.common.ChartLib',
      'Flamingo2.view.monitoring.common.EventTimelineModel',
      'Flamingo2.view.monitoring.common.Format',
      'Flamingo2.view.monitoring.common.SeriesMath',
      'Flamingo2.view.monitoring.common.Styles',
      'Flamingo2.view.monitoring.common.Texts',
    ],

    height: 250,

    initComponent: function (this: ChartImpl) {
      const t = ns().Texts.t;
      ns().Styles.ensure();
      this.chart = null;
      this.evs = [];
      this.max = Date.now();
      this.min = this.max - 3600e3;
      this.html =
        '<div class="df-card df-evchart">' +
        '<div class="df-card-head"><span class="df-card-title">' +
        enc(t('monitoring.kafka.common.events.timeline')) +
        '</span>' +
        '<span class="df-card-sub df-evchart-span"></span>' +
        '<span class="df-card-state df-evchart-hint">' +
        enc(t('monitoring.kafka.common.events.zoom_hint')) +
        '</span></div>' +
        '<div class="df-card-body"><canvas></canvas><div class="df-evsel"></div>' +
        '<div class="df-empty">' +
        enc(t('monitoring.kafka.common.loading')) +
        '</div></div>' +
        '</div>';
      this.callParent(arguments);
    },

    afterRender: function (this: ChartImpl) {
      this.callParent(arguments);
      const dom = this.getEl().dom;
      this.canvasEl = dom.querySelector('canvas');
      this.selEl = dom.querySelector('.df-evsel') as HTMLElement | null;
      this.emptyEl = dom.querySelector('.df-empty') as HTMLElement | null;
      const canvas = this.canvasEl;
      if (canvas) {
        canvas.addEventListener('mousedown', (ev) => this.startDrag(ev));
        canvas.addEventListener('wheel', (ev) => this.onWheel(ev), { passive: false });
        canvas.addEventListener('mousemove', (ev) => {
          canvas.style.cursor = this.hit(ev.clientX, ev.clientY) ? 'pointer' : 'crosshair';
        });
      }
      ns().ChartLib.ready(() => {
        if (!this.isDestroyed) this.createChart();
      });
    },

    onDestroy: function (this: ChartImpl) {
      if (this.chart) this.chart.destroy();
      this.chart = null;
      this.callParent(arguments);
    },

    createChart: function (this: ChartImpl) {
      if (!this.canvasEl || this.chart) return;
      const M = ns().EventTimelineModel;
      const F = ns().Format;
      const lanes = M.lanes();
      const grid = '#eef1f5';
      const config = {
        type: 'scatter',
        data: { datasets: [] as ScatterSet[] },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          parsing: false,
          layout: { padding: { top: 6, right: 10, bottom: 0, left: 4 } },
          events: ['mousemove', 'mouseout'],
          scales: {
            x: {
              type: 'linear',
              min: this.min,
              max: this.max,
              grid: { color: grid, tickColor: grid },
              border: { color: '#d5dae1' },
              ticks: { maxRotation: 0, autoSkip: false, callback: (v: number) => F.time(Number(v), this.max - this.min) },
              afterBuildTicks: (scale: DfChartScale) => {
                const width = this.canvasEl ? this.canvasEl.clientWidth : 600;
                const max = Math.max(2, Math.min(10, Math.floor(width / 90)));
                scale.ticks = ns()
                  .SeriesMath.timeTicks(scale.min, scale.max, max)
                  .map((v) => ({ value: v }));
              },
            },
            y: {
              type: 'linear',
              min: -0.5,
              max: lanes.length - 0.5,
              reverse: true,
              grid: { color: grid, tickColor: '#fff' },
              border: { display: false },
              ticks: { autoSkip: false, callback: (v: number) => (Number(v) % 1 === 0 && lanes[Number(v)] ? M.laneLabel(lanes[Number(v)] as string) : '') },
              afterBuildTicks: (scale: DfChartScale) => {
                scale.ticks = lanes.map((_l, i) => ({ value: i }));
              },
            },
          },
          plugins: {
            // the toolbar's severity buttons are the legend (same colours); rings = recoveries
            legend: { display: false },
            tooltip: {
              callbacks: {
                title: (items: TooltipItem[]) => {
                  const it = items[0];
                  const e = it ? it.dataset.dfEvents[it.dataIndex] : undefined;
                  return e ? M.fullTime(e.ts) + '  ·  ' + M.severityLabel(e.severity) : '';
                },
                label: (it: TooltipItem) => {
                  const e = it.dataset.dfEvents[it.dataIndex];
                  return e ? ' ' + M.kindLabel(e.kind) + (e.subject ? ' · ' + e.subject : '') : '';
                },
                afterLabel: (it: TooltipItem) => {
                  const e = it.dataset.dfEvents[it.dataIndex];
                  return e && e.message ? ' ' + (e.message.length > 120 ? e.message.slice(0, 117) + '…' : e.message) : '';
                },
              },
            },
          },
        },
      };
      const ChartCtor = Chart as unknown as new (canvas: HTMLCanvasElement, cfg: object) => ScatterChart;
      this.chart = new ChartCtor(this.canvasEl, config);
      this.redraw();
    },

    setEvents: function (this: ChartImpl, events: DfEvent[], min: number, max: number) {
      this.evs = events;
      this.min = min;
      this.max = max;
      this.redraw();
    },

    drawn: function (this: ChartImpl): DfEvent[] {
      return this.evs.filter((e) => e.ts >= this.min && e.ts <= this.max);
    },

    redraw: function (this: ChartImpl) {
      const M = ns().EventTimelineModel;
      const F = ns().Format;
      const shown = this.drawn();
      if (this.emptyEl) {
        this.emptyEl.style.display = shown.length ? 'none' : '';
        this.emptyEl.textContent = shown.length ? '' : ns().Texts.t('monitoring.kafka.common.events.none');
      }
      const span = this.rendered ? this.getEl().dom.querySelector('.df-evchart-span') : null;
      const width = this.max - this.min;
      const edge = (ts: number) => (width >= 86400e3 ? M.fullTime(ts).slice(5, 16) : F.time(ts, width));
      if (span) span.textContent = edge(this.min) + ' – ' + edge(this.max) + ' · ' + ns().Texts.t('monitoring.kafka.common.events.count', [shown.length]);
      if (!this.chart) return;
      const severities = M.severities();
      const bySeverity: Record<string, ScatterSet> = {};
      const order: string[] = [];
      const setFor = (sev: string): ScatterSet => {
        const key = severities.indexOf(sev) >= 0 ? sev : 'other';
        let set = bySeverity[key];
        if (!set) {
          const color = M.severityColor(key);
          set = {
            label: key === 'other' ? M.severityLabel('other') : M.severityLabel(key),
            data: [],
            dfEvents: [],
            pointRadius: 6,
            pointHoverRadius: 8,
            pointBackgroundColor: [],
            pointBorderColor: [],
            pointBorderWidth: 2,
            backgroundColor: color,
            borderColor: color,
            showLine: false,
          };
          bySeverity[key] = set;
          order.push(key);
        }
        return set;
      };
      severities.forEach((s) => setFor(s));
      // oldest first, so the newest point is drawn on top
      shown
        .slice()
        .sort((a, b) => a.ts - b.ts)
        .forEach((e) => {
          const set = setFor(e.severity);
          const color = M.severityColor(severities.indexOf(e.severity) >= 0 ? e.severity : 'other');
          const ring = RECOVERY.indexOf(e.kind) >= 0;
          set.data.push({ x: e.ts, y: M.laneOf(e.kind) });
          set.dfEvents.push(e);
          set.pointBackgroundColor.push(ring ? '#ffffff' : color);
          set.pointBorderColor.push(color);
        });
      this.chart.data.datasets = order.map((k) => bySeverity[k] as ScatterSet);
      // a little room at both ends, so a point at the edge (e.g. one that just came in) is drawn whole
      const pad = (this.max - this.min) * 0.012;
      this.chart.options.scales.x.min = this.min - pad;
      this.chart.options.scales.x.max = this.max + pad;
      this.chart.update('none');
    },

    /** The drawn event nearest to a mouse position, within a few pixels. */
    hit: function (this: ChartImpl, clientX: number, clientY: number): DfEvent | null {
      if (!this.chart || !this.canvasEl) return null;
      const M = ns().EventTimelineModel;
      const rect = this.canvasEl.getBoundingClientRect();
      const x = clientX - rect.left;
      const y = clientY - rect.top;
      let best: DfEvent | null = null;
      let bestD = HIT_PX * HIT_PX;
      this.drawn().forEach((e) => {
        const dx = (this.chart as ScatterChart).scales.x.getPixelForValue(e.ts) - x;
        const dy = (this.chart as ScatterChart).scales.y.getPixelForValue(M.laneOf(e.kind)) - y;
        const d = dx * dx + dy * dy;
        if (d <= bestD) {
          bestD = d;
          best = e;
        }
      });
      return best;
    },

    startDrag: function (this: ChartImpl, down: MouseEvent) {
      const chart = this.chart;
      const canvas = this.canvasEl;
      const sel = this.selEl;
      if (down.button !== 0 || !chart || !canvas || !sel) return;
      down.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const area = chart.chartArea;
      const clamp = (clientX: number) => Math.max(area.left, Math.min(area.right, clientX - rect.left));
      const x0 = clamp(down.clientX);
      const move = (ev: MouseEvent) => {
        const x1 = clamp(ev.clientX);
        sel.style.display = 'block';
        sel.style.left = canvas.offsetLeft + Math.min(x0, x1) + 'px';
        sel.style.width = Math.abs(x1 - x0) + 'px';
        sel.style.top = canvas.offsetTop + area.top + 'px';
        sel.style.height = area.bottom - area.top + 'px';
      };
      const up = (ev: MouseEvent) => {
        window.removeEventListener('mousemove', move);
        window.removeEventListener('mouseup', up);
        sel.style.display = 'none';
        const x1 = clamp(ev.clientX);
        if (Math.abs(x1 - x0) >= DRAG_PX) {
          const a = chart.scales.x.getValueForPixel(Math.min(x0, x1));
          const b = chart.scales.x.getValueForPixel(Math.max(x0, x1));
          this.fireEvent('zoom', a, b);
          return;
        }
        const e = this.hit(ev.clientX, ev.clientY);
        if (e) this.fireEvent('eventclick', e);
      };
      window.addEventListener('mousemove', move);
      window.addEventListener('mouseup', up);
    },

    onWheel: function (this: ChartImpl, ev: WheelEvent) {
      const chart = this.chart;
      if (!chart || !this.canvasEl || !(ev.ctrlKey || ev.metaKey)) return;
      ev.preventDefault();
      const rect = this.canvasEl.getBoundingClientRect();
      const c = chart.scales.x.getValueForPixel(ev.clientX - rect.left);
      const f = ev.deltaY > 0 ? 1.4 : 1 / 1.4;
      this.fireEvent('zoom', c - (c - this.min) * f, c + (this.max - c) * f);
    },
  });
})();
