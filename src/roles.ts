// The role interfaces: the one contract between workloads and store adapters (YCSB's DB class, per job).
// Workloads talk to these, never to drivers. An adapter implements the roles its engine can serve.
import type {
  CartLine,
  Category,
  Follow,
  Like,
  Order,
  OrderLine,
  Product,
  ProductSummary,
  Session,
  SocialEdges,
  StockItem,
  User,
} from './domain.js';

export const ROLE_NAMES = [
  'sessions',
  'catalog',
  'inventory',
  'orders',
  'graph',
  'analytics',
  'search',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Temporary key-value data that expires: sessions and their carts. */
export interface SessionsRole {
  /** Creates (or replaces) a session with an empty cart that expires ttlSeconds from now. */
  startSession(session: { id: string; userId: number }, ttlSeconds: number): Promise<void>;
  /** null when absent or expired. */
  getSession(id: string): Promise<Session | null>;
  /** Adds quantity to the product's line (creating it); refreshes nothing else. Throws if the session is gone. */
  addToCart(sessionId: string, line: CartLine): Promise<void>;
  /** Lines ordered by productId; [] for an empty or missing session. */
  getCart(sessionId: string): Promise<CartLine[]>;
  clearCart(sessionId: string): Promise<void>;
}

/** Products with varied attributes; read-heavy. */
export interface CatalogRole {
  loadCatalog(categories: Category[], products: Product[]): Promise<void>;
  getProduct(id: number): Promise<Product | null>;
  /** The category's products ordered by id, at most limit, as summaries (a projection). */
  listCategory(categoryId: number, limit: number): Promise<ProductSummary[]>;
  /** The products with these ids, ordered by id; unknown ids are left out. One call, whatever the count. */
  getProducts(ids: readonly number[]): Promise<Product[]>;
}

export interface ReserveLine {
  productId: number;
  categoryId: number;
  quantity: number;
}

export interface ReserveRequest {
  orderId: string;
  userId: number;
  createdAt: number;
  lines: ReserveLine[];
  /** Write an outbox row holding the priced order in the same transaction (outbox propagation). */
  writeOutbox: boolean;
}

export type Reservation =
  | { ok: true; lines: OrderLine[] }
  | { ok: false; reason: 'out-of-stock' | 'unknown-product'; productId: number };

/**
 * What an outbox row tells the derived stores: a purchase (written with the reservation) or the retraction of
 * one (written by release, when the checkout was compensated after its purchase may have been delivered).
 */
export type OutboxKind = 'purchase' | 'retraction';

export interface OutboxRow {
  /** Monotonic per store; the relay marks rows applied by seq. */
  seq: number;
  kind: OutboxKind;
  /** The priced order; a retraction carries its purchase's copy, so it can be applied without it. */
  order: Order;
}

export interface StockAudit {
  products: number;
  /** Products whose stock is below zero: must be 0. */
  negative: number;
  /** Sum over products of (initial stock − current stock). */
  unitsDecremented: number;
}

/** Stock and price: must never oversell. */
export interface InventoryRole {
  loadStock(items: StockItem[]): Promise<void>;
  /**
   * Prices and reserves every line, all or nothing, in one transaction; never lets stock go negative under
   * concurrency. Lines come back priced, in request order.
   */
  reserve(request: ReserveRequest): Promise<Reservation>;
  /**
   * Compensation after a failed order write, in one transaction: puts the units back and, when the order has an
   * outbox row (outbox and cdc propagation), drops it if still unapplied and writes a retraction row. The
   * retraction is written even when the purchase row was dropped: the cdc feed streamed the purchase when the
   * reservation committed, and a polling relay may hold it in flight; either way the relay then undoes the
   * purchase in the derived stores (docs/architecture.md, "A compensated checkout").
   */
  release(orderId: string, lines: ReadonlyArray<{ productId: number; quantity: number }>): Promise<void>;
  getStock(productId: number): Promise<StockItem | null>;
  /** Current price and stock of these products, ordered by productId; unknown ids are left out. One call. */
  getStocks(productIds: readonly number[]): Promise<StockItem[]>;
  stockAudit(): Promise<StockAudit>;
  /** Unapplied outbox rows, oldest first. */
  pendingOutbox(limit: number): Promise<OutboxRow[]>;
  markOutboxApplied(seqs: readonly number[]): Promise<void>;
}

/** Per-order copies held by a store, for reconciliation (missing, duplicate, divergent). */
export interface OrderAudit {
  orderId: string;
  /** Orders store: documents with this id. Graph/analytics: purchase rows for this order. */
  rows: number;
  /** Sum of quantities over those rows. */
  units: number;
}

/** Completed orders as documents. */
export interface OrdersRole {
  /** Appends: the bulk load calls it once per chunk of historical orders. */
  loadOrders(orders: Order[]): Promise<void>;
  insertOrder(order: Order): Promise<void>;
  getOrder(id: string): Promise<Order | null>;
  /** Newest first (createdAt desc, then id desc). */
  ordersOfUser(userId: number, limit: number): Promise<Order[]>;
  /** The newest orders of any of these users, at most limit in all (createdAt desc, then id desc). */
  ordersOfUsers(userIds: readonly number[], limit: number): Promise<Order[]>;
  auditOrders(): Promise<OrderAudit[]>;
}

export interface ScoredProduct {
  productId: number;
  score: number;
}

export interface PurchaseRef {
  orderId: string;
  productId: number;
}

export interface GraphData {
  users: User[];
  products: Product[];
  follows: Follow[];
  likes: Like[];
  purchases: Order[];
}

/**
 * A derived store's batched presence read (the probes' read, docs/measurements.md "Consistency lag"): of the
 * listed order ids, those a read finds now. Unknown ids are left out, a repeated id counts once, an empty list
 * answers an empty set. One query whatever the count; the caller bounds the list (the probes chunk theirs).
 */
export type VisibleOrders = (orderIds: readonly string[]) => Promise<Set<string>>;

/** Follows, likes, purchases: "who also bought". */
export interface GraphRole {
  loadGraph(data: GraphData): Promise<void>;
  /**
   * More purchase edges after loadGraph, appended: the bulk load calls it once per chunk of historical orders
   * (docs/architecture.md, "Data sizes"), so it must not redo anything loadGraph does once.
   */
  loadPurchases(orders: Order[]): Promise<void>;
  /** More follows and likes after loadGraph, appended: the bulk load calls it once per chunk of users. */
  loadSocial(edges: SocialEdges): Promise<void>;
  /** One BOUGHT edge per (order, product), carrying quantity and createdAt; idempotent per order. */
  recordPurchase(order: Order): Promise<void>;
  /** A compensated checkout: removes the order's BOUGHT edges; idempotent, and a no-op if there are none. */
  removePurchase(order: Order): Promise<void>;
  /**
   * Products bought by users who bought productId (excluding it), score = number of distinct such users,
   * ordered by score desc then productId asc.
   */
  alsoBought(productId: number, limit: number): Promise<ScoredProduct[]>;
  /** Products liked by users that userId follows, score = distinct such users, score desc then productId asc. */
  friendsLiked(userId: number, limit: number): Promise<ScoredProduct[]>;
  /** The user's purchase edges, newest first (createdAt desc, orderId desc, productId asc). */
  recentPurchases(userId: number, limit: number): Promise<PurchaseRef[]>;
  /** The users userId follows, ascending ids, at most limit. */
  following(userId: number, limit: number): Promise<number[]>;
  /**
   * One row per order with a purchase edge created at or after sinceEpochMs: its buyer and how many users
   * follow the buyer; ordered by orderId.
   */
  orderBuyers(sinceEpochMs: number): Promise<OrderBuyer[]>;
  hasOrder(orderId: string): Promise<boolean>;
  /** hasOrder for many: the listed orders that have a purchase edge (see VisibleOrders). */
  visibleOrders: VisibleOrders;
  auditOrders(): Promise<OrderAudit[]>;
}

export interface OrderBuyer {
  orderId: string;
  userId: number;
  followers: number;
}

export interface OrderRevenue {
  orderId: string;
  revenueCents: number;
}

export interface TopProduct {
  productId: number;
  units: number;
  revenueCents: number;
}

export interface CategoryRevenue {
  categoryId: number;
  revenueCents: number;
  orders: number;
}

/** Order lines and aggregates over them. */
export interface AnalyticsRole {
  /** Appends: the bulk load calls it once per chunk of historical orders. */
  loadSales(orders: Order[]): Promise<void>;
  /** One row per order line; idempotent per order. */
  recordOrder(order: Order): Promise<void>;
  /** A compensated checkout: removes the order's lines; idempotent, and a no-op if there are none. */
  removeOrder(order: Order): Promise<void>;
  /** Units and revenue per product for orders with createdAt >= sinceEpochMs; units desc, productId asc. */
  topProducts(sinceEpochMs: number, limit: number): Promise<TopProduct[]>;
  /** Revenue and distinct orders per category since sinceEpochMs; revenue desc, categoryId asc. */
  revenueByCategory(sinceEpochMs: number): Promise<CategoryRevenue[]>;
  /** Revenue per order since sinceEpochMs (the sum of its lines), ordered by orderId. */
  revenueByOrder(sinceEpochMs: number): Promise<OrderRevenue[]>;
  hasOrder(orderId: string): Promise<boolean>;
  /** hasOrder for many: the listed orders that have a line (see VisibleOrders). */
  visibleOrders: VisibleOrders;
  auditOrders(): Promise<OrderAudit[]>;
}

export type SearchSort = 'relevance' | 'price-asc' | 'price-desc';

/** What a shopper types and ticks in the shop's search box: one page of results. */
export interface SearchQuery {
  /** Every result holds every word (in its name or attributes), as a shop's search box means it. */
  words: string[];
  categoryId: number | null;
  /** Inclusive bounds; null = any price. */
  priceCents: { min: number; max: number } | null;
  inStockOnly: boolean;
  /** relevance: the engine's score desc, then productId asc; price: priceCents, then productId asc. */
  sort: SearchSort;
  limit: number;
}

export interface SearchHit {
  productId: number;
  name: string;
  priceCents: number;
  /** What the listing shows: the index's stock above zero, as fresh as propagation made it. */
  inStock: boolean;
}

export interface StockLevel {
  productId: number;
  stock: number;
}

export interface CategoryCount {
  categoryId: number;
  products: number;
}

/** Full-text product search with the filters a shop offers; a derived store: stock reaches it from checkouts. */
export interface SearchRole {
  /** Indexes every product (name and attribute words, category, price) with its starting stock. */
  loadIndex(products: Product[], stock: StockItem[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** A checkout's stock change: each line's units come off the product's stock; idempotent per order. */
  applyOrder(order: Order): Promise<void>;
  /**
   * A compensated checkout: gives the units the order took back to the index's stock and forgets the order, once;
   * a no-op for an order the index never applied (or already reverted).
   */
  revertOrder(order: Order): Promise<void>;
  /** Whether searches already see the order's stock change (the probes' read). */
  hasOrder(orderId: string): Promise<boolean>;
  /** hasOrder for many: the listed orders whose stock change searches already see (see VisibleOrders). */
  visibleOrders: VisibleOrders;
  /** The orders applied, one row per (order, product), for reconciliation. */
  auditOrders(): Promise<OrderAudit[]>;
  /** Every product's stock as the index holds it, for reconciliation against inventory. */
  stockLevels(): Promise<StockLevel[]>;
  /** Analysts: the categories with most products matching every word; products desc, categoryId asc. */
  topCategories(words: string[], limit: number): Promise<CategoryCount[]>;
}

export interface RoleImpls {
  sessions: SessionsRole;
  catalog: CatalogRole;
  inventory: InventoryRole;
  orders: OrdersRole;
  graph: GraphRole;
  analytics: AnalyticsRole;
  search: SearchRole;
}

export interface AtomicCheckoutRequest extends ReserveRequest {
  /** The cart to clear in the same transaction, when sessions live in the same database. */
  sessionId: string | null;
}

/**
 * A store serving every role a checkout writes can commit it in one transaction: reserve stock, insert the
 * order, the purchase edges, the analytics lines and the search index's stock (and clear the cart). The single-database baseline's
 * propagation.
 */
export interface AtomicCheckout {
  checkoutAtomic(request: AtomicCheckoutRequest): Promise<Reservation>;
}

/** One line of "my orders with product details and current price". */
export interface OrderDetailLine {
  productId: number;
  /** From the catalog; null when the product is no longer listed. */
  name: string | null;
  quantity: number;
  /** What the shopper paid, from the order. */
  paidCents: number;
  /** The inventory's price and stock now; null when inventory does not know the product. */
  currentPriceCents: number | null;
  stock: number | null;
}

export interface OrderDetail {
  orderId: string;
  createdAt: number;
  lines: OrderDetailLine[];
}

/** "What my friends bought recently, in stock": a product, how many friends bought it, its stock now. */
export interface FriendPurchase {
  productId: number;
  friends: number;
  stock: number;
}

export const FOLLOWER_BANDS = ['0', '1-4', '5-19', '20+'] as const;
export type FollowerBand = (typeof FOLLOWER_BANDS)[number];

export interface FollowerBandRevenue {
  band: FollowerBand;
  buyers: number;
  orders: number;
  revenueCents: number;
}

/** The parameters of the cross-store queries, shared by the application joins and the one-statement answers. */
export const CROSS_STORE_LIMITS = {
  myOrders: 10,
  friends: 50,
  friendsOrders: 20,
  friendsProducts: 10,
} as const;

/**
 * Queries that span roles (orders + catalog + inventory; graph + orders + inventory; analytics + graph),
 * answered in one statement by a store holding every role involved. A layout whose roles sit on several stores
 * joins the same answer in the application (src/workloads/cross-store.ts) from one call per store.
 */
export interface CrossStoreQueries {
  /** The user's newest orders (CROSS_STORE_LIMITS.myOrders), lines in order, with names, current price and stock. */
  orderDetails(userId: number): Promise<OrderDetail[]>;
  /**
   * Products in the newest orders (CROSS_STORE_LIMITS.friendsOrders) of the first users userId follows
   * (CROSS_STORE_LIMITS.friends, by id), stock above zero; friends desc, productId asc, at most friendsProducts.
   */
  friendsBought(userId: number): Promise<FriendPurchase[]>;
  /** Revenue, buyers and orders since sinceEpochMs per band of the buyer's follower count; every band listed. */
  revenueByFollowerBand(sinceEpochMs: number): Promise<FollowerBandRevenue[]>;
}

/** The roles each cross-store query reads, leading role first (its calls are attributed to it). */
export const CROSS_STORE_ROLES: Readonly<Record<keyof CrossStoreQueries, readonly RoleName[]>> = {
  orderDetails: ['orders', 'catalog', 'inventory'],
  friendsBought: ['graph', 'orders', 'inventory'],
  revenueByFollowerBand: ['analytics', 'graph'],
};

export function followerBand(followers: number): FollowerBand {
  return followers === 0 ? '0' : followers < 5 ? '1-4' : followers < 20 ? '5-19' : '20+';
}
