// A layout's operational footprint (issue 15), from what the run measured: the stores it opened and what each
// reported about itself at the end of the run, round trips per user action from the operations' own call counts,
// and the copies of each order the propagation plan implies. Nothing here is assumed from the layout's shape.
import type { PropagationPlan } from '../propagation/plan.js';
import { ROLE_NAMES, type RoleName } from '../roles.js';
import type { StoreFootprint } from '../stores/types.js';
import type { LayoutFootprint, OperationStats, RoleBinding, StoreFootprintStats } from './types.js';

export interface FootprintInput {
  bindings: Record<RoleName, RoleBinding>;
  plan: Pick<PropagationPlan, 'targets'>;
  operations: readonly OperationStats[];
  /** Per store name: what its adapter reported (absent: the engine has no footprint method). */
  reported: ReadonlyMap<string, StoreFootprint | Error>;
}

export function layoutFootprint(input: FootprintInput): LayoutFootprint {
  const byStore = new Map<string, StoreFootprintStats>();
  for (const role of ROLE_NAMES) {
    const binding = input.bindings[role];
    let entry = byStore.get(binding.store);
    if (!entry) {
      const reported = input.reported.get(binding.store);
      entry = {
        store: binding.store,
        engine: binding.engine,
        embedded: binding.embedded,
        roles: [],
        dataBytes: reported && !(reported instanceof Error) ? reported.dataBytes : null,
        dataSource:
          reported === undefined
            ? 'not reported by this engine'
            : reported instanceof Error
              ? `not reported (${reported.message})`
              : reported.source,
        connections: reported && !(reported instanceof Error) ? reported.connections : null,
      };
      byStore.set(binding.store, entry);
    }
    entry.roles.push(role);
  }
  const stores = [...byStore.values()];
  const roundTrips: LayoutFootprint['roundTrips'] = {};
  for (const op of input.operations) {
    if (op.storeCallsPerRun)
      roundTrips[op.name] = { mean: op.storeCallsPerRun.mean, p99: op.storeCallsPerRun.p99 };
  }
  const ordersStore = input.bindings.orders.store;
  const copyStores = [...new Set([ordersStore, ...input.plan.targets.map((t) => t.store)])];
  const others = copyStores.filter((store) => store !== ordersStore).map((store) => byStore.get(store));
  const copyStoreBytes = others.some((s) => s?.dataBytes == null)
    ? null
    : others.reduce((sum, s) => sum + (s?.dataBytes ?? 0), 0);
  return {
    engines: [...new Set(stores.map((s) => s.engine))],
    serverProcesses: stores.filter((s) => !s.embedded).length,
    stores,
    roundTrips,
    duplication: { copies: 1 + input.plan.targets.length, stores: copyStores, copyStoreBytes },
  };
}

/** Asks every opened store for its footprint, each bounded in time; a failure is kept as the reason. */
export async function measureStoreFootprints(
  adapters: ReadonlyMap<string, { footprint?(): Promise<StoreFootprint> }>,
  timeoutMs = 5_000,
): Promise<Map<string, StoreFootprint | Error>> {
  const reported = new Map<string, StoreFootprint | Error>();
  await Promise.all(
    [...adapters.entries()].map(async ([store, adapter]) => {
      if (!adapter.footprint) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          adapter.footprint(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        reported.set(store, answer);
      } catch (error) {
        reported.set(store, error instanceof Error ? error : new Error(String(error)));
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return reported;
}
