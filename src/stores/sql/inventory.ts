// PostgreSQL's stock statements. Each reserved line is one UPDATE … RETURNING: the row lock it takes is held to
// commit, `stock >= quantity` is re-checked on the locked row, and the price comes back in the same round trip.
import { toNumber, type SqlClient, type SqlNumber } from './client.js';
import type { InventoryStatements } from './roles/inventory.js';

const TAKE_LINE = `
  UPDATE stock SET stock = stock - $2
   WHERE product_id = $1 AND stock >= $2
   RETURNING price_cents`;

export const postgresInventory: InventoryStatements<SqlClient> = {
  async takeStock(tx, lines) {
    const priceOf = new Map<number, number>();
    for (const line of lines) {
      const row = (await tx.query<{ price_cents: SqlNumber }>(TAKE_LINE, [line.productId, line.quantity]))[0];
      if (!row) return { taken: false, productId: line.productId };
      priceOf.set(line.productId, toNumber(row.price_cents));
    }
    return { taken: true, priceOf };
  },

  stockedProduct: 'SELECT 1 FROM stock WHERE product_id = $1',

  restock: 'UPDATE stock SET stock = stock + $1 WHERE product_id = $2',

  stockItem: 'SELECT product_id, price_cents, stock FROM stock WHERE product_id = $1',

  stockItems: `
    SELECT product_id, price_cents, stock FROM stock
     WHERE product_id IN (SELECT value::integer FROM jsonb_array_elements_text($1::jsonb))
     ORDER BY product_id`,

  stockAudit: `
    SELECT count(*) AS products,
           count(*) FILTER (WHERE stock < 0) AS negative,
           sum(initial_stock - stock) AS decremented
      FROM stock`,
};
