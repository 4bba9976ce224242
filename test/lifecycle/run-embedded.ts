// Runs a scenario given as YAML text on the embedded engines, in this process, as `polyglot-bench run` would:
// the lifecycle tests read the report it returns.
import type { Report } from '../../src/metrics/types.js';
import { provideStores } from '../../src/provision/provide.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { parseScenario } from '../../src/scenario/load.js';

export interface EmbeddedRun {
  report: Report;
  /** performance.now() when runScenario returned. */
  returnedAtMs: number;
}

export async function runEmbedded(
  yaml: string,
  options: { signal?: AbortSignal; onMeasureStart?: () => void } = {},
): Promise<EmbeddedRun> {
  const scenario = parseScenario(yaml, 'lifecycle.yaml');
  const provided = await provideStores(scenario, 'embedded', {});
  try {
    const report = await runScenario({
      scenario,
      scenarioFile: 'lifecycle.yaml',
      plan: provided.plan,
      signal: options.signal ?? new AbortController().signal,
      tool: { name: 'polyglot-bench', version: 'test' },
      onProgress: options.onMeasureStart ? once(options.onMeasureStart) : undefined,
    });
    return { report, returnedAtMs: performance.now() };
  } finally {
    await provided.release();
  }
}

function once(callback: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    callback();
  };
}

/** A small shop on the embedded engines; sections after it are the test's own. */
export const SMALL_DATA = `
data: { users: 60, products: 80, categories: 6, followsPerUser: 3, likesPerUser: 2, historicalOrders: 40, historyDays: 3, stockPerProduct: 1000 }
`;
