// Stock and price with ACID reservations (reserve.ts) and the outbox that carries placed orders to the derived
// stores (outbox.ts). The statement functions take any MysqlClient so the atomic checkout can run them in its
// own transaction.
import type { StockItem } from '../../domain.js';
import type { InventoryRole } from '../../roles.js';
import { inTransaction, toNumber, type MysqlClient, type SqlNumber } from './client.js';
import { reserveWithOutboxOf } from '../atomic-checkout.js';
import {
  dropPendingOutboxRows,
  insertOutboxRow,
  markOutboxRowsApplied,
  pendingOutboxRows,
} from './outbox.js';
import { inLockOrder, reserveLines } from './reserve.js';

interface StockRow {
  product_id: SqlNumber;
  price_cents: SqlNumber;
  stock: SqlNumber;
}

interface AuditRow {
  products: SqlNumber;
  negative: SqlNumber | null;
  decremented: SqlNumber | null;
}

export function mysqlInventory(db: MysqlClient): InventoryRole {
  return {
    async loadStock(items) {
      await db.insertRows(
        'stock',
        ['product_id', 'price_cents', 'stock', 'initial_stock'],
        items.map((item) => [item.productId, item.priceCents, item.stock, item.stock]),
      );
    },

    reserve: reserveWithOutboxOf((fn) => inTransaction(db, fn), { reserveLines, insertOutboxRow }),

    async release(orderId, lines) {
      await db.transaction(async (tx) => {
        for (const line of inLockOrder(lines)) {
          await tx.write('UPDATE stock SET stock = stock + ? WHERE product_id = ?', [
            line.quantity,
            line.productId,
          ]);
        }
        await dropPendingOutboxRows(tx, orderId);
      });
    },

    async getStock(productId) {
      const rows = await db.query<StockRow>(
        'SELECT product_id, price_cents, stock FROM stock WHERE product_id = ?',
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
      // SUM over an empty table is NULL (toNumber reads it as 0); SUM(condition) counts the rows where it holds.
      const rows = await db.query<AuditRow>(
        `SELECT COUNT(*) AS products, SUM(stock < 0) AS negative, SUM(initial_stock - stock) AS decremented
           FROM stock`,
      );
      const row = rows[0];
      return {
        products: toNumber(row?.products),
        negative: toNumber(row?.negative),
        unitsDecremented: toNumber(row?.decremented),
      };
    },

    pendingOutbox: (limit) => pendingOutboxRows(db, limit),

    markOutboxApplied: (seqs) => markOutboxRowsApplied(db, seqs),
  };
}
