// Throughput, errors and latency per second, each layout's charts side by side on shared scales, with the load
// phases (grey) and fault windows (red) shaded.
import type { Report } from '../../metrics/types.js';
import { ChartCollector, layoutColumns } from './chart-figure.js';
import { timeSeriesCharts } from './time-series-charts.js';

export function overTimeSection(report: Report, charts: ChartCollector): string {
  const perLayout = timeSeriesCharts(report);
  const throughput = perLayout.map((c) => charts.figure(c.throughput));
  const latency = perLayout.map((c) => charts.figure(c.latency));
  return (
    '<section id="over-time"><h2>Over time</h2>' +
    '<p class="legend"><span class="swatch phase"></span> load phase · <span class="swatch fault"></span> fault ' +
    'window (as switched on and off) · drag to zoom, double-click to reset · click a legend entry to show or ' +
    'hide it (p50 lines start hidden)</p>' +
    layoutColumns(throughput) +
    layoutColumns(latency) +
    '</section>'
  );
}
