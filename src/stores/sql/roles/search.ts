// The search role on any SQL dialect: a search table of its own (the product's words, category, price and the
// stock the index believes), full-text indexed by the engine (PostgreSQL: tsvector + GIN; MySQL: FULLTEXT), and
// the orders whose stock change it has taken, one row per (order, product). Its own table rather than a join on
// inventory's stock: search is a derived store, and the same table serves it wherever inventory lives. In the
// single-database baseline the atomic checkout writes it in the checkout's transaction, so it is never stale.
import type { Order } from '../../../domain.js';
import { productSearchText } from '../../../data/search-vocabulary.js';
import type { CategoryCount, SearchHit, SearchRole, SearchSort, StockLevel } from '../../../roles.js';
import { purchaseLines } from '../../purchase-lines.js';
import { inTransaction, toNumber, type SqlNumber, type SqlParam, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { toOrderAudit, type OrderAuditRow } from './order-audit.js';
import { visibleOrdersOf } from './visible-orders.js';

export interface SearchStatements {
  /** The words as the dialect's full-text query wants them: every word required. */
  matchAll(words: readonly string[]): string;
  /**
   * Per sort: [match, categoryId | null, minPriceCents | null, maxPriceCents | null, inStockOnly (1/0), limit] →
   * product_id, name, price_cents, stock; ties broken by product_id.
   */
  search: Record<SearchSort, string>;
  /** Rearranges those parameters where a dialect's placeholders cannot be reused (MySQL's ?); default as is. */
  bindSearch?(sort: SearchSort, params: SqlParam[]): SqlParam[];
  /** [productIds as a JSON array] → locks those rows in product order, so two applies can never deadlock. */
  lockProducts: string;
  /** [orderId] → a row when the order's stock change was taken already. */
  applied: string;
  /** [orderId, lines as a JSON array of purchase lines (productId, quantity)] */
  insertLines: string;
  /** [lines as a JSON array of purchase lines (productId, quantity)] → takes the units off the index's stock. */
  takeStock: string;
  /** [orderId] → gives the units the order's lines took back to the index's stock. */
  giveBackStock: string;
  /** [orderId] → deletes the order's lines. */
  deleteLines: string;
  /** [orderId] → a row when the order has a line. */
  hasOrder: string;
  /** [orderIds as a JSON array] → order_id of each listed order with a row (visible-orders.ts). */
  visibleOrders: string;
  /** [] → order_id, rows, units per order. */
  audit: string;
  /** [] → product_id, stock */
  stockLevels: string;
  /** [match, limit] → category_id, products: the categories with most matching products. */
  topCategories: string;
}

export const SEARCH_COLUMNS = ['product_id', 'name', 'category_id', 'price_cents', 'stock', 'body'];

interface HitRow {
  product_id: SqlNumber;
  name: string;
  price_cents: SqlNumber;
  stock: SqlNumber;
}

/**
 * Takes an order's units off the index's stock once: rows locked in product order, then the order looked up,
 * then its lines and the decrement. Inside the caller's transaction (the relay's own, or the atomic checkout's).
 */
export async function applySearchStock<C extends SqlRunner<C>>(
  tx: C,
  statements: SearchStatements,
  order: Order,
): Promise<void> {
  const lines = purchaseLines(order).sort((a, b) => a.productId - b.productId);
  await tx.query(statements.lockProducts, [JSON.stringify(lines.map((line) => line.productId))]);
  if ((await tx.query(statements.applied, [order.id])).length > 0) return;
  const json = JSON.stringify(lines.map(({ productId, quantity }) => ({ productId, quantity })));
  await tx.query(statements.insertLines, [order.id, json]);
  await tx.query(statements.takeStock, [json]);
}

/**
 * A compensated checkout: the units its lines took go back, then the lines go, so a second revert (or one of an
 * order never applied) finds nothing to give back. Rows locked in product order as applySearchStock does.
 */
async function revertSearchStock<C extends SqlRunner<C>>(
  tx: C,
  statements: SearchStatements,
  order: Order,
): Promise<void> {
  const productIds = purchaseLines(order)
    .map((line) => line.productId)
    .sort((a, b) => a - b);
  await tx.query(statements.lockProducts, [JSON.stringify(productIds)]);
  await tx.query(statements.giveBackStock, [order.id]);
  await tx.query(statements.deleteLines, [order.id]);
}

export function searchRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): SearchRole {
  const { search } = dialect;
  return {
    async loadIndex(products, stock) {
      const stockOf = new Map(stock.map((item) => [item.productId, item.stock]));
      const rows: SqlParam[][] = products.map((p) => [
        p.id,
        p.name,
        p.categoryId,
        p.priceCents,
        stockOf.get(p.id) ?? 0,
        productSearchText(p),
      ]);
      await dialect.loadRows(db, 'search_products', SEARCH_COLUMNS, rows);
    },

    async search(query) {
      if (query.words.length === 0) return [];
      const params: SqlParam[] = [
        search.matchAll(query.words),
        query.categoryId,
        query.priceCents?.min ?? null,
        query.priceCents?.max ?? null,
        query.inStockOnly ? 1 : 0,
        query.limit,
      ];
      const rows = await db.query<HitRow>(
        search.search[query.sort],
        search.bindSearch?.(query.sort, params) ?? params,
      );
      return rows.map((row): SearchHit => ({
        productId: toNumber(row.product_id),
        name: row.name,
        priceCents: toNumber(row.price_cents),
        inStock: toNumber(row.stock) > 0,
      }));
    },

    applyOrder: (order) => inTransaction(db, (tx) => applySearchStock(tx, search, order)),

    revertOrder: (order) => inTransaction(db, (tx) => revertSearchStock(tx, search, order)),

    hasOrder: async (orderId) => (await db.query(search.hasOrder, [orderId])).length > 0,

    visibleOrders: (orderIds) => visibleOrdersOf(db, search.visibleOrders, orderIds),

    auditOrders: async () => (await db.query<OrderAuditRow>(search.audit)).map(toOrderAudit),

    async stockLevels() {
      const rows = await db.query<{ product_id: SqlNumber; stock: SqlNumber }>(search.stockLevels);
      return rows.map((row): StockLevel => ({
        productId: toNumber(row.product_id),
        stock: toNumber(row.stock),
      }));
    },

    async topCategories(words, limit) {
      if (words.length === 0) return [];
      const rows = await db.query<{ category_id: SqlNumber; products: SqlNumber }>(search.topCategories, [
        search.matchAll(words),
        limit,
      ]);
      return rows.map((row): CategoryCount => ({
        categoryId: toNumber(row.category_id),
        products: toNumber(row.products),
      }));
    },
  };
}
