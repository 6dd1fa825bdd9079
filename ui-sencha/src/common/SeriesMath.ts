/**
 * Pure helpers behind the charts: which line a series belongs to, combining series bucket by
 * bucket, live points, time-axis ticks, and inline SVG sparklines for grids.
 */
(function () {
  const NICE_STEPS_MS = [
    10e3,
    15e3,
    30e3,
    60e3,
    2 * 60e3,
    5 * 60e3,
    10 * 60e3,
    15 * 60e3,
    30 * 60e3,
    3600e3,
    2 * 3600e3,
    3 * 3600e3,
    6 * 3600e3,
    12 * 3600e3,
    86400e3,
    2 * 86400e3,
  ];

  function combineValues(values: number[], how: DfCombine): number | undefined {
    const v = values.filter((x) => typeof x === 'number' && isFinite(x));
    if (v.length === 0) return undefined;
    switch (how) {
      case 'min':
        return Math.min.apply(null, v);
      case 'max':
        return Math.max.apply(null, v);
      case 'avg':
        return v.reduce((a, b) => a + b, 0) / v.length;
      default:
        return v.reduce((a, b) => a + b, 0);
    }
  }

  function splitKey(spec: DfSeriesSpec, target: string | undefined, labels: Record<string, string> | undefined): string {
    if (!spec.split) return '';
    // 'topic,partition' -> "orders-0" (Kafka's own TopicPartition notation)
    return spec.split
      .split(',')
      .map((dim) => (dim === 'target' ? target || '' : (labels && labels[dim]) || ''))
      .join('-');
  }

  const SeriesMath: DfSeriesMath = {
    splitKey: splitKey,
    combineValues: combineValues,

    byParam: (spec) => {
      if ((spec.combine || 'sum') !== 'sum') return null;
      return spec.split || '';
    },

    mergeSeries: (spec, series, stepMs, allowed) => {
      const how = spec.combine || 'sum';
      const scale = spec.scale || 1;
      const groups: Record<string, Record<number, number[]>> = {};
      series.forEach((s) => {
        if (allowed && !allowed(s.target)) return;
        const key = splitKey(spec, s.target, s.labels);
        const buckets = groups[key] || (groups[key] = {});
        s.points.forEach((p) => {
          const t = stepMs > 0 ? Math.floor(p[0] / stepMs) * stepMs : p[0];
          (buckets[t] || (buckets[t] = [])).push(p[1]);
        });
      });
      const out: Record<string, DfPoint[]> = {};
      Object.keys(groups).forEach((key) => {
        const buckets = groups[key] || {};
        out[key] = Object.keys(buckets)
          .map(Number)
          .sort((a, b) => a - b)
          .map((t) => ({ x: t, y: (combineValues(buckets[t] || [], how) || 0) * scale }));
      });
      return out;
    },

    timeTicks: (min, max, maxTicks) => {
      const span = max - min;
      if (!(span > 0)) return [];
      let step = NICE_STEPS_MS[NICE_STEPS_MS.length - 1] || 86400e3;
      for (let i = 0; i < NICE_STEPS_MS.length; i++) {
        const s = NICE_STEPS_MS[i] || 0;
        if (span / s <= maxTicks) {
          step = s;
          break;
        }
      }
      // align on local midnight so hour and day ticks fall on round local times
      const midnight = new Date(min);
      midnight.setHours(0, 0, 0, 0);
      const base = midnight.getTime();
      const ticks: number[] = [];
      for (let t = base + Math.ceil((min - base) / step) * step; t <= max; t += step) ticks.push(t);
      return ticks;
    },

    appendLive: (points, p, stepMs, fromTs) => {
      const last = points[points.length - 1];
      if (last && p.x <= last.x) return;
      if (last && stepMs > 0 && Math.floor(last.x / stepMs) === Math.floor(p.x / stepMs)) {
        last.x = p.x;
        last.y = p.y;
      } else {
        points.push({ x: p.x, y: p.y });
      }
      while (points.length > 0 && (points[0] as DfPoint).x < fromTs) points.shift();
    },

    binaryStep: (max, maxTicks) => {
      if (!(max > 0)) return 1;
      const raw = max / Math.max(1, maxTicks);
      const unit = Math.pow(1024, Math.max(0, Math.floor(Math.log(raw) / Math.log(1024))));
      let step = unit;
      while (step < raw) step *= 2;
      return step;
    },

    sparkline: (values, width, height, color) => {
      const v = values.filter((x) => isFinite(x));
      if (v.length < 2) return '<svg class="df-spark" width="' + width + '" height="' + height + '"></svg>';
      const max = Math.max.apply(null, v);
      const min = Math.min(0, Math.min.apply(null, v));
      const range = max - min || 1;
      const pts = v
        .map((y, i) => {
          const px = (i / (v.length - 1)) * (width - 2) + 1;
          const py = height - 1 - ((y - min) / range) * (height - 2);
          return px.toFixed(1) + ',' + py.toFixed(1);
        })
        .join(' ');
      const safeColor = /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#3274d9';
      return (
        '<svg class="df-spark" width="' +
        width +
        '" height="' +
        height +
        '" viewBox="0 0 ' +
        width +
        ' ' +
        height +
        '">' +
        '<polyline points="' +
        pts +
        '" fill="none" stroke="' +
        safeColor +
        '" stroke-width="1.5" stroke-linejoin="round"/></svg>'
      );
    },
  };

  Ext.define('Flamingo2.view.monitoring.common.SeriesMath', Object.assign({ singleton: true }, SeriesMath));
})();
