// End-of-run invariants (docs/measurements.md), checked after the relay drained: stock never negative, units sold
// equal units decremented, and every placed order present exactly once in every store that should
// hold it — with counts of missing, duplicate, divergent and unexpected records per store (a compensated
// checkout's purchase was retracted by the relay before it drained, so an unexpected one is a real discrepancy:
// docs/measurements.md, "Invariants"). The search index
// holds the run's orders only (historical ones predate the stock count) and is also checked product by product.
import { NO_HISTORY, isHistoricalOrderId } from '../data/history.js';
import { orderUnits, type HistoricalOrders, type Order } from '../domain.js';
import type { Invariants, StoreReconciliation } from '../metrics/types.js';
import type { OrderAudit, RoleImpls, RoleName, SearchRole, StockAudit } from '../roles.js';
import { purchaseLines } from '../stores/purchase-lines.js';

export interface ReconcileInput {
  /** search: absent in layouts reconciled without an index (unit tests). */
  roles: Pick<RoleImpls, 'inventory' | 'orders' | 'graph' | 'analytics'> & { search?: SearchRole };
  storeOf: Record<RoleName, string>;
  /**
   * Orders placed during the run (warm-up included: they moved stock too), whether or not the shopper was told:
   * a dual write that failed after placing its order leaves exactly the divergence this counts.
   */
  placed: ReadonlyMap<string, Order>;
  /**
   * Orders loaded before the run; they are expected everywhere but did not move stock. Generated afresh for
   * each store checked, never all held (docs/architecture.md, "Data sizes").
   */
  historical: HistoricalOrders;
  drain: { drained: boolean; ms: number };
  /** Checkout writes past their deadline whose outcome was still unknown (WritePath.settle). */
  unresolvedWrites?: number;
  /** Stock per product before the run: with the placed orders, what the search index should hold. */
  initialStock?: ReadonlyMap<number, number>;
}

type AuditedRole = 'orders' | 'graph' | 'analytics' | 'search';

/** How many rows a store holds for one order: one document, or one row per purchase line (order, product). */
const expectedRows: Record<AuditedRole, (order: Order) => number> = {
  orders: () => 1,
  graph: (order) => purchaseLines(order).length,
  analytics: (order) => purchaseLines(order).length,
  search: (order) => purchaseLines(order).length,
};

/**
 * One store's audit against what it should hold: the placed orders and the history (each "h-…" id whether or not
 * its order was read, so an unexpected row is told without holding the history).
 */
export function compareAudit(
  role: AuditedRole,
  store: string,
  audit: readonly OrderAudit[],
  placed: ReadonlyMap<string, Order>,
  historical: HistoricalOrders = NO_HISTORY,
): StoreReconciliation {
  const held = new Map(audit.map((row) => [row.orderId, row]));
  const result: StoreReconciliation = {
    role,
    store,
    expected: 0,
    missing: 0,
    duplicate: 0,
    divergent: 0,
    unexpected: 0,
  };
  const check = (order: Order) => {
    result.expected += 1;
    const row = held.get(order.id);
    const rows = expectedRows[role](order);
    const units = orderUnits(order);
    if (!row) result.missing += 1;
    else if (row.rows > rows && row.units === units * (row.rows / rows)) result.duplicate += 1;
    else if (row.rows !== rows || row.units !== units) result.divergent += 1;
  };
  for (const chunk of historical.chunks()) {
    for (const order of chunk) if (!placed.has(order.id)) check(order);
  }
  for (const order of placed.values()) check(order);
  for (const orderId of held.keys()) {
    if (!placed.has(orderId) && !isHistoricalOrderId(orderId, historical.count)) result.unexpected += 1;
  }
  return result;
}

export async function reconcile(input: ReconcileInput): Promise<Invariants> {
  const stock: StockAudit = await input.roles.inventory.stockAudit();
  const stores: StoreReconciliation[] = [];
  // One store's audit at a time: each is a row per order, and the history may be millions.
  for (const role of ['orders', 'graph', 'analytics'] as const) {
    const audit = await input.roles[role].auditOrders();
    stores.push(compareAudit(role, input.storeOf[role], audit, input.placed, input.historical));
  }
  const search = input.roles.search;
  if (search) stores.push(await reconcileSearch(search, input));
  let unitsSold = 0;
  for (const order of input.placed.values()) unitsSold += orderUnits(order);

  const storesOk = stores.every(
    (s) => s.missing + s.duplicate + s.divergent + s.unexpected + (s.stockDivergent ?? 0) === 0,
  );
  const unresolved = input.unresolvedWrites ?? 0;
  return {
    drained: input.drain.drained,
    drainMs: input.drain.ms,
    stockNegative: stock.negative,
    unitsSold,
    unitsDecremented: stock.unitsDecremented,
    stores,
    ...(unresolved > 0 ? { unresolvedWrites: unresolved } : {}),
    ok:
      input.drain.drained &&
      unresolved === 0 &&
      stock.negative === 0 &&
      unitsSold === stock.unitsDecremented &&
      storesOk,
  };
}

/** The run's orders by order id, then every product's stock against the inventory's truth. */
async function reconcileSearch(search: SearchRole, input: ReconcileInput): Promise<StoreReconciliation> {
  const result = compareAudit('search', input.storeOf.search, await search.auditOrders(), input.placed);
  if (!input.initialStock) return result;
  const truth = new Map(input.initialStock);
  for (const order of input.placed.values()) {
    for (const line of order.lines)
      truth.set(line.productId, (truth.get(line.productId) ?? 0) - line.quantity);
  }
  let stockDivergent = 0;
  const levels = await search.stockLevels();
  for (const level of levels) if (truth.get(level.productId) !== level.stock) stockDivergent += 1;
  // A product the index lost is divergent too.
  stockDivergent += Math.max(0, truth.size - new Set(levels.map((level) => level.productId)).size);
  return { ...result, stockDivergent };
}
