// MySQL's stock statements. Each reserved line is one conditional decrement,
//   UPDATE stock SET stock = stock - ? WHERE product_id = ? AND stock >= ?
// which in InnoDB is a locking ("current") read: it takes the row's exclusive lock and then evaluates
// `stock >= ?` on the newest committed row version, never on the transaction's snapshot. Concurrent
// reservations of one product therefore queue on the row lock and each re-checks the stock its predecessor left,
// under READ COMMITTED and REPEATABLE READ alike (the levels differ in snapshots and gap locks, neither of which
// this statement relies on; product_id is the primary key, so no gap is locked for a known product).
import { toNumber, type MysqlClient, type SqlNumber } from './client.js';
import type { InventoryStatements } from '../sql/roles/inventory.js';

const TAKE_LINE = 'UPDATE stock SET stock = stock - ? WHERE product_id = ? AND stock >= ?';

// MySQL's UPDATE has no RETURNING: prices are read once afterwards, from rows this transaction now holds locked.
const PRICES = `
  SELECT stock.product_id, stock.price_cents
    FROM stock
    JOIN JSON_TABLE(?, '$[*]' COLUMNS (product_id INT PATH '$')) AS wanted ON wanted.product_id = stock.product_id`;

export const mysqlInventory: InventoryStatements<MysqlClient> = {
  async takeStock(tx, lines) {
    for (const line of lines) {
      // mysql2 connects with CLIENT_FOUND_ROWS: affectedRows counts the matched row, so 1 means taken.
      const decremented = await tx.write(TAKE_LINE, [line.quantity, line.productId, line.quantity]);
      if (decremented !== 1) return { taken: false, productId: line.productId };
    }
    const ids = JSON.stringify(lines.map((line) => line.productId));
    const rows = await tx.query<{ product_id: SqlNumber; price_cents: SqlNumber }>(PRICES, [ids]);
    return {
      taken: true,
      priceOf: new Map(rows.map((row) => [toNumber(row.product_id), toNumber(row.price_cents)])),
    };
  },

  stockedProduct: 'SELECT 1 FROM stock WHERE product_id = ?',

  restock: 'UPDATE stock SET stock = stock + ? WHERE product_id = ?',

  stockItem: 'SELECT product_id, price_cents, stock FROM stock WHERE product_id = ?',

  stockItems: `
    SELECT product_id, price_cents, stock FROM stock
     WHERE product_id IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' COLUMNS (v INT PATH '$')) AS j)
     ORDER BY product_id`,

  // SUM over an empty table is NULL (read as 0); SUM(condition) counts the rows where it holds.
  stockAudit:
    'SELECT COUNT(*) AS products, SUM(stock < 0) AS negative, SUM(initial_stock - stock) AS decremented FROM stock',
};
