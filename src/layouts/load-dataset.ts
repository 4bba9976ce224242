// Loads the generated data into a layout's roles, each through its store's bulk path, the streamed parts in chunks.
import { HISTORY_CHUNK } from '../data/history.js';
import { SOCIAL_CHUNK_USERS } from '../data/social.js';
import type { Dataset } from '../domain.js';
import { UserError, errorMessage } from '../errors.js';
import type { RoleImpls, RoleName } from '../roles.js';

export interface LoadOptions {
  /** Historical orders per bulk call: what the load holds at once (HISTORY_CHUNK unless a test says). */
  chunkSize?: number;
  /** Users whose follows and likes go in one bulk call (SOCIAL_CHUNK_USERS unless a test says). */
  usersPerChunk?: number;
}

/** Runs one role's load: the layout's wraps it to name the role and store in a failure. */
type LoadStep = (role: RoleName, load: () => Promise<void>) => Promise<void>;

/**
 * Catalog, stock and the graph's users and products first, then its follows and likes a chunk of users at a
 * time (edges point at the users and products), then the historical orders chunk by chunk into every role that
 * keeps them (orders, the graph's purchases, analytics), then the search index. Each chunk is generated, loaded
 * and dropped before the next (docs/architecture.md, "Data sizes"); every loader appends, so calling one per
 * chunk is one bulk load in parts. A role the store does not serve is skipped (micro loads one store's roles).
 */
export async function loadServedRoles(
  roles: Partial<RoleImpls>,
  dataset: Dataset,
  options: LoadOptions = {},
  step: LoadStep = (_role, load) => load(),
): Promise<void> {
  const { catalog, inventory, orders, graph, analytics, search } = roles;
  if (catalog) await step('catalog', () => catalog.loadCatalog(dataset.categories, dataset.products));
  if (inventory) await step('inventory', () => inventory.loadStock(dataset.stock));
  if (graph) {
    await step('graph', () =>
      graph.loadGraph({
        users: dataset.users,
        products: dataset.products,
        follows: [],
        likes: [],
        purchases: [],
      }),
    );
    for (const edges of dataset.social.chunks(options.usersPerChunk ?? SOCIAL_CHUNK_USERS)) {
      await step('graph', () => graph.loadSocial(edges));
    }
  }
  if (orders || graph || analytics) {
    for (const chunk of dataset.history.chunks(options.chunkSize ?? HISTORY_CHUNK)) {
      if (orders) await step('orders', () => orders.loadOrders(chunk));
      if (graph) await step('graph', () => graph.loadPurchases(chunk));
      if (analytics) await step('analytics', () => analytics.loadSales(chunk));
    }
  }
  if (search) await step('search', () => search.loadIndex(dataset.products, dataset.stock));
}

/** Every role of a layout, each through its store's bulk path; a failure names the role and the store. */
export async function loadDataset(
  roles: RoleImpls,
  storeOf: Record<RoleName, string>,
  dataset: Dataset,
  options: LoadOptions = {},
): Promise<void> {
  await loadServedRoles(roles, dataset, options, async (role, load) => {
    try {
      await load();
    } catch (error) {
      throw new UserError(
        `loading data for role ${role} into store "${storeOf[role]}" failed: ${errorMessage(error)}`,
      );
    }
  });
}
