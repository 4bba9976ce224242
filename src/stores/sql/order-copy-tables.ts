// Which table holds each role's copy of the orders, in both SQL schemas (sql/schema.ts, mysql/schema.ts): what
// the footprint's duplication bytes add up (docs/measurements.md, "Footprint").
import type { OrderCopyRole, StoreFootprint } from '../types.js';

const ORDER_COPY_TABLES: Record<OrderCopyRole, string> = {
  orders: 'orders',
  graph: 'purchases',
  analytics: 'sales',
  search: 'search_orders',
};

/** The store's footprint from each table's size (data and indexes) in the tool's namespace. */
export function sqlFootprint(
  tables: ReadonlyArray<{ name: string; bytes: string | number | null }>,
  source: string,
): StoreFootprint {
  const bytesOf = new Map(tables.map((table) => [table.name, Number(table.bytes ?? 0)]));
  const orderCopyBytes: Partial<Record<OrderCopyRole, number>> = {};
  for (const [role, table] of Object.entries(ORDER_COPY_TABLES) as Array<[OrderCopyRole, string]>) {
    const bytes = bytesOf.get(table);
    if (bytes !== undefined) orderCopyBytes[role] = bytes;
  }
  return {
    dataBytes: [...bytesOf.values()].reduce((sum, bytes) => sum + bytes, 0),
    source,
    orderCopyBytes,
  };
}
