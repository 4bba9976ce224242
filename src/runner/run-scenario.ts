// Runs every layout of a scenario one after another on freshly loaded stores, with the same data and the
// same arrival schedule, and assembles the report.
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { generateDataset } from '../data/generate.js';
import { resolveLayout, type ResolvedLayout } from '../layouts/resolve.js';
import { compareLayouts } from '../metrics/comparison.js';
import { initHistograms } from '../metrics/histogram.js';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type LayoutResult, type Report } from '../metrics/types.js';
import type { Scenario } from '../scenario/types.js';
import { ShopCatalog } from '../workloads/context.js';
import type { LiveStatus } from './drive-load.js';
import { runLayout } from './run-layout.js';

export interface ScenarioRunOptions {
  scenario: Scenario;
  /** The scenario file as the user named it (its base name goes into the report). */
  scenarioFile: string;
  signal: AbortSignal;
  tool: { name: string; version: string };
  onLayoutStart?: (layout: ResolvedLayout) => void;
  onProgress?: (layout: string, status: LiveStatus) => void;
  onLayoutDone?: (result: LayoutResult) => void;
}

export const EMBEDDED_NOTE =
  'Embedded engines are in-process stand-ins (PGlite, DuckDB, Kuzu, an in-memory document store and TTL ' +
  'cache), not networked servers: no network round trips, one process, and PGlite runs one query at a ' +
  'time. Compare the layouts with each other, not with production servers.';

export async function runScenario(options: ScenarioRunOptions): Promise<Report> {
  const { scenario } = options;
  // Every journey sleeping in think time listens for Ctrl-C on this one signal: thousands, by design.
  setMaxListeners(0, options.signal);
  await initHistograms();
  const layouts = scenario.layouts.map(resolveLayout);
  // One reference instant for the whole run, so every layout gets identical data.
  const dataset = generateDataset(scenario.data, scenario.seed, Date.now());
  const catalog = new ShopCatalog(dataset, scenario.data.popularitySkew);

  const results: LayoutResult[] = [];
  for (const layout of layouts) {
    if (options.signal.aborted) break;
    options.onLayoutStart?.(layout);
    const result = await runLayout({
      scenario,
      layout,
      dataset,
      catalog,
      signal: options.signal,
      onProgress: (status) => options.onProgress?.(layout.name, status),
    });
    results.push(result);
    options.onLayoutDone?.(result);
  }

  const embedded = results.some((r) => Object.values(r.roles).some((binding) => binding.embedded));
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: options.tool,
    createdAt: new Date().toISOString(),
    scenario: {
      name: scenario.name,
      file: options.scenarioFile.split(/[\\/]/).pop() ?? options.scenarioFile,
      seed: scenario.seed,
      config: scenario,
    },
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
    },
    embeddedNote: embedded ? EMBEDDED_NOTE : null,
    interrupted: options.signal.aborted,
    layouts: results,
    comparison: compareLayouts(results),
  };
}
