// The self-contained HTML report: every section rendered here from the Report, the charts drawn in the page from
// specs built from the same Report. One file, no network: the chart library and styles are inlined.
import type { Report } from '../../metrics/types.js';
import { loadChartAssets, type ChartAssets } from './assets.js';
import { ChartCollector } from './chart-figure.js';
import { consistencySection } from './consistency-section.js';
import { enginesSection } from './engines-section.js';
import { faultsSection } from './faults-section.js';
import { footprintSection } from './footprint-section.js';
import { headerSection } from './header-section.js';
import { healthSection } from './health-section.js';
import { invariantsSection } from './invariants-section.js';
import { operationsSection } from './operations-section.js';
import { overTimeSection } from './over-time-section.js';
import { pageShell } from './page-shell.js';
import { scenarioSection } from './scenario-section.js';
import { verdictSection } from './verdict-section.js';
import { waterfallSection } from './waterfall-section.js';

/** Renders with the given assets (tests pass their own); renderHtmlReport reads uPlot from node_modules. */
export function renderHtmlWith(report: Report, assets: ChartAssets): string {
  const charts = new ChartCollector();
  const sections = [
    verdictSection(report),
    operationsSection(report, charts),
    overTimeSection(report, charts),
    consistencySection(report, charts),
    faultsSection(report),
    waterfallSection(report),
    invariantsSection(report),
    enginesSection(report),
    footprintSection(report),
    healthSection(report),
    scenarioSection(report),
  ].filter((html) => html !== '');
  const body = `${headerSection(report, sections)}\n<main>\n${sections.join('\n')}\n</main>`;
  return pageShell(`${report.scenario.name} — polyglot-bench`, body, charts.specs, assets);
}

export async function renderHtmlReport(report: Report): Promise<string> {
  return renderHtmlWith(report, await loadChartAssets());
}
