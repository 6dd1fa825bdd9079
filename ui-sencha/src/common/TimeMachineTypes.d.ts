/**
 * Types of the time machine (common/TimeMachine*.ts), the CSV export (common/CsvExport.ts) and
 * what they add to the shared classes (merged into the interfaces of types/*.d.ts).
 */

/** A history load of a fixed window (time machine) instead of the range up to now. */
interface DfHistoryContext {
  from?: number;
  to?: number;
  /** The scrubber's instant when the load began (tabs' extra REST data as of then, e.g. consumer groups). */
  at?: number;
  /**
   * Time machine: series restricted to a kind ask the store for every target of that kind (`kind=`,
   * past ones included) instead of the live state's targets, and only targets with points make lines.
   */
  pastTargets?: boolean;
}

/** Lines of a chart keyed `specIndex|splitValue`, with the step they were read at. */
interface DfChartLines {
  lines: Record<string, DfPoint[]>;
  stepMs: number;
}

interface DfChartDataset {
  /** A comparison line (another window shifted onto this one). */
  dfCompare?: boolean;
}

interface DfChartPlugin {
  id: string;
  afterDatasetsDraw?: (chart: Chart) => void;
}

interface DfChartConfig {
  plugins?: DfChartPlugin[];
}

interface Chart {
  scales: Record<string, { getPixelForValue(v: number): number } | undefined>;
  chartArea: { left: number; right: number; top: number; bottom: number };
  ctx: CanvasRenderingContext2D;
  draw(): void;
}

interface DfChartBox {
  /** The lines over [from, to] from GET /series (history and comparisons). */
  fetchLines(ctx: DfHistoryContext, from: number, to: number): Promise<DfChartLines>;
  /** Dashed comparison lines shifted by offsetMs; null removes them. */
  setCompare(lines: Record<string, DfPoint[]> | null, offsetMs: number, suffix: string): void;
  /** The scrubber's vertical line (null: none). */
  setMarker(ts: number | null): void;
  /** The threshold line from the time machine's snapshot instead of the live state. */
  thresholdFrom(state: DfLiveState): void;
  markerTs: number | null;
  /** Lines and comparison lines as drawn (no threshold line). */
  shownDatasets(): DfChartDataset[];
}

/** common/TimeMachineMath.ts: pure helpers. */
interface DfTimeMachineMath {
  /** Window choices of the bar: [label, ms]. */
  WINDOWS: Array<[string, number]>;
  MAX_WINDOW_MS: number;
  /** "15m", "1h", "2h30m", "3d", "90 min" → ms; null when not a window (or longer than MAX_WINDOW_MS). */
  parseWindow(text: string): number | null;
  /** ms → "15m", "1h", "1h30m", "7d". */
  windowLabel(ms: number): string;
  /** A window of windowMs centred on at, never ending after now (then it ends at now). */
  windowAround(at: number, windowMs: number, now: number): { from: number; to: number };
  /** Local "YYYY-MM-DD HH:mm" (with ":ss" when withSeconds). */
  stamp(ts: number, withSeconds?: boolean): string;
  /** Comparison choices: key → offset in ms for a window ending at `to` (0 = none). */
  compareOffset(choice: string, to: number, now: number): number;
}

/** One CSV row: a point of a line of a chart. */
interface DfCsvRow {
  time: number;
  chart: string;
  series: string;
  value: number;
}

/** common/CsvExport.ts */
interface DfCsvExport {
  /** RFC 4180 text (CRLF, UTF-8 BOM): header time,chart,series,value; one row per point. */
  build(rows: DfCsvRow[]): string;
  /** One text cell: quoted when needed, formula-looking text (= + - @, tab, CR) prefixed with '. */
  textCell(v: string): string;
  /** Rows of what the charts show (lines and comparison lines, no thresholds), chart by chart. */
  rows(charts: Array<{ title: string; datasets: DfChartDataset[] }>): DfCsvRow[];
  /** A safe file name: doflamingo-<parts>.csv. */
  fileName(parts: string[]): string;
  /** Saves text as a file (Blob + <a download>). */
  download(name: string, text: string): void;
}

/** common/TimeMachineBar.ts (xtype dftimemachinebar): the amber bar docked on a panel in time-machine mode. */
interface DfTimeMachineBar extends Ext.Container {
  /** Shows the window (banner, fields, scrubber range and position) without firing events. */
  setWindow(w: { from: number; to: number; at: number; windowMs: number; scrubTs: number }): void;
  /** The snapshot time shown next to the scrubber (loading: still asking). */
  setSnapshotTime(ts: number, loading: boolean): void;
  setCompareChoice(choice: string): void;
  showError(text: string | null): void;
}

/** common/TimeMachine.ts: the time-machine state and logic of one LiveController. */
interface DfTimeMachine {
  isActive(): boolean;
  /** Opens the time machine on the window of windowMs around at. */
  enter(at: number, windowMs: number): void;
  /** Back to live (reload: reload live history at once). */
  leave(reload: boolean): void;
  toggle(on: boolean): void;
  /** Renders the visible sections in time-machine mode (history of the window, snapshot state). */
  refresh(): void;
  /** After a live history load: re-applies the comparison lines. */
  afterHistory(section: DfSection, ctx: DfHistoryContext): void;
  scrubTo(ts: number): void;
  setCompare(choice: string): void;
  exportCsv(): void;
  /** Stops listening and timers (the controller's destroy calls it; not Ext.Base#destroy). */
  dispose(): void;
  /** State of the time machine (tests, debugging). */
  from: number;
  to: number;
  at: number;
  windowMs: number;
  scrubTs: number;
  compare: string;
  snap: DfLiveState | null;
}

interface DfLiveControllerImpl {
  tm: DfTimeMachine | null;
}

declare namespace Flamingo2.view.monitoring.common {
  const TimeMachineMath: DfTimeMachineMath;
  const CsvExport: DfCsvExport;
}

declare namespace Ext {
  interface Panel {
    addDocked<T = Component>(item: object): T[];
  }
  interface Button {
    toggle(state: boolean, suppressEvent?: boolean): void;
    setDisabled(d: boolean): void;
    pressed?: boolean;
  }
  interface Component {
    setDisabled(d: boolean): void;
  }
}
