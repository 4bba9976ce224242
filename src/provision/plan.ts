// Where every store of a run comes from: the preset (--stores embedded|local|compose|docker) decides what
// the built-in layouts run on and the default URL of each server engine; a scenario's `stores:` section
// names stores explicitly; the environment overrides URLs (POLYGLOT_BENCH_<ENGINE>_URL for an engine,
// POLYGLOT_BENCH_STORE_<NAME>_URL for a named store).
import { UserError } from '../errors.js';
import { resolveLayout, type ResolvedLayout } from '../layouts/resolve.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { EMBEDDED_STORE_KINDS } from '../stores/kinds.js';
import { hasStoreAdapter } from '../stores/registry.js';
import { engineUrlVariable, storeUrlVariable } from './local-endpoints.js';

export const STORES_PRESETS = ['embedded', 'local', 'compose', 'docker'] as const;
export type StoresPreset = (typeof STORES_PRESETS)[number];

export interface StorePlan {
  layouts: ResolvedLayout[];
  /** Every store name the layouts use → its engine, URL and settings. */
  stores: Record<string, StoreSpec>;
  notes: string[];
}

export function isEmbeddedKind(kind: string): boolean {
  return (EMBEDDED_STORE_KINDS as readonly string[]).includes(kind);
}

/** Layouts and store specs before any URL is filled in (what --provision docker needs to know to start). */
export function planLayouts(
  scenario: Scenario,
  preset: StoresPreset,
): { layouts: ResolvedLayout[]; notes: string[] } {
  const servers = preset !== 'embedded';
  const resolutions = scenario.layouts.map((ref) =>
    resolveLayout(ref, { servers, hasAdapter: hasStoreAdapter }),
  );
  return { layouts: resolutions.map((r) => r.layout), notes: resolutions.flatMap((r) => r.notes) };
}

/** Server engines the layouts need a URL for (those not given one by the scenario or the environment). */
export function enginesWithoutUrl(
  scenario: Scenario,
  layouts: ResolvedLayout[],
  env: NodeJS.ProcessEnv,
): string[] {
  const engines = new Set<string>();
  for (const name of storeNames(layouts)) {
    const spec = baseSpec(scenario, name);
    if (isEmbeddedKind(spec.engine) || spec.url || env[storeUrlVariable(name)]) continue;
    engines.add(spec.engine);
  }
  return [...engines].sort();
}

export function planStores(
  scenario: Scenario,
  preset: StoresPreset,
  endpoints: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): StorePlan {
  const { layouts, notes } = planLayouts(scenario, preset);
  const stores: Record<string, StoreSpec> = {};
  for (const name of storeNames(layouts)) {
    const spec = baseSpec(scenario, name);
    const override = env[storeUrlVariable(name)];
    if (override) spec.url = override;
    if (!isEmbeddedKind(spec.engine) && !spec.url) {
      const url = endpoints[spec.engine];
      if (!url) {
        throw new UserError(
          `store "${name}" (${spec.engine}) needs a server URL: set stores.${name}.url, ` +
            `${engineUrlVariable(spec.engine)}, or run with --stores local|compose|docker`,
        );
      }
      spec.url = url;
    }
    stores[name] = spec;
  }
  return { layouts, stores, notes };
}

function storeNames(layouts: ResolvedLayout[]): string[] {
  return [...new Set(layouts.flatMap((layout) => Object.values(layout.roles)))];
}

/** A named store from the scenario, or a store kind used directly by name. */
function baseSpec(scenario: Scenario, name: string): StoreSpec {
  const named = scenario.stores[name];
  if (named) return structuredClone(named);
  return { engine: name, url: null, pool: null, options: {} };
}
