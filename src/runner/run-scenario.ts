// Runs every layout of a scenario one after another on freshly loaded stores, with the same data and the
// same arrival schedule, and assembles the report.
import { setMaxListeners } from 'node:events';
import { generateDataset } from '../data/generate.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import type { StorePlan } from '../provision/plan.js';
import { thisMachine } from '../metrics/environment.js';
import { compareLayouts } from '../metrics/comparison.js';
import { initHistograms } from '../metrics/histogram.js';
import {
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  type LayoutFailure,
  type LayoutResult,
  type Report,
} from '../metrics/types.js';
import { UserError, errorMessage } from '../errors.js';
import { checkDataSize } from '../provision/check-data-size.js';
import { checkRoleEngines } from '../provision/check-roles.js';
import type { Scenario } from '../scenario/types.js';
import { redactedAddress } from '../stores/server-address.js';
import { ShopCatalog } from '../workloads/context.js';
import type { LiveStatus } from './drive-load.js';
import { runLayout } from './run-layout.js';
import type { CommitLedger } from '../propagation/ledger.js';
import type { ShardInfo } from '../metrics/types.js';
import { ledgerOf, scenarioHash, waitForWallClock, type ShardSpec } from './shard.js';

export interface ScenarioRunOptions {
  scenario: Scenario;
  /** The scenario file as the user named it (its base name goes into the report). */
  scenarioFile: string;
  /** Layouts resolved and their stores located (src/provision/plan.ts). */
  plan: StorePlan;
  signal: AbortSignal;
  tool: { name: string; version: string };
  onLayoutStart?: (layout: ResolvedLayout) => void;
  onProgress?: (layout: string, status: LiveStatus) => void;
  /** A store's warning the moment it arises (a lost namespace lock); the layout's notes keep it as well. */
  onStoreWarning?: (layout: ResolvedLayout, line: string) => void;
  onLayoutDone?: (result: LayoutResult) => void;
  /** A layout that failed (its store went away, say): the run goes on with the next, and reports both. */
  onLayoutFailed?: (layout: ResolvedLayout, message: string) => void;
  /** `run --shard i/N`: this process runs its slice and the report carries `shard` for `merge`. */
  shard?: ShardSpec | null;
  /** `--workers N`: worker threads driving each layout's load (1 or absent: this thread). */
  workers?: number;
  /** `--start-at`: the first layout's clock waits for this wall-clock instant (ms since the epoch). */
  startAtMs?: number | null;
}

/** The scenario as the report keeps it: store URLs with their passwords replaced by "***". */
export function withoutSecrets(scenario: Scenario): Scenario {
  const copy = structuredClone(scenario);
  for (const spec of Object.values(copy.stores)) if (spec.url) spec.url = redactedAddress(spec.url);
  return copy;
}

/** The plain statement every report carries when any role ran in-process: which engines, and what that means. */
export function embeddedNote(results: readonly LayoutResult[]): string | null {
  const engines = new Set<string>();
  for (const result of results) {
    for (const binding of Object.values(result.roles)) if (binding.embedded) engines.add(binding.engine);
  }
  if (engines.size === 0) return null;
  return (
    `Embedded engines are in-process stand-ins, not networked servers (${[...engines].join(', ')}): no network ` +
    'round trips, all in this one process' +
    ([...engines].some((e) => e === 'PostgreSQL') ? ', and PGlite runs one query at a time' : '') +
    '. Compare the layouts with each other, not with production servers.'
  );
}

export async function runScenario(options: ScenarioRunOptions): Promise<Report> {
  const { scenario } = options;
  // Every journey sleeping in think time listens for Ctrl-C on this one signal: thousands, by design.
  setMaxListeners(0, options.signal);
  await initHistograms();
  const { layouts } = options.plan;
  // An impossible role mapping is the user's to fix before anything loads, not after earlier layouts ran.
  checkRoleEngines(layouts, options.plan.stores);
  // So is data that cannot fit with the stores the layouts got (embedded engines hold the history in process).
  checkDataSize(scenario.data, layouts, options.plan.stores);
  // One reference instant for the whole run, so every layout gets identical data.
  const dataset = generateDataset(scenario.data, scenario.seed, Date.now());
  const catalog = new ShopCatalog(dataset, scenario.data.popularitySkew);

  const results: LayoutResult[] = [];
  const failures: LayoutFailure[] = [];
  const shardLayouts: ShardInfo['layouts'] = [];
  let barrierPending = options.startAtMs !== undefined && options.startAtMs !== null;
  let firstError: unknown = null;
  for (const layout of layouts) {
    if (options.signal.aborted) break;
    options.onLayoutStart?.(layout);
    let result: LayoutResult;
    const started: { ledger: CommitLedger | null; atMs: number; offsetMs: number | null } = {
      ledger: null,
      atMs: 0,
      offsetMs: null,
    };
    try {
      result = await runLayout({
        scenario,
        layout,
        stores: options.plan.stores,
        dataset,
        catalog,
        signal: options.signal,
        onProgress: (status) => options.onProgress?.(layout.name, status),
        onStoreWarning: (line) => options.onStoreWarning?.(layout, line),
        shard: options.shard,
        workers: options.workers,
        beforeClock: async () => {
          // Only the first layout starts at the barrier: later ones start when the one before has ended.
          if (barrierPending && options.startAtMs !== undefined && options.startAtMs !== null) {
            barrierPending = false;
            await waitForWallClock(options.startAtMs, options.signal);
            started.atMs = Date.now();
            started.offsetMs = started.atMs - options.startAtMs;
          } else started.atMs = Date.now();
        },
        onLedger: (ledger) => {
          started.ledger = ledger;
        },
      });
    } catch (error) {
      // A later layout's failure never discards the earlier layouts' results: it is recorded and the run goes on.
      firstError ??= error;
      const message = errorMessage(error).split('\n')[0] ?? '';
      failures.push({ layout: layout.name, error: message, userError: error instanceof UserError });
      options.onLayoutFailed?.(layout, message);
      continue;
    }
    results.push(result);
    if (options.shard)
      shardLayouts.push({
        layout: result.layout,
        startedAt: new Date(started.atMs).toISOString(),
        clockOffsetMs: started.offsetMs,
        ledger: started.ledger ? ledgerOf(started.ledger.placedOrdersById()) : [],
      });
    options.onLayoutDone?.(result);
  }
  // Nothing measured at all: the failure is the outcome (a user error stays one, exit 2).
  if (results.length === 0 && firstError !== null) throw firstError;

  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: options.tool,
    createdAt: new Date().toISOString(),
    scenario: {
      name: scenario.name,
      file: options.scenarioFile.split(/[\\/]/).pop() ?? options.scenarioFile,
      seed: scenario.seed,
      config: withoutSecrets(scenario),
    },
    environment: thisMachine(),
    embeddedNote: embeddedNote(results),
    interrupted: options.signal.aborted,
    layouts: results,
    ...(failures.length > 0 ? { failedLayouts: failures } : {}),
    comparison: compareLayouts(results),
    ...(options.shard
      ? {
          shard: {
            index: options.shard.index,
            count: options.shard.count,
            scenarioHash: scenarioHash(scenario),
            seed: scenario.seed,
            startAt:
              options.startAtMs === undefined || options.startAtMs === null
                ? null
                : new Date(options.startAtMs).toISOString(),
            layouts: shardLayouts,
          },
        }
      : {}),
  };
}
