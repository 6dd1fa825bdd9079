/**
 * Where a ChartBox's points come from (singleton): its history from GET /series (one request per
 * series of the spec, merged into lines keyed `specIndex|splitValue`; series restricted to a target
 * kind ask, live, for the targets of that kind the LiveState knows, and in the time machine for
 * every target of that kind the store knows (`kind=`) — lines only for those with points in the
 * window, so a broker gone since is drawn and one not there yet is not), one combined point per
 * line from the latest live samples, and trimming of points that left the window.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;

  interface SeriesAnswer {
    index: number;
    res: DfSeriesResponse;
    allowed: ((t: string | undefined) => boolean) | undefined;
    dropEmpty: boolean;
  }

  /**
   * Pure: which targets one series of a chart asks GET /series for. Live: the targets of its kind
   * in the LiveState (null when there are none: nothing to ask). Time machine (ctx.pastTargets):
   * `kind=`, every target of the kind the store knows, keeping only series with points.
   */
  function targetQuery(spec: DfSeriesSpec, ctx: DfHistoryContext): DfSeriesTargetQuery | null {
    if (spec.target) return { params: [['target', spec.target]], keys: null, dropEmpty: false };
    if (!spec.kind) return { params: [], keys: null, dropEmpty: false };
    if (ctx.pastTargets) return { params: [['kind', spec.kind]], keys: null, dropEmpty: true };
    const keys = ctx.state.targets(spec.kind).map((t) => t.key);
    if (keys.length === 0) return null;
    return { params: keys.map((k): [string, string] => ['target', k]), keys: keys, dropEmpty: false };
  }

  /** GET /series for one series of the chart (null: a kind without any target, nothing to ask). */
  function fetchSeries(spec: DfSeriesSpec, index: number, ctx: DfHistoryContext, from: number, to: number): Promise<SeriesAnswer | null> {
    const C = ns();
    const which = targetQuery(spec, ctx);
    if (!which) return Promise.resolve(null);
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
    which.params.forEach((p) => params.push(p));
    const keys = which.keys;
    const allowed = keys ? (t: string | undefined) => t === undefined || keys.indexOf(t) >= 0 : undefined;
    return C.Sidecar.get<DfSeriesResponse>('/clusters/' + encodeURIComponent(ctx.cluster) + '/series', params).then((res) => ({
      index: index,
      res: res,
      allowed: allowed,
      dropEmpty: which.dropEmpty,
    }));
  }

  const ChartBoxData: DfChartBoxData = {
    targetQuery: targetQuery,

    fetchLines: (chartSpec, ctx, from, to) => {
      const jobs = chartSpec.series.map((spec, i) => fetchSeries(spec, i, ctx, from, to));
      return Promise.all(jobs).then((results) => {
        const lines: Record<string, DfPoint[]> = {};
        let step = 0;
        results.forEach((r) => {
          if (!r) return;
          const spec = chartSpec.series[r.index] as DfSeriesSpec;
          const stepMs = (r.res.step || 0) * 1000;
          step = Math.max(step, stepMs);
          const series = (r.res.series || []).filter((x) => !r.dropEmpty || x.points.length > 0);
          const merged = ns().SeriesMath.mergeSeries(spec, series, stepMs, r.allowed);
          Object.keys(merged).forEach((key) => {
            lines[r.index + '|' + key] = merged[key] || [];
          });
        });
        return { lines: lines, stepMs: step };
      });
    },

    livePoints: (chartSpec, state) => {
      const M = ns().SeriesMath;
      const out: DfChartLivePoint[] = [];
      chartSpec.series.forEach((spec, i) => {
        const groups: Record<string, { values: number[]; ts: number }> = {};
        state.latest(spec).forEach((s) => {
          const key = M.splitKey(spec, s.target, s.labels);
          const g = groups[key] || (groups[key] = { values: [], ts: 0 });
          g.values.push(s.value);
          if (s.ts > g.ts) g.ts = s.ts;
        });
        Object.keys(groups).forEach((key) => {
          const g = groups[key] as { values: number[]; ts: number };
          const v = M.combineValues(g.values, spec.combine || 'sum');
          if (v === undefined) return;
          out.push({ specIndex: i, key: key, point: { x: g.ts, y: v * (spec.scale || 1) } });
        });
      });
      return out;
    },

    trim: (datasets, from) => {
      datasets.forEach((d) => {
        while (d.data.length > 0 && (d.data[0] as DfPoint).x < from) d.data.shift();
      });
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.ChartBoxData',
    Object.assign(
      {
        singleton: true,
        requires: ['Flamingo2.view.monitoring.common.SeriesMath', 'Flamingo2.view.monitoring.common.Sidecar'],
      },
      ChartBoxData,
    ),
  );
})();
