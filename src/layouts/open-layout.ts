// Opens the stores a layout maps its roles to: one instance per distinct store name, fresh and empty.
import { UserError } from '../errors.js';
import type { RoleBinding } from '../metrics/types.js';
import {
  CROSS_STORE_ROLES,
  ROLE_NAMES,
  type AtomicCheckout,
  type CrossStoreQueries,
  type RoleImpls,
  type RoleName,
} from '../roles.js';
import type { StoreSpec } from '../scenario/types.js';
import { storeFactory } from '../stores/registry.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../stores/types.js';
import type { ResolvedLayout } from './resolve.js';

export interface OpenedLayout {
  name: string;
  /** Role → the store name serving it. */
  storeOf: Record<RoleName, string>;
  roles: RoleImpls;
  bindings: Record<RoleName, RoleBinding>;
  /**
   * Set when inventory, orders, graph, analytics and search live in one store that can commit a checkout in one
   * transaction: the single-database propagation.
   */
  atomicCheckout: AtomicCheckout | null;
  /**
   * The cross-store queries answered in one statement: each present when every role it reads sits on one store
   * that offers crossStore, with that store's name (its calls are attributed to the query's lead role there).
   */
  crossStore: Partial<
    Record<keyof CrossStoreQueries, { store: string; run: CrossStoreQueries[keyof CrossStoreQueries] }>
  >;
  /** Whether that same store also holds sessions, so the cart is cleared inside the transaction. */
  atomicClearsCart: boolean;
  /** One store holds every role a checkout writes but cannot commit them in one transaction (says why). */
  singleStoreWithoutTransactions: string | null;
  adapters: Map<string, StoreAdapter>;
  close(): Promise<void>;
}

/** The roles a checkout writes: held by one store, they can commit in one transaction. */
export const CHECKOUT_WRITE_ROLES: readonly RoleName[] = [
  'inventory',
  'orders',
  'graph',
  'analytics',
  'search',
];

export async function openLayout(
  layout: ResolvedLayout,
  stores: Record<string, StoreSpec>,
  /** Told each store's warnings as they arise (StoreOptions.onWarning). */
  onStoreWarning?: (line: string) => void,
  /**
   * How an instance comes to be, when not fresh from its factory: a worker thread (`run --workers`) attaches to the
   * main thread's server stores and reaches its in-process ones through it (src/runner/workers/).
   */
  createStore?: (store: string, factory: StoreFactory, options: StoreOptions) => Promise<StoreAdapter>,
): Promise<OpenedLayout> {
  const adapters = new Map<string, StoreAdapter>();
  const close = async () => {
    await Promise.allSettled([...adapters.values()].map((adapter) => adapter.close()));
  };
  try {
    for (const storeName of new Set(Object.values(layout.roles))) {
      const spec = stores[storeName] ?? { engine: storeName, url: null, pool: null, options: {} };
      const factory = await storeFactory(spec.engine);
      for (const role of ROLE_NAMES) {
        if (layout.roles[role] === storeName && !factory.roles.includes(role)) {
          throw new UserError(
            `layout "${layout.name}" puts role ${role} on store "${storeName}" (${spec.engine}), ` +
              `which serves only: ${factory.roles.join(', ')}`,
          );
        }
      }
      const settings = spec.pool === null ? spec.options : { ...spec.options, pool: spec.pool };
      const options: StoreOptions = { url: spec.url ?? undefined, settings, onWarning: onStoreWarning };
      adapters.set(
        storeName,
        await (createStore ? createStore(storeName, factory, options) : factory.create(options)),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }

  const roles = {} as Record<RoleName, unknown>;
  const bindings = {} as Record<RoleName, RoleBinding>;
  for (const role of ROLE_NAMES) {
    const storeName = layout.roles[role];
    const adapter = adapters.get(storeName)!;
    const impl = adapter.roles[role];
    if (!impl) throw new UserError(`store "${storeName}" (${adapter.kind}) does not serve role ${role}`);
    roles[role] = impl;
    bindings[role] = { store: storeName, ...adapter.info };
  }

  const crossStore: OpenedLayout['crossStore'] = {};
  for (const query of Object.keys(CROSS_STORE_ROLES) as Array<keyof CrossStoreQueries>) {
    const stores = new Set(CROSS_STORE_ROLES[query].map((role) => layout.roles[role]));
    const store = stores.size === 1 ? [...stores][0]! : undefined;
    const offered = store === undefined ? undefined : adapters.get(store)?.crossStore;
    if (store !== undefined && offered) crossStore[query] = { store, run: offered[query].bind(offered) };
  }

  const writeStores = new Set(CHECKOUT_WRITE_ROLES.map((role) => layout.roles[role]));
  const single = writeStores.size === 1 ? adapters.get([...writeStores][0]!) : undefined;
  return {
    name: layout.name,
    storeOf: { ...layout.roles },
    roles: roles as unknown as RoleImpls,
    bindings,
    atomicCheckout: single?.atomicCheckout ?? null,
    crossStore,
    atomicClearsCart: single !== undefined && layout.roles.sessions === layout.roles.inventory,
    singleStoreWithoutTransactions:
      single && !single.atomicCheckout
        ? `${[...writeStores][0]} (${single.info.engine} ${single.info.version}) holds every role a checkout ` +
          'writes but offers no multi-document transaction here, so checkouts propagate through the outbox relay'
        : null,
    adapters,
    close,
  };
}
