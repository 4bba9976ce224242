// A layout's operational footprint, from what the run measured: the stores it opened and what each reported about
// itself at the end of the run, the connections and bytes the wire meter saw, round trips per user action from the
// operations' own call counts, and the copies of each order the propagation plan implies. Nothing here is assumed
// from the layout's shape.
import type { PropagationPlan } from '../propagation/plan.js';
import { ROLE_NAMES, type RoleName } from '../roles.js';
import type { StoreFootprint } from '../stores/types.js';
import type { LayoutFootprint, OperationStats, RoleBinding, StoreFootprintStats } from './types.js';
import type { WireCounts } from './wire-meter.js';

export interface FootprintInput {
  bindings: Record<RoleName, RoleBinding>;
  plan: Pick<PropagationPlan, 'targets'>;
  operations: readonly OperationStats[];
  /** Per store name: what its adapter reported (absent: the engine has no footprint method). */
  reported: ReadonlyMap<string, StoreFootprint | Error>;
  /** Per server store: what the wire meter saw; null where it saw no connection. */
  wire: (store: string) => WireCounts | null;
}

/** Why a store has no wire figures: the two reasons the meter cannot see one (src/metrics/wire-meter.ts). */
function unseenWire(binding: RoleBinding): string {
  return binding.embedded
    ? 'in process: no wire'
    : 'not seen: no plain TCP connection to its address (a TLS connection is not counted)';
}

export function layoutFootprint(input: FootprintInput): LayoutFootprint {
  const byStore = new Map<string, StoreFootprintStats>();
  for (const role of ROLE_NAMES) {
    const binding = input.bindings[role];
    let entry = byStore.get(binding.store);
    if (!entry) {
      const reported = input.reported.get(binding.store);
      const wire = input.wire(binding.store);
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
        connections: wire ? { opened: wire.opened, peak: wire.peak } : null,
        wire: wire ? { sentBytes: wire.sentBytes, receivedBytes: wire.receivedBytes } : null,
        ...(wire ? {} : { wireNote: unseenWire(binding) }),
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
  // What the copies themselves take: each derived target's copy (purchase edges, sales lines, search's applied
  // orders) as its store reports that table or collection; unknown as soon as one is not reported.
  const copyBytesOf = input.plan.targets.map((target) => {
    const reported = input.reported.get(target.store);
    return reported instanceof Error ? undefined : reported?.orderCopyBytes?.[target.role];
  });
  const copyBytes = copyBytesOf.some((bytes) => bytes === undefined)
    ? null
    : copyBytesOf.reduce<number>((sum, bytes) => sum + bytes!, 0);
  return {
    engines: [...new Set(stores.map((s) => s.engine))],
    serverProcesses: stores.filter((s) => !s.embedded).length,
    stores,
    roundTrips,
    duplication: { copies: 1 + input.plan.targets.length, stores: copyStores, copyStoreBytes, copyBytes },
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
