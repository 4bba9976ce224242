// What each journey step asks of the roles, in order, as data. `explain` reads it to say what a user action
// touches; a test traces every step on real (embedded) stores and checks the calls made are exactly these, so the
// table cannot drift from the step functions in browsing.ts and buying.ts.
import { CHECKOUT_WRITE_ROLES } from '../layouts/open-layout.js';
import type { DerivedRole } from '../propagation/targets.js';
import type { Mechanism } from '../propagation/write-path.js';
import { CROSS_STORE_ROLES, type CrossStoreQueries, type RoleName } from '../roles.js';
import type { AnalystQuery } from '../scenario/types.js';

export interface RoleCall {
  role: RoleName;
  method: string;
  access: 'read' | 'write';
  /** Roles the same call writes besides its own: the one-transaction checkout commits them all at once. */
  alsoWrites?: RoleName[];
  /** What the call does, when the method name alone does not say (shown by `explain`). */
  note?: string;
  /** A read of what checkouts write (orders, purchases, sales): it can miss a checkout not propagated yet. */
  seesCheckouts?: boolean;
}

/** What decides which calls a step makes besides the step itself. */
export interface StepCallContext {
  propagation: Mechanism;
  /** The one-transaction checkout clears the cart too (sessions live in the same store). */
  cartClearedInTransaction: boolean;
  /** The shopper placed an order earlier in this journey (also-bought then starts from it). */
  afterCheckout: boolean;
  /** The cross-store queries this layout answers in one statement (one store holds their roles and offers them). */
  crossStore?: ReadonlyArray<keyof CrossStoreQueries>;
}

/**
 * Which cross-store queries a layout answers in one statement: those whose roles all sit on one store that
 * offers crossStore (open-layout.ts decides it the same way from the opened adapters).
 */
export function oneStatementQueries(
  storeOf: Readonly<Record<RoleName, string>>,
  offersCrossStore: (store: string) => boolean,
): Array<keyof CrossStoreQueries> {
  return (Object.keys(CROSS_STORE_ROLES) as Array<keyof CrossStoreQueries>).filter((query) => {
    const stores = new Set(CROSS_STORE_ROLES[query].map((role) => storeOf[role]));
    return stores.size === 1 && offersCrossStore([...stores][0]!);
  });
}

const read = (role: RoleName, method: string, note?: string): RoleCall => ({
  role,
  method,
  access: 'read',
  ...(note ? { note } : {}),
});
/** A read of what checkouts write. */
const readOfCheckouts = (role: RoleName, method: string, note?: string): RoleCall => ({
  ...read(role, method, note),
  seesCheckouts: true,
});
const write = (role: RoleName, method: string, note?: string): RoleCall => ({
  role,
  method,
  access: 'write',
  ...(note ? { note } : {}),
});

/** The cross-store query a step or analyst query runs, and the calls of its application join. */
const CROSS_STORE_CALLS: Readonly<Record<keyof CrossStoreQueries, readonly RoleCall[]>> = {
  orderDetails: [
    readOfCheckouts('orders', 'ordersOfUser', "the shopper's own orders"),
    read('catalog', 'getProducts', "their products' names, joined in the application"),
    read('inventory', 'getStocks', 'current price and stock, joined in the application'),
  ],
  friendsBought: [
    read('graph', 'following', 'whom the shopper follows'),
    readOfCheckouts('orders', 'ordersOfUsers', 'their newest orders, joined in the application'),
    read('inventory', 'getStocks', 'in stock now, joined in the application'),
  ],
  revenueByFollowerBand: [
    readOfCheckouts('graph', 'orderBuyers', "each order's buyer and their follower count"),
    readOfCheckouts('analytics', 'revenueByOrder', 'joined in the application on the order id'),
  ],
};

const ONE_STATEMENT_NOTES: Readonly<Record<keyof CrossStoreQueries, string>> = {
  orderDetails: 'orders, products and stock joined in one statement',
  friendsBought: 'follows, orders and stock joined in one statement',
  revenueByFollowerBand: 'sales, purchases and follows joined in one statement',
};

/** The calls of a cross-store query: one statement on the store holding its roles, or one call per store. */
export function crossStoreCalls(query: keyof CrossStoreQueries, oneStatement: boolean): RoleCall[] {
  if (!oneStatement) return [...CROSS_STORE_CALLS[query]];
  const lead = CROSS_STORE_ROLES[query][0]!;
  return [readOfCheckouts(lead, query, ONE_STATEMENT_NOTES[query])];
}

/** The steps whose calls do not depend on anything but themselves. */
const FIXED_CALLS: Readonly<Record<string, readonly RoleCall[]>> = {
  'start-session': [write('sessions', 'startSession')],
  'browse-category': [read('catalog', 'listCategory')],
  // The index's stock is what checkouts write to it.
  search: [readOfCheckouts('search', 'search', 'words, filters and the stock the index believes')],
  'view-product': [read('catalog', 'getProduct')],
  'add-to-cart': [write('sessions', 'addToCart')],
  'my-orders': [readOfCheckouts('orders', 'ordersOfUser', "the shopper's own orders")],
  // Likes, which no checkout writes.
  'friends-liked': [read('graph', 'friendsLiked')],
};

/** The store calls one step makes, in the order it makes them. */
export function stepCalls(step: string, context: StepCallContext): RoleCall[] {
  const fixed = FIXED_CALLS[step];
  if (fixed) return [...fixed];
  switch (step) {
    case 'checkout':
      return checkoutCalls(context);
    case 'order-details':
      return crossStoreCalls('orderDetails', context.crossStore?.includes('orderDetails') ?? false);
    case 'friends-bought':
      return crossStoreCalls('friendsBought', context.crossStore?.includes('friendsBought') ?? false);
    case 'also-bought':
      return context.afterCheckout
        ? [
            readOfCheckouts('graph', 'recentPurchases', "the shopper's newest purchase"),
            readOfCheckouts('graph', 'alsoBought'),
          ]
        : [readOfCheckouts('graph', 'alsoBought')];
    default:
      throw new Error(`no store calls known for step "${step}"`);
  }
}

/** docs/architecture.md, "A checkout's data flow": the request's part, per propagation. */
function checkoutCalls(context: StepCallContext): RoleCall[] {
  const getCart = read('sessions', 'getCart');
  const clearCart = write('sessions', 'clearCart');
  switch (context.propagation) {
    case 'single-transaction': {
      const atomic: RoleCall = {
        ...write(
          'inventory',
          'checkoutAtomic',
          'stock, order, purchase edges, order lines and search stock in one transaction',
        ),
        // Every role a checkout writes (open-layout.ts), so a new derived role cannot be left out here.
        alsoWrites: [
          ...CHECKOUT_WRITE_ROLES.filter((role) => role !== 'inventory'),
          ...(context.cartClearedInTransaction ? ['sessions' as const] : []),
        ],
      };
      return context.cartClearedInTransaction ? [getCart, atomic] : [getCart, atomic, clearCart];
    }
    case 'outbox':
    case 'cdc':
      return [
        getCart,
        write('inventory', 'reserve', 'stock and the outbox row, in one transaction'),
        write('orders', 'insertOrder'),
        clearCart,
      ];
    case 'dual-write':
      return [
        getCart,
        write('inventory', 'reserve'),
        write('orders', 'insertOrder'),
        // In the targets' order (targets.ts), each written by the request before the shopper is answered.
        ...Object.values(DERIVED_APPLY_CALLS).map((call) => ({
          ...call,
          note: 'written by the request itself',
        })),
        clearCart,
      ];
  }
}

/** What each analyst's dashboard query reads (analyst.ts). */
export const ANALYST_CALLS: Readonly<Record<AnalystQuery, RoleCall>> = {
  'top-products': readOfCheckouts('analytics', 'topProducts'),
  'revenue-by-category': readOfCheckouts('analytics', 'revenueByCategory'),
  // The index's products by category, which no checkout changes.
  'search-categories': read('search', 'topCategories', "the hottest query word's categories"),
  // The lead call; analystCalls lists the whole application join.
  'revenue-by-follower-band': readOfCheckouts(
    'analytics',
    'revenueByOrder',
    'with graph.orderBuyers, joined in the application (one statement where one store holds both)',
  ),
};

/** Every call an analyst query makes: one, except the cross-store query, joined unless one store answers it. */
export function analystCalls(query: AnalystQuery, oneStatement: boolean): RoleCall[] {
  return query === 'revenue-by-follower-band'
    ? crossStoreCalls('revenueByFollowerBand', oneStatement)
    : [ANALYST_CALLS[query]];
}

/** How a checkout reaches each derived store when it travels after the commit (targets.ts): the apply call. */
export const DERIVED_APPLY_CALLS: Readonly<Record<DerivedRole, RoleCall>> = {
  graph: write('graph', 'recordPurchase', 'purchase edges, idempotent per order'),
  analytics: write('analytics', 'recordOrder', 'order lines, idempotent per order'),
  search: write('search', 'applyOrder', "the index's stock, idempotent per order"),
};
