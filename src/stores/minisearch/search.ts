// The search role on MiniSearch. The index holds each product's words (src/data/search-vocabulary.ts's text);
// category, price and the stock the index believes sit in the store's product records beside it, which the
// search's filter reads, so a stock change is visible to the next search without re-indexing any text. Orders
// applied are remembered by id: a redelivered order changes nothing, and a revert gives units back only once.
import MiniSearch from 'minisearch';
import { productSearchText } from '../../data/search-vocabulary.js';
import type { Order } from '../../domain.js';
import type { CategoryCount, OrderAudit, SearchHit, SearchQuery, SearchRole } from '../../roles.js';
import { purchaseLines } from '../purchase-lines.js';

interface ProductRecord {
  name: string;
  categoryId: number;
  priceCents: number;
  stock: number;
}

interface Match {
  id: number;
  score: number;
  record: ProductRecord;
}

export function minisearchRole(): SearchRole {
  const index = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    // Every word required: what a shop's search box means (MiniSearch's default is any word).
    searchOptions: { combineWith: 'AND' },
  });
  const records = new Map<number, ProductRecord>();
  const applied = new Map<string, OrderAudit>();

  /** Matches of every word, narrowed by the query's filters; score desc, then id asc. */
  const matches = (words: readonly string[], keep: (record: ProductRecord) => boolean): Match[] => {
    if (words.length === 0) return [];
    const found: Match[] = [];
    for (const result of index.search(words.join(' '))) {
      const id = result.id as number;
      const record = records.get(id);
      if (record && keep(record)) found.push({ id, score: result.score, record });
    }
    return found.sort((a, b) => b.score - a.score || a.id - b.id);
  };

  const filters = (query: SearchQuery) => (record: ProductRecord) =>
    (query.categoryId === null || record.categoryId === query.categoryId) &&
    (query.priceCents === null ||
      (record.priceCents >= query.priceCents.min && record.priceCents <= query.priceCents.max)) &&
    (!query.inStockOnly || record.stock > 0);

  return {
    async loadIndex(products, stock) {
      const stockOf = new Map(stock.map((item) => [item.productId, item.stock]));
      for (const p of products) {
        records.set(p.id, {
          name: p.name,
          categoryId: p.categoryId,
          priceCents: p.priceCents,
          stock: stockOf.get(p.id) ?? 0,
        });
      }
      index.addAll(products.map((p) => ({ id: p.id, text: productSearchText(p) })));
    },

    async search(query) {
      const found = matches(query.words, filters(query));
      if (query.sort !== 'relevance') {
        const sign = query.sort === 'price-asc' ? 1 : -1;
        found.sort((a, b) => sign * (a.record.priceCents - b.record.priceCents) || a.id - b.id);
      }
      return found.slice(0, query.limit).map(({ id, record }): SearchHit => ({
        productId: id,
        name: record.name,
        priceCents: record.priceCents,
        inStock: record.stock > 0,
      }));
    },

    async applyOrder(order: Order) {
      if (applied.has(order.id)) return;
      const lines = purchaseLines(order);
      for (const line of lines) {
        const record = records.get(line.productId);
        if (record) record.stock -= line.quantity;
      }
      const units = lines.reduce((sum, line) => sum + line.quantity, 0);
      applied.set(order.id, { orderId: order.id, rows: lines.length, units });
    },

    async revertOrder(order: Order) {
      if (!applied.delete(order.id)) return;
      for (const line of purchaseLines(order)) {
        const record = records.get(line.productId);
        if (record) record.stock += line.quantity;
      }
    },

    hasOrder: async (orderId) => applied.has(orderId),

    visibleOrders: async (orderIds) => new Set(orderIds.filter((orderId) => applied.has(orderId))),

    auditOrders: async () => [...applied.values()].map((row) => ({ ...row })),

    stockLevels: async () => [...records].map(([productId, record]) => ({ productId, stock: record.stock })),

    async topCategories(words, limit) {
      const products = new Map<number, number>();
      for (const { record } of matches(words, () => true)) {
        products.set(record.categoryId, (products.get(record.categoryId) ?? 0) + 1);
      }
      return [...products]
        .map(([categoryId, count]): CategoryCount => ({ categoryId, products: count }))
        .sort((a, b) => b.products - a.products || a.categoryId - b.categoryId)
        .slice(0, limit);
    },
  };
}
