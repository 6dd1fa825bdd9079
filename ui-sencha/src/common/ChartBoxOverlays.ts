/**
 * The time machine's drawings over a ChartBox (singleton): comparison lines (another window's lines,
 * dashed, in the colour of their own line, shifted onto the window shown) and the scrubber's marker
 * (a vertical amber line with a small triangle on top, drawn after the datasets).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const MARKER_COLOR = '#d48806';

  const ChartBoxOverlays: DfChartBoxOverlays = {
    compareLines: (chartSpec, lines, own, offsetMs, suffix) => {
      const L = ns().ChartBoxLines;
      return L.sortedIds(lines || {}).map((id) => {
        const parts = L.splitId(id);
        const spec = chartSpec.series[parts.specIndex] as DfSeriesSpec;
        const line = own[id];
        const color = line && line.borderColor ? line.borderColor : ns().Styles.colorAt(parts.specIndex);
        return {
          label: L.name(spec, parts.key) + ' (' + suffix + ')',
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
    },

    drawMarker: (chart, ts) => {
      const x = chart.scales['x'];
      if (ts === null || !x) return;
      const px = x.getPixelForValue(ts);
      const area = chart.chartArea;
      if (!(px >= area.left - 0.5 && px <= area.right + 0.5)) return;
      const g = chart.ctx;
      g.save();
      g.strokeStyle = MARKER_COLOR;
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(px, area.top);
      g.lineTo(px, area.bottom);
      g.stroke();
      g.fillStyle = MARKER_COLOR;
      g.beginPath();
      g.moveTo(px - 5, area.top);
      g.lineTo(px + 5, area.top);
      g.lineTo(px, area.top + 6);
      g.closePath();
      g.fill();
      g.restore();
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.ChartBoxOverlays',
    Object.assign(
      {
        singleton: true,
        requires: ['Flamingo2.view.monitoring.common.ChartBoxLines', 'Flamingo2.view.monitoring.common.Styles'],
      },
      ChartBoxOverlays,
    ),
  );
})();
