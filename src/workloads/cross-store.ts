// The cross-store operations (issue 15): answers that span roles. Where every role a query reads sits on one
// store that answers it in one statement (the SQL baseline's crossStore), the workload asks that store once;
// otherwise it makes one role-level call per store involved and joins here, in the application — the price of
// polyglot persistence the design warns about, measured like any other operation.
import {
  CROSS_STORE_LIMITS,
  FOLLOWER_BANDS,
  followerBand,
  type CrossStoreQueries,
  type FollowerBandRevenue,
  type FriendPurchase,
  type OrderDetail,
  type RoleImpls,
} from '../roles.js';
import type { JourneyState, ShopContext } from './context.js';
import type { StepOutcome } from './step.js';

type Roles = Pick<RoleImpls, 'orders' | 'catalog' | 'inventory' | 'graph' | 'analytics'>;

/** "My orders with product details and current price": orders, then catalog and inventory for their products. */
export async function joinOrderDetails(roles: Roles, userId: number): Promise<OrderDetail[]> {
  const orders = await roles.orders.ordersOfUser(userId, CROSS_STORE_LIMITS.myOrders);
  const ids = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.productId)))].sort(
    (a, b) => a - b,
  );
  // One after the other, as step-calls.ts declares them (the trace test checks the order).
  const products = await roles.catalog.getProducts(ids);
  const stock = await roles.inventory.getStocks(ids);
  const nameOf = new Map(products.map((p) => [p.id, p.name]));
  const stockOf = new Map(stock.map((s) => [s.productId, s]));
  return orders.map((order): OrderDetail => ({
    orderId: order.id,
    createdAt: order.createdAt,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      name: nameOf.get(line.productId) ?? null,
      quantity: line.quantity,
      paidCents: line.unitPriceCents,
      currentPriceCents: stockOf.get(line.productId)?.priceCents ?? null,
      stock: stockOf.get(line.productId)?.stock ?? null,
    })),
  }));
}

/** "What my friends bought recently, in stock": graph (whom I follow), orders (theirs), inventory (stock now). */
export async function joinFriendsBought(roles: Roles, userId: number): Promise<FriendPurchase[]> {
  // Every call is made even when an earlier one came back empty, so the step's calls are always the same three.
  const friends = await roles.graph.following(userId, CROSS_STORE_LIMITS.friends);
  const orders = await roles.orders.ordersOfUsers(friends, CROSS_STORE_LIMITS.friendsOrders);
  const buyers = new Map<number, Set<number>>();
  for (const order of orders) {
    for (const line of order.lines) {
      let set = buyers.get(line.productId);
      if (!set) buyers.set(line.productId, (set = new Set()));
      set.add(order.userId);
    }
  }
  const stock = await roles.inventory.getStocks([...buyers.keys()].sort((a, b) => a - b));
  return stock
    .filter((item) => item.stock > 0)
    .map((item): FriendPurchase => ({
      productId: item.productId,
      friends: buyers.get(item.productId)?.size ?? 0,
      stock: item.stock,
    }))
    .sort((a, b) => b.friends - a.friends || a.productId - b.productId)
    .slice(0, CROSS_STORE_LIMITS.friendsProducts);
}

/** The analysts' "revenue by follower count band": analytics (revenue per order) joined to graph (buyer, fans). */
export async function joinRevenueByFollowerBand(
  roles: Roles,
  sinceEpochMs: number,
): Promise<FollowerBandRevenue[]> {
  const buyers = await roles.graph.orderBuyers(sinceEpochMs);
  const revenue = await roles.analytics.revenueByOrder(sinceEpochMs);
  const revenueOf = new Map(revenue.map((r) => [r.orderId, r.revenueCents]));
  const bands = new Map(
    FOLLOWER_BANDS.map((band) => [band, { users: new Set<number>(), orders: 0, revenueCents: 0 }]),
  );
  for (const buyer of buyers) {
    const cents = revenueOf.get(buyer.orderId);
    if (cents === undefined) continue; // an inner join, as the one-statement answer makes it
    const band = bands.get(followerBand(buyer.followers))!;
    band.users.add(buyer.userId);
    band.orders += 1;
    band.revenueCents += cents;
  }
  return FOLLOWER_BANDS.map((band) => {
    const b = bands.get(band)!;
    return { band, buyers: b.users.size, orders: b.orders, revenueCents: b.revenueCents };
  });
}

/** The application joins, as a CrossStoreQueries over the layout's roles. */
export function applicationJoins(roles: Roles): CrossStoreQueries {
  return {
    orderDetails: (userId) => joinOrderDetails(roles, userId),
    friendsBought: (userId) => joinFriendsBought(roles, userId),
    revenueByFollowerBand: (since) => joinRevenueByFollowerBand(roles, since),
  };
}

/** The query as this layout answers it: one statement where offered, the application join otherwise. */
export function crossStoreQuery<K extends keyof CrossStoreQueries>(
  ctx: Pick<ShopContext, 'roles' | 'crossStore'>,
  query: K,
): CrossStoreQueries[K] {
  return ctx.crossStore?.[query] ?? applicationJoins(ctx.roles)[query];
}

export async function orderDetails(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const details = await crossStoreQuery(ctx, 'orderDetails')(state.userId);
  const placed = state.placedOrder;
  if (placed)
    ctx.readYourWrites(
      'order-details',
      state.stepStartUs,
      details.some((d) => d.orderId === placed.id),
    );
  return 'ok';
}

export async function friendsBought(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  await crossStoreQuery(ctx, 'friendsBought')(state.userId);
  return 'ok';
}
