// The inventory role on any SQL dialect: stock and price with ACID reservations (reserve.ts) and the outbox
// that carries placed orders to the derived stores (outbox.ts), written in the same transaction; release gives
// the units back and retracts the order's purchase in one.
import type { StockItem } from '../../../domain.js';
import type { InventoryRole } from '../../../roles.js';
import { reserveWithOutboxOf } from '../../atomic-checkout.js';
import { inTransaction, toNumber, type SqlNumber, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { insertOutboxRow, markOutboxRowsApplied, pendingOutboxRows, retractOutboxRows } from './outbox.js';
import { inLockOrder, reserveLines, type ReserveStatements } from './reserve.js';

export interface InventoryStatements<C> extends ReserveStatements<C> {
  /** [quantity, productId] → puts units back. */
  restock: string;
  /** [productId] → product_id, price_cents, stock. */
  stockItem: string;
  /** [productIds as a JSON array] → product_id, price_cents, stock, ordered by product_id. */
  stockItems: string;
  /** [] → products, negative (how many below zero), decremented (initial minus current, summed); null reads as 0. */
  stockAudit: string;
}

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

export function inventoryRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): InventoryRole {
  const { inventory, outbox } = dialect;
  return {
    async loadStock(items) {
      await dialect.loadRows(
        db,
        'stock',
        ['product_id', 'price_cents', 'stock', 'initial_stock'],
        items.map((item) => [item.productId, item.priceCents, item.stock, item.stock]),
      );
    },

    reserve: reserveWithOutboxOf<C>((fn) => inTransaction(db, fn), {
      reserveLines: (tx, lines) => reserveLines(tx, inventory, lines),
      insertOutboxRow: (tx, order) => insertOutboxRow(tx, outbox, order),
    }),

    async release(orderId, lines) {
      await db.transaction(async (tx) => {
        for (const line of inLockOrder(lines)) {
          await tx.query(inventory.restock, [line.quantity, line.productId]);
        }
        await retractOutboxRows(tx, outbox, orderId);
      });
    },

    async getStocks(productIds) {
      if (productIds.length === 0) return [];
      const rows = await db.query<StockRow>(inventory.stockItems, [JSON.stringify(productIds)]);
      return rows.map((row): StockItem => ({
        productId: toNumber(row.product_id),
        priceCents: toNumber(row.price_cents),
        stock: toNumber(row.stock),
      }));
    },

    async getStock(productId) {
      const row = (await db.query<StockRow>(inventory.stockItem, [productId]))[0];
      if (!row) return null;
      const item: StockItem = {
        productId: toNumber(row.product_id),
        priceCents: toNumber(row.price_cents),
        stock: toNumber(row.stock),
      };
      return item;
    },

    async stockAudit() {
      const row = (await db.query<AuditRow>(inventory.stockAudit))[0];
      return {
        products: toNumber(row?.products),
        negative: toNumber(row?.negative),
        unitsDecremented: toNumber(row?.decremented),
      };
    },

    pendingOutbox: (limit) => pendingOutboxRows(db, outbox, limit),

    markOutboxApplied: (seqs) => markOutboxRowsApplied(db, outbox, seqs),
  };
}
