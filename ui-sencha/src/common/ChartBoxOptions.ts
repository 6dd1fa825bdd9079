/**
 * The Chart.js config of a ChartBox (singleton, pure): a linear time axis with nice time ticks, a y axis
 * per unit (binary steps for bytes, whole numbers for counts, 1-2-5 labels on log axes), an optional
 * right-hand y2 axis, legend and tooltip. Datasets are added by the ChartBox.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const GRID = '#eef1f5';
  const BYTE_UNITS = ['bytes', 'bytes/s'];
  const INTEGER_UNITS = ['count', 'messages'];

  /** Ticks at mantissa x 10^k inside the scale, for log axes. */
  function logTicks(scale: DfChartScale, mantissas: number[]): DfChartTick[] {
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
  }

  const ChartBoxOptions: DfChartBoxOptions = {
    yAxis: (unit, position, log, fmt) => {
      const axis: DfChartScaleOptions = {
        type: log ? 'logarithmic' : 'linear',
        position: position,
        beginAtZero: !log,
        grid: position === 'left' ? { color: GRID, tickColor: GRID } : { drawOnChartArea: false },
        border: { display: false },
        ticks: { maxTicksLimit: 6, callback: (v) => fmt(Number(v)) },
      };
      if (log) {
        axis.ticks = { autoSkip: false, callback: (v) => fmt(Number(v)) };
        axis.afterBuildTicks = (scale) => {
          const choices = [logTicks(scale, [1, 2, 5]), logTicks(scale, [1, 5]), logTicks(scale, [1])];
          scale.ticks = choices.filter((c) => c.length <= 6)[0] || logTicks(scale, [1]);
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
      } else if (unit === 'ratio') {
        // shares such as idle % are 0..100 %; Kafka's idle meters briefly read a little over 1, which must not stretch the axis to 150 %
        axis.min = 0;
        axis.max = 1;
      }
      return axis;
    },

    build: (spec, host) => {
      const F = ns().Format;
      const yFmt = F.byUnit(spec.unit);
      const y2Fmt = F.byUnit(spec.y2Unit || spec.unit);
      const scales: Record<string, DfChartScaleOptions> = {
        x: {
          type: 'linear',
          grid: { color: GRID, tickColor: GRID },
          border: { color: '#d5dae1' },
          ticks: {
            maxRotation: 0,
            autoSkip: false,
            callback: (v) => F.time(Number(v), host.rangeMs()),
          },
          afterBuildTicks: (scale) => {
            const max = Math.max(2, Math.min(8, Math.floor(host.canvasWidth() / 80)));
            scale.ticks = ns()
              .SeriesMath.timeTicks(scale.min, scale.max, max)
              .map((v) => ({ value: v }));
          },
        },
        y: ChartBoxOptions.yAxis(spec.unit, 'left', !!spec.log, yFmt),
      };
      if (spec.y2Unit) scales['y2'] = ChartBoxOptions.yAxis(spec.y2Unit, 'right', false, y2Fmt);
      return {
        type: 'line',
        data: { datasets: [] },
        // the time machine's scrubber: a vertical line at the chart's marker
        plugins: [{ id: 'dfMarker', afterDatasetsDraw: (chart: Chart) => host.afterDatasetsDraw(chart) }],
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
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.ChartBoxOptions',
    Object.assign(
      {
        singleton: true,
        requires: ['Flamingo2.view.monitoring.common.Format', 'Flamingo2.view.monitoring.common.SeriesMath'],
      },
      ChartBoxOptions,
    ),
  );
})();
