// The derived roles' batched presence read on any SQL dialect (roles.ts, VisibleOrders): the ids travel as one
// JSON array, so it is one prepared statement whatever the count.
import type { SqlRunner } from '../client.js';

/** statement: [orderIds as a JSON array] → order_id of each listed order the table holds. */
export async function visibleOrdersOf<C extends SqlRunner<C>>(
  db: C,
  statement: string,
  orderIds: readonly string[],
): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db.query<{ order_id: string }>(statement, [JSON.stringify([...new Set(orderIds)])]);
  return new Set(rows.map((row) => row.order_id));
}
