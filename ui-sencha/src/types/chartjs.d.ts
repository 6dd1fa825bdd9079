/**
 * The part of the Chart.js 4 UMD global (`Chart`) the panels use, typed by hand.
 * Points are always given parsed ({x, y}) with `parsing: false`.
 */
interface DfPoint {
  x: number;
  y: number;
}

interface DfChartDataset {
  label: string;
  data: DfPoint[];
  type?: 'line' | 'bar';
  borderColor?: string;
  backgroundColor?: string | string[];
  borderWidth?: number;
  borderDash?: number[];
  pointRadius?: number;
  pointHoverRadius?: number;
  tension?: number;
  fill?: boolean | string;
  yAxisID?: string;
  stepped?: boolean;
  order?: number;
  spanGaps?: boolean | number;
  /** Doflamingo extras (Chart.js ignores unknown keys). */
  pointStyle?: 'line' | 'circle' | 'rect';
  dfKey?: string;
  dfThreshold?: boolean;
}

interface DfChartTick {
  value: number;
  label?: string;
}

interface DfChartScale {
  min: number;
  max: number;
  ticks: DfChartTick[];
}

interface DfChartScaleOptions {
  type?: 'linear' | 'category' | 'logarithmic';
  position?: 'left' | 'right' | 'top' | 'bottom';
  min?: number;
  max?: number;
  suggestedMax?: number;
  beginAtZero?: boolean;
  stacked?: boolean;
  display?: boolean;
  offset?: boolean;
  grid?: { color?: string; drawOnChartArea?: boolean; display?: boolean; tickColor?: string };
  border?: { display?: boolean; color?: string };
  title?: { display: boolean; text: string; color?: string; font?: { size?: number } };
  ticks?: {
    callback?: (value: number | string, index: number) => string | string[];
    maxRotation?: number;
    autoSkip?: boolean;
    maxTicksLimit?: number;
    color?: string;
    font?: { size?: number };
    precision?: number;
    padding?: number;
  };
  afterBuildTicks?: (scale: DfChartScale) => void;
  afterDataLimits?: (scale: DfChartScale) => void;
  bounds?: 'data' | 'ticks';
}

interface DfTooltipItem {
  dataset: DfChartDataset;
  parsed: { x: number; y: number };
  raw: DfPoint;
  label: string;
}

interface DfChartOptions {
  animation?: false | object;
  responsive?: boolean;
  maintainAspectRatio?: boolean;
  parsing?: boolean;
  normalized?: boolean;
  indexAxis?: 'x' | 'y';
  interaction?: { mode?: 'index' | 'nearest' | 'x'; intersect?: boolean; axis?: 'x' | 'y' | 'xy' };
  layout?: { padding?: number | { top?: number; right?: number; bottom?: number; left?: number } };
  scales?: Record<string, DfChartScaleOptions>;
  plugins?: {
    legend?: {
      display?: boolean;
      position?: 'top' | 'bottom' | 'right';
      align?: 'start' | 'center' | 'end';
      labels?: {
        boxWidth?: number;
        boxHeight?: number;
        padding?: number;
        color?: string;
        font?: { size?: number };
        usePointStyle?: boolean;
        pointStyleWidth?: number;
      };
    };
    tooltip?: {
      enabled?: boolean;
      callbacks?: {
        title?: (items: DfTooltipItem[]) => string;
        label?: (item: DfTooltipItem) => string;
      };
    };
    decimation?: { enabled: boolean };
  };
}

interface DfChartConfig {
  type: 'line' | 'bar';
  data: { labels?: string[]; datasets: DfChartDataset[] };
  options: DfChartOptions;
}

declare class Chart {
  constructor(canvas: HTMLCanvasElement, config: DfChartConfig);
  data: DfChartConfig['data'];
  options: DfChartOptions;
  update(mode?: 'none' | 'resize' | 'active'): void;
  resize(width?: number, height?: number): void;
  destroy(): void;
  static defaults: { font: { family: string; size: number }; color: string };
}
