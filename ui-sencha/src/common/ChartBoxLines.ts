/**
 * The datasets of a ChartBox's lines (singleton, pure): ids `specIndex|splitValue`, legend names,
 * line style and colours, the dashed threshold line and the badge a threshold gives: the chart's alert
 * rule when the cluster's rules are loaded (common/Thresholds.ts, kept by RuleThresholds.ts: value, label, warn / crit by the
 * rule's severity, nothing when it is off), else the spec's fixed or computed value (ok / crit).
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

    threshold: (resolved, from, to) => {
      const color = ns().Styles.stateColors[resolved.limit.crossed];
      const y = resolved.limit.value as number;
      return {
        label: resolved.label,
        data: [
          { x: from, y: y },
          { x: to, y: y },
        ],
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.2,
        borderDash: [6, 4],
        pointRadius: 0,
        pointHoverRadius: 0,
        yAxisID: 'y',
        pointStyle: 'line',
        dfThreshold: true,
        order: 100,
      };
    },

    resolve: (th, state, previous) => {
      const C = ns();
      let fallback = th.value;
      if (th.from && state) {
        const base = state.combine(th.from, th.from.combine);
        fallback = base !== undefined ? base * th.from.factor : undefined;
      }
      // rules are current settings: the time machine's past windows are judged by them too
      const rule = th.rule && state && state.cluster ? C.Thresholds.lookup(state.cluster, th.rule) : undefined;
      const limit = C.Thresholds.limit(rule, fallback, th.bad || 'above', 'crit');
      // a threshold from the latest values (heap max) keeps its last value while they are missing
      if (limit.source === 'fallback' && limit.value === undefined && previous && previous.limit.source === 'fallback') return previous;
      const label = limit.value === undefined ? '' : typeof th.label === 'function' ? th.label(limit.value) : th.label;
      return { limit: limit, label: label };
    },

    badge: (resolved, lines, freshFrom) => {
      const C = ns();
      const T = C.Texts;
      if (!resolved) return { state: 'unknown', text: '' };
      const limit = resolved.limit;
      // a disabled rule: no colour, and the word the Configuration tab uses for it
      if (limit.source === 'off') return { state: 'unknown', text: T.t('monitoring.kafka.common.rules.state.off') };
      if (limit.value === undefined) return { state: 'unknown', text: '' };
      const lasts = Object.keys(lines)
        .map((id) => (lines[id] as DfChartDataset).data)
        .map((d) => d[d.length - 1])
        .filter((p): p is DfPoint => !!p && p.x >= freshFrom);
      if (lasts.length === 0) return { state: 'unknown', text: '' };
      const bad = lasts.some((p) => C.Thresholds.judge(limit, p.y) !== 'ok');
      if (!bad) return { state: 'ok', text: T.t('monitoring.kafka.common.ok') };
      return { state: limit.crossed, text: T.t(limit.bad === 'below' ? 'monitoring.kafka.common.below_threshold' : 'monitoring.kafka.common.above_threshold') };
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.ChartBoxLines',
    Object.assign(
      {
        singleton: true,
        requires: ['Flamingo2.view.monitoring.common.Styles', 'Flamingo2.view.monitoring.common.Texts', 'Flamingo2.view.monitoring.common.Thresholds'],
      },
      ChartBoxLines,
    ),
  );
})();
