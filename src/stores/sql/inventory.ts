// Stock and price with ACID reservations, plus the transactional outbox that carries placed orders to the
// derived stores. The statement functions take any SqlClient so the atomic checkout can run them in its own
// transaction.
import type { Order, OrderLine, StockItem } from '../../domain.js';
import type { InventoryRole, OutboxRow, ReserveLine, Reservation } from '../../roles.js';
import { Rollback, inTransaction, toNumber, type SqlClient, type SqlNumber } from './client.js';
import { reserveWithOutboxOf } from '../atomic-checkout.js';

interface StockRow {
  product_id: SqlNumber;
  price_cents: SqlNumber;
  stock: SqlNumber;
}

/** Locks and decrements in productId order, so two reservations of the same products can never deadlock. */
function inLockOrder<T extends { productId: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.productId - b.productId);
}

/**
 * Decrements and prices every line. A short or unknown line throws a Rollback carrying the refusal, so the
 * caller's transaction (see inTransaction) undoes the lines already decremented and answers with it.
 */
export async function reserveLines(tx: SqlClient, lines: readonly ReserveLine[]): Promise<OrderLine[]> {
  const priceOf = new Map<number, number>();
  for (const line of inLockOrder(lines)) {
    // The row lock taken here is held to commit, and `stock >= $2` is re-checked on the locked row: no oversell.
    const updated = await tx.query<{ price_cents: SqlNumber }>(
      `UPDATE polyglot_bench.stock SET stock = stock - $2
        WHERE product_id = $1 AND stock >= $2
        RETURNING price_cents`,
      [line.productId, line.quantity],
    );
    const row = updated[0];
    if (row) {
      priceOf.set(line.productId, toNumber(row.price_cents));
      continue;
    }
    const known = await tx.query('SELECT 1 FROM polyglot_bench.stock WHERE product_id = $1', [
      line.productId,
    ]);
    const refusal: Reservation = {
      ok: false,
      reason: known.length > 0 ? 'out-of-stock' : 'unknown-product',
      productId: line.productId,
    };
    throw new Rollback(refusal);
  }
  return lines.map((line) => ({
    productId: line.productId,
    categoryId: line.categoryId,
    quantity: line.quantity,
    unitPriceCents: priceOf.get(line.productId) ?? 0,
  }));
}

export async function insertOutboxRow(db: SqlClient, order: Order): Promise<void> {
  await db.query('INSERT INTO polyglot_bench.outbox (order_id, payload) VALUES ($1, $2::jsonb)', [
    order.id,
    JSON.stringify(order),
  ]);
}

export function sqlInventory(db: SqlClient): InventoryRole {
  return {
    async loadStock(items) {
      await db.copyRows(
        'polyglot_bench.stock',
        ['product_id', 'price_cents', 'stock', 'initial_stock'],
        items.map((item) => [item.productId, item.priceCents, item.stock, item.stock]),
      );
    },

    reserve: reserveWithOutboxOf((fn) => inTransaction(db, fn), { reserveLines, insertOutboxRow }),

    async release(orderId, lines) {
      await db.transaction(async (tx) => {
        for (const line of inLockOrder(lines)) {
          await tx.query('UPDATE polyglot_bench.stock SET stock = stock + $2 WHERE product_id = $1', [
            line.productId,
            line.quantity,
          ]);
        }
        await tx.query('DELETE FROM polyglot_bench.outbox WHERE order_id = $1 AND applied_at IS NULL', [
          orderId,
        ]);
      });
    },

    async getStock(productId) {
      const rows = await db.query<StockRow>(
        'SELECT product_id, price_cents, stock FROM polyglot_bench.stock WHERE product_id = $1',
        [productId],
      );
      const row = rows[0];
      if (!row) return null;
      const item: StockItem = {
        productId: toNumber(row.product_id),
        priceCents: toNumber(row.price_cents),
        stock: toNumber(row.stock),
      };
      return item;
    },

    async stockAudit() {
      const rows = await db.query<{
        products: SqlNumber;
        negative: SqlNumber;
        decremented: SqlNumber | null;
      }>(
        `SELECT count(*) AS products,
                count(*) FILTER (WHERE stock < 0) AS negative,
                sum(initial_stock - stock) AS decremented
           FROM polyglot_bench.stock`,
      );
      const row = rows[0];
      return {
        products: toNumber(row?.products),
        negative: toNumber(row?.negative),
        unitsDecremented: toNumber(row?.decremented),
      };
    },

    async pendingOutbox(limit) {
      const rows = await db.query<{ seq: SqlNumber; payload: Order }>(
        `SELECT seq, payload FROM polyglot_bench.outbox WHERE applied_at IS NULL ORDER BY seq LIMIT $1`,
        [limit],
      );
      return rows.map((row): OutboxRow => ({ seq: toNumber(row.seq), order: row.payload }));
    },

    async markOutboxApplied(seqs) {
      if (seqs.length === 0) return;
      await db.query(
        'UPDATE polyglot_bench.outbox SET applied_at = now() WHERE seq = ANY($1::bigint[]) AND applied_at IS NULL',
        [[...seqs]],
      );
    },
  };
}
