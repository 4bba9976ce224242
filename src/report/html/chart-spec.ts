// What the page's drawing script receives for each chart: data already in the shape uPlot draws (an x array and
// one aligned array per series), built here from the Report so the script in the page only draws and never
// derives a figure. The script (client-script.ts) reads exactly these fields.

/** How axis ticks and legend values are printed: microseconds as durations, a 0..1 share as percent. */
export type ValueUnit = 'us' | 'count' | 'rate' | 'fraction' | 'percentile' | 'ms' | 'seconds';

export interface AxisSpec {
  label: string;
  unit: ValueUnit;
  log: boolean;
  /** Fixed range, when the side-by-side charts share one scale or the axis has natural bounds. */
  min?: number;
  max?: number;
  /** Fixed tick positions (the 1/(1−p) axis ticks at 50 %, 90 %, 99 %, …). */
  ticks?: number[];
}

export interface SeriesSpec {
  label: string;
  color: string;
  /** Hidden until its legend entry is clicked. */
  show?: boolean;
  dash?: number[];
  width?: number;
  /** Mark each point (sparse series: the spectrum's seven points, t-visibility's five). */
  points?: boolean;
  /** Join across null points (the spectrum's union x array leaves holes that are not missing data). */
  spanGaps?: boolean;
}

/** A region of the x axis shaded behind the data: a load phase or a fault window. */
export interface ShadeSpec {
  kind: 'phase' | 'fault';
  from: number;
  to: number;
  label: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  /** [x values, then one array per series], equal lengths; null = no value at that x. */
  data: Array<Array<number | null>>;
  series: SeriesSpec[];
  /** Fill between two series (1-based indexes into data): the unknown t-visibility range. */
  bands?: Array<{ upper: number; lower: number; fill: string }>;
  shading?: ShadeSpec[];
  /** One line under the chart saying what a point is (e.g. downsampling). */
  caption?: string;
}
