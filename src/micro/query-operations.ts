// The read operations of the catalog, orders, graph and analytics roles, with the page sizes the shopper
// journeys and analysts ask for (src/workloads). Their writes (insertOrder, recordPurchase, recordOrder) are
// left out: each call adds an order, so a timed loop would grow the store without bound and measure a
// different store at the end than at the start.
import type { Dataset } from '../domain.js';
import type { AnalyticsRole, CatalogRole, GraphRole, OrdersRole } from '../roles.js';
import { analyticsSince, drawRing, type ArgumentPools } from './arguments.js';
import { ringOperation, type RolePlan } from './operation.js';

const LISTING_SIZE = 20;
const RECOMMENDATIONS = 5;
const MY_ORDERS_PAGE = 10;
const TOP_PRODUCTS = 10;

const NO_PRODUCTS = 'the dataset has no products';
const NO_ORDERS = 'the dataset has no historical orders';

export function catalogPlan(catalog: CatalogRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  const ring = <T>(operation: string, pool: readonly T[]) => drawRing(dataset, `catalog.${operation}`, pool);
  ringOperation(plan, 'catalog', 'getProduct', ring('getProduct', pools.productIds), NO_PRODUCTS, (id) =>
    catalog.getProduct(id),
  );
  ringOperation(
    plan,
    'catalog',
    'listCategory',
    ring('listCategory', pools.categoryIds),
    NO_PRODUCTS,
    (categoryId) => catalog.listCategory(categoryId, LISTING_SIZE),
  );
  return plan;
}

export function ordersPlan(orders: OrdersRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  const ring = <T>(operation: string, pool: readonly T[]) => drawRing(dataset, `orders.${operation}`, pool);
  ringOperation(plan, 'orders', 'getOrder', ring('getOrder', pools.orderIds), NO_ORDERS, (id) =>
    orders.getOrder(id),
  );
  ringOperation(plan, 'orders', 'ordersOfUser', ring('ordersOfUser', pools.buyerIds), NO_ORDERS, (userId) =>
    orders.ordersOfUser(userId, MY_ORDERS_PAGE),
  );
  return plan;
}

export function graphPlan(graph: GraphRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  const ring = <T>(operation: string, pool: readonly T[]) => drawRing(dataset, `graph.${operation}`, pool);
  ringOperation(plan, 'graph', 'alsoBought', ring('alsoBought', pools.productIds), NO_PRODUCTS, (id) =>
    graph.alsoBought(id, RECOMMENDATIONS),
  );
  ringOperation(
    plan,
    'graph',
    'friendsLiked',
    ring('friendsLiked', pools.followerIds),
    'the dataset has no follows',
    (userId) => graph.friendsLiked(userId, RECOMMENDATIONS),
  );
  ringOperation(
    plan,
    'graph',
    'recentPurchases',
    ring('recentPurchases', pools.buyerIds),
    NO_ORDERS,
    (userId) => graph.recentPurchases(userId, RECOMMENDATIONS),
  );
  ringOperation(plan, 'graph', 'hasOrder', ring('hasOrder', pools.orderIds), NO_ORDERS, (id) =>
    graph.hasOrder(id),
  );
  return plan;
}

export function analyticsPlan(analytics: AnalyticsRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  const since = analyticsSince(dataset);
  // One fixed bound: the answer, and so the work, is the same on every call and every store.
  const sinceRing = (operation: string) => (since === null ? null : drawRing(dataset, operation, [since]));
  ringOperation(plan, 'analytics', 'topProducts', sinceRing('analytics.topProducts'), NO_ORDERS, (from) =>
    analytics.topProducts(from, TOP_PRODUCTS),
  );
  ringOperation(
    plan,
    'analytics',
    'revenueByCategory',
    sinceRing('analytics.revenueByCategory'),
    NO_ORDERS,
    (from) => analytics.revenueByCategory(from),
  );
  ringOperation(
    plan,
    'analytics',
    'hasOrder',
    drawRing(dataset, 'analytics.hasOrder', pools.orderIds),
    NO_ORDERS,
    (id) => analytics.hasOrder(id),
  );
  return plan;
}
