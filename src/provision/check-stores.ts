// Which stores answer: open each store of the plan once, read its engine and version, time a cheap read.
// Used before a run (an unreachable server is a one-line user error before any load starts) and by
// `polyglot-bench stores check`.
import { UserError, errorMessage } from '../errors.js';
import { nowUs } from '../metrics/clock.js';
import type { StoreSpec } from '../scenario/types.js';
import { storeFactory } from '../stores/registry.js';
import type { StoreAdapter } from '../stores/types.js';
import { redactedAddress } from '../stores/server-address.js';

export interface StoreCheck {
  store: string;
  engine: string;
  /** Engine and version as the store reports them; null when it could not be opened. */
  reported: { engine: string; version: string } | null;
  address: string;
  embedded: boolean;
  /** Median of a few cheap reads (µs); null when the store did not answer. */
  pingUs: number | null;
  error: string | null;
}

const PINGS = 5;
const PING_ID = 'polyglot-bench-ping';

/** A read every role has that touches the engine but finds nothing: a round trip, not a workload. */
async function pingOnce(adapter: StoreAdapter): Promise<void> {
  const { roles } = adapter;
  if (roles.sessions) await roles.sessions.getSession(PING_ID);
  else if (roles.inventory) await roles.inventory.getStock(-1);
  else if (roles.catalog) await roles.catalog.getProduct(-1);
  else if (roles.orders) await roles.orders.getOrder(PING_ID);
  else if (roles.graph) await roles.graph.hasOrder(PING_ID);
  else if (roles.analytics) await roles.analytics.hasOrder(PING_ID);
  else if (roles.search) await roles.search.hasOrder(PING_ID);
}

export async function checkStore(name: string, spec: StoreSpec): Promise<StoreCheck> {
  const address = spec.url ? redactedAddress(spec.url) : 'in-process';
  const base = { store: name, engine: spec.engine, address, reported: null, pingUs: null };
  let adapter: StoreAdapter | null = null;
  try {
    const factory = await storeFactory(spec.engine);
    const settings = spec.pool === null ? spec.options : { ...spec.options, pool: spec.pool };
    adapter = await factory.create({ url: spec.url ?? undefined, settings });
    const times: number[] = [];
    for (let i = 0; i < PINGS; i++) {
      const start = nowUs();
      await pingOnce(adapter);
      times.push(nowUs() - start);
    }
    times.sort((a, b) => a - b);
    return {
      ...base,
      address: adapter.info.address,
      embedded: adapter.info.embedded,
      reported: { engine: adapter.info.engine, version: adapter.info.version },
      pingUs: times[Math.floor(times.length / 2)] ?? null,
      error: null,
    };
  } catch (error) {
    return { ...base, embedded: false, error: errorMessage(error) };
  } finally {
    await adapter?.close().catch(() => undefined);
  }
}

export async function checkStores(stores: Record<string, StoreSpec>): Promise<StoreCheck[]> {
  const checks: StoreCheck[] = [];
  for (const [name, spec] of Object.entries(stores)) checks.push(await checkStore(name, spec));
  return checks;
}

/** Before a run: every server store must answer, or the run stops with one line naming it. */
export async function preflight(
  stores: Record<string, StoreSpec>,
  isEmbedded: (kind: string) => boolean,
): Promise<void> {
  for (const [name, spec] of Object.entries(stores)) {
    if (isEmbedded(spec.engine)) continue;
    const check = await checkStore(name, spec);
    if (check.error)
      throw new UserError(
        check.error.startsWith('store ')
          ? check.error
          : `store ${name} (${spec.engine}) at ${check.address}: ${check.error}`,
      );
  }
}
