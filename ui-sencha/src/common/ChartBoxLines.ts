/**
 * The datasets of a ChartBox's lines (singleton, pure): ids `specIndex|splitValue`, legend names,
 * line style and colours, the dashed threshold line, and the ok / crit badge a threshold gives.
 * Line names from the cluster are drawn on the canvas by Chart.js (never inserted as HTML).
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;

  const ChartBoxLines: DfChartBoxLines = {
    sortedIds: (lines) => Object.keys(lines).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),

    splitId: (id) => {
      const cut = id.indexOf('|');
      return { specIndex: Number(id.slice(0, cut)), key: id.slice(cut + 1) };
    },

    name: (spec, key) => {
      if (typeof spec.name === 'function') return spec.name(key);
      if (spec.name) return key ? key + ' ' + spec.name : spec.name;
      return key || spec.metric;
    },

    create: (spec, id, label) => ({
      label: label,
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
    }),

    recolor: (chartSpec, lines) => {
      const S = ns().Styles;
      const ids = ChartBoxLines.sortedIds(lines);
      const splitKeys: string[] = [];
      ids.forEach((id) => {
        const k = ChartBoxLines.splitId(id).key;
        if (splitKeys.indexOf(k) < 0) splitKeys.push(k);
      });
      ids.forEach((id) => {
        const line = lines[id] as DfChartDataset;
        const parts = ChartBoxLines.splitId(id);
        const spec = chartSpec.series[parts.specIndex] as DfSeriesSpec;
        const color = spec.color || (spec.colorKey ? spec.colorKey(parts.key) : S.colorAt(spec.split ? splitKeys.indexOf(parts.key) : parts.specIndex));
        line.borderColor = color;
        line.backgroundColor = spec.fill ? color + '22' : color;
      });
    },

    threshold: (th, value, from, to) => ({
      label: th.label,
      data: [
        { x: from, y: value },
        { x: to, y: value },
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
    }),

    thresholdValue: (th, state) => {
      let v = th.value;
      if (th.from && state) {
        const base = state.combine(th.from, th.from.combine);
        if (base !== undefined) v = base * th.from.factor;
      }
      return v;
    },

    badge: (th, thr, lines, freshFrom) => {
      const T = ns().Texts;
      if (thr === undefined) return { state: 'unknown', text: '' };
      const lasts = Object.keys(lines)
        .map((id) => (lines[id] as DfChartDataset).data)
        .map((d) => d[d.length - 1])
        .filter((p): p is DfPoint => !!p && p.x >= freshFrom);
      if (lasts.length === 0) return { state: 'unknown', text: '' };
      const bad = lasts.some((p) => (th.bad === 'below' ? p.y < thr : p.y > thr));
      if (!bad) return { state: 'ok', text: T.t('monitoring.kafka.common.ok') };
      return { state: 'crit', text: T.t(th.bad === 'below' ? 'monitoring.kafka.common.below_threshold' : 'monitoring.kafka.common.above_threshold') };
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.ChartBoxLines', Object.assign(
    {
      singleton: true,
      requires: ['Flamingo2.view.monitoring.common.Styles', 'Flamingo2.view.monitoring.common.Texts'],
    },
    ChartBoxLines,
  ));
})();
