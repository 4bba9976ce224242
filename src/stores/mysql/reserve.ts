// Stock reservation that never oversells. Each line is one conditional decrement,
//   UPDATE stock SET stock = stock - ? WHERE product_id = ? AND stock >= ?
// which in InnoDB is a locking ("current") read: it takes the row's exclusive lock and then evaluates
// `stock >= ?` on the newest committed row version, never on the transaction's snapshot. Concurrent
// reservations of one product therefore queue on the row lock and each re-checks the stock its predecessor left,
// under READ COMMITTED and REPEATABLE READ alike (the levels differ in snapshots and gap locks, neither of which
// this statement relies on; product_id is the primary key, so no gap is locked for a known product). The lock
// is held to COMMIT, and a refused line rolls back the lines already decremented.
import type { OrderLine } from '../../domain.js';
import type { ReserveLine, Reservation } from '../../roles.js';
import { Rollback, toNumber, type MysqlClient, type SqlNumber } from './client.js';

/** Locks and decrements in productId order, so two reservations of the same products can never deadlock. */
export function inLockOrder<T extends { productId: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.productId - b.productId);
}

async function refusal(tx: MysqlClient, productId: number): Promise<Rollback<Reservation>> {
  const known = await tx.query('SELECT 1 FROM stock WHERE product_id = ?', [productId]);
  return new Rollback<Reservation>({
    ok: false,
    reason: known.length > 0 ? 'out-of-stock' : 'unknown-product',
    productId,
  });
}

/**
 * Decrements and prices every line; must run inside a transaction. A short or unknown line throws a Rollback
 * carrying the refusal, so the caller's transaction (see inTransaction) undoes the decrements and answers with it.
 */
export async function reserveLines(tx: MysqlClient, lines: readonly ReserveLine[]): Promise<OrderLine[]> {
  for (const line of inLockOrder(lines)) {
    const decremented = await tx.write(
      'UPDATE stock SET stock = stock - ? WHERE product_id = ? AND stock >= ?',
      [line.quantity, line.productId, line.quantity],
    );
    // mysql2 connects with CLIENT_FOUND_ROWS: affectedRows counts the matched row, so 1 means reserved.
    if (decremented !== 1) throw await refusal(tx, line.productId);
  }
  // MySQL's UPDATE has no RETURNING: prices are read once afterwards, from rows this transaction now holds locked.
  const rows = await tx.query<{ product_id: SqlNumber; price_cents: SqlNumber }>(
    `SELECT stock.product_id, stock.price_cents
       FROM stock
       JOIN JSON_TABLE(?, '$[*]' COLUMNS (product_id INT PATH '$')) AS wanted ON wanted.product_id = stock.product_id`,
    [JSON.stringify(lines.map((line) => line.productId))],
  );
  const priceOf = new Map(rows.map((row) => [toNumber(row.product_id), toNumber(row.price_cents)]));
  return lines.map((line) => ({
    productId: line.productId,
    categoryId: line.categoryId,
    quantity: line.quantity,
    unitPriceCents: priceOf.get(line.productId) ?? 0,
  }));
}
