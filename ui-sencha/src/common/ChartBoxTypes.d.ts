/** Types of the chart helpers behind common/ChartBox.ts (xtype dfchart). */

/** What the Chart.js config reads from its chart while drawing (the range shown, the canvas width, the marker). */
interface DfChartOptionsHost {
  rangeMs(): number;
  canvasWidth(): number;
  afterDatasetsDraw(chart: Chart): void;
}

/** common/ChartBoxOptions.ts: the Chart.js config of a chart (axes, legend, tooltip); pure. */
interface DfChartBoxOptions {
  /** A y axis for a unit: binary steps for bytes, whole numbers for counts, 1-2-5 labels on log axes. */
  yAxis(unit: string, position: 'left' | 'right', log: boolean, fmt: (v: number) => string): DfChartScaleOptions;
  /** The line chart's config for spec, without datasets. */
  build(spec: DfChartSpec, host: DfChartOptionsHost): DfChartConfig;
}

/** A chart's threshold as drawn now (ChartBoxLines.resolve). */
interface DfChartThreshold {
  limit: DfLimit;
  /** Legend name of the line (empty when there is no line). */
  label: string;
}

/** Badge of a chart with a threshold: state light and text (empty: nothing to say). */
interface DfChartBadge {
  state: DfState;
  text: string;
}

/** common/ChartBoxLines.ts: the datasets of a chart's lines (ids `specIndex|splitValue`), threshold and badge; pure. */
interface DfChartBoxLines {
  /** Line ids in drawing order (numeric-aware). */
  sortedIds(lines: Record<string, unknown>): string[];
  /** `specIndex|splitValue` → its parts. */
  splitId(id: string): { specIndex: number; key: string };
  /** The legend name of a line: the spec's name (function or text after the split value), else the split value or metric. */
  name(spec: DfSeriesSpec, key: string): string;
  /** A new, empty, not yet coloured line. */
  create(spec: DfSeriesSpec, id: string, label: string): DfChartDataset;
  /** Colours every line: the spec's colour, its colour by split value, else by split value's rank (split) or series index. */
  recolor(spec: DfChartSpec, lines: Record<string, DfChartDataset>): void;
  /** The dashed horizontal threshold line over [from, to] (only for a resolved threshold with a value), coloured by its crossed state. */
  threshold(resolved: DfChartThreshold, from: number, to: number): DfChartDataset;
  /**
   * The threshold now: the cluster's alert rule `th.rule` when loaded (state.cluster), else the fixed value or
   * factor x the combined latest values (kept from `previous` while those are missing); its label built for that value.
   */
  resolve(th: DfThresholdSpec, state: DfLiveState | null, previous: DfChartThreshold | null): DfChartThreshold;
  /**
   * From the last points newer than freshFrom: ok, or the limit's crossed state (warn / crit) with above / below;
   * 'Off' in grey for a disabled rule; unknown without points or without a value.
   */
  badge(resolved: DfChartThreshold | null, lines: Record<string, DfChartDataset>, freshFrom: number): DfChartBadge;
}

/** One live point for a line of a chart. */
interface DfChartLivePoint {
  specIndex: number;
  key: string;
  point: DfPoint;
}

/** common/ChartBoxData.ts: where a chart's points come from (GET /series, live samples) and trimming to the window. */
/** The target parameters of one series' GET /series (ChartBoxData.targetQuery). */
interface DfSeriesTargetQuery {
  /** `target=` per key, `kind=`, or nothing (every target). */
  params: Array<[string, string]>;
  /** Only these targets' series make lines (null: every series answered). */
  keys: string[] | null;
  /** Series without a point in the window make no line (the time machine: targets that were not there). */
  dropEmpty: boolean;
}

interface DfChartBoxData {
  /** Pure: which targets a series asks for; null when there is nothing to ask (live: no target of its kind). */
  targetQuery(spec: DfSeriesSpec, ctx: DfHistoryContext): DfSeriesTargetQuery | null;
  /** The chart's lines over [from, to] from GET /series, keyed `specIndex|splitValue`. */
  fetchLines(spec: DfChartSpec, ctx: DfHistoryContext, from: number, to: number): Promise<DfChartLines>;
  /** The latest samples of every series, one combined (and scaled) point per line. */
  livePoints(spec: DfChartSpec, state: DfLiveState): DfChartLivePoint[];
  /** Drops the points older than from. */
  trim(datasets: DfChartDataset[], from: number): void;
}

/** common/ChartBoxOverlays.ts: the time machine's drawings over a chart (comparison lines, scrubber marker). */
interface DfChartBoxOverlays {
  /** Dashed comparison lines, shifted by offsetMs, in the colour of their own line (`own`). */
  compareLines(
    spec: DfChartSpec,
    lines: Record<string, DfPoint[]> | null,
    own: Record<string, DfChartDataset>,
    offsetMs: number,
    suffix: string,
  ): DfChartDataset[];
  /** The scrubber: a vertical amber line at ts when it falls inside the chart area. */
  drawMarker(chart: Chart, ts: number | null): void;
}

declare namespace Flamingo2.view.monitoring.common {
  const ChartBoxOptions: DfChartBoxOptions;
  const ChartBoxLines: DfChartBoxLines;
  const ChartBoxData: DfChartBoxData;
  const ChartBoxOverlays: DfChartBoxOverlays;
}
