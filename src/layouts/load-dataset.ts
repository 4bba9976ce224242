// Loads the generated data into a layout's roles, each through its store's bulk path.
import type { Dataset } from '../domain.js';
import { UserError, errorMessage } from '../errors.js';
import type { RoleImpls, RoleName } from '../roles.js';

export async function loadDataset(
  roles: RoleImpls,
  storeOf: Record<RoleName, string>,
  dataset: Dataset,
): Promise<void> {
  const steps: Array<[RoleName, () => Promise<void>]> = [
    ['catalog', () => roles.catalog.loadCatalog(dataset.categories, dataset.products)],
    ['inventory', () => roles.inventory.loadStock(dataset.stock)],
    ['orders', () => roles.orders.loadOrders(dataset.orders)],
    [
      'graph',
      () =>
        roles.graph.loadGraph({
          users: dataset.users,
          products: dataset.products,
          follows: dataset.follows,
          likes: dataset.likes,
          purchases: dataset.orders,
        }),
    ],
    ['analytics', () => roles.analytics.loadSales(dataset.orders)],
    ['search', () => roles.search.loadIndex(dataset.products, dataset.stock)],
  ];
  for (const [role, load] of steps) {
    try {
      await load();
    } catch (error) {
      throw new UserError(
        `loading data for role ${role} into store "${storeOf[role]}" failed: ${errorMessage(error)}`,
      );
    }
  }
}
