// Where the local servers of scripts/local-stores.sh listen (and the machine's own PostgreSQL, MariaDB,
// Redis), from each server engine's descriptor. POLYGLOT_BENCH_<ENGINE>_URL, as `scripts/local-stores.sh env`
// prints, overrides each.
import { byServerKind } from '../stores/engine-lookup.js';

export const LOCAL_URLS: Readonly<Record<string, string>> = byServerKind(
  (engine) => engine.server.local?.url,
);

/** The same rule as the script's `env` (POLYGLOT_BENCH_${name^^}_URL), so the two name one variable. */
export function engineUrlVariable(engine: string): string {
  return `POLYGLOT_BENCH_${engine.toUpperCase()}_URL`;
}

/** A named store's URL override: stores.<name> in the scenario → POLYGLOT_BENCH_STORE_<NAME>_URL. */
export function storeUrlVariable(storeName: string): string {
  return `POLYGLOT_BENCH_STORE_${storeName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** The engine URLs of a preset with the environment's overrides applied. */
export function withEnvOverrides(
  urls: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const result: Record<string, string> = { ...urls };
  for (const engine of Object.keys(urls)) {
    const override = env[engineUrlVariable(engine)];
    if (override) result[engine] = override;
  }
  return result;
}
