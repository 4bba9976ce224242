// The search role on OpenSearch: products as documents (english-analysed text, category, price, the stock the
// index believes), searched with every word required and the shop's filters as non-scoring filters. A checkout's
// stock change is one bulk request: a scripted update per product that takes the units only if that product has
// not yet taken this order's (so a redelivery is a no-op), then the order's marker document; a revert undoes both
// the same way. Nothing is
// refreshed on write: a change becomes searchable at the index's next refresh, which is the lag measured.
import type { Client } from '@opensearch-project/opensearch';
import { productSearchText } from '../../data/search-vocabulary.js';
import type {
  CategoryCount,
  OrderAudit,
  SearchHit,
  SearchQuery,
  SearchRole,
  StockLevel,
} from '../../roles.js';
import { purchaseLines } from '../purchase-lines.js';
import { allHits, bulk, countOf, ordersFound, refresh, searchBody } from './requests.js';

const productId = (id: number) => `p${id}`;
const orderDocId = (id: string) => `o${id}`;

const TAKE_UNITS = `
  if (ctx._source.orders.contains(params.order)) { ctx.op = 'noop'; }
  else { ctx._source.orders.add(params.order); ctx._source.stock -= params.quantity; }`;

const GIVE_BACK_UNITS = `
  int at = ctx._source.orders.indexOf(params.order);
  if (at < 0) { ctx.op = 'noop'; }
  else { ctx._source.orders.remove(at); ctx._source.stock += params.quantity; }`;

interface ProductSource {
  productId: number;
  name: string;
  priceCents: number;
  stock: number;
}

function matchAll(words: readonly string[]) {
  return { match: { text: { query: words.join(' '), operator: 'and' } } };
}

function filtersOf(query: SearchQuery): unknown[] {
  const filters: unknown[] = [{ term: { kind: 'product' } }];
  if (query.categoryId !== null) filters.push({ term: { categoryId: query.categoryId } });
  if (query.priceCents !== null)
    filters.push({ range: { priceCents: { gte: query.priceCents.min, lte: query.priceCents.max } } });
  if (query.inStockOnly) filters.push({ range: { stock: { gt: 0 } } });
  return filters;
}

const SORTS: Record<SearchQuery['sort'], unknown[]> = {
  relevance: ['_score', { productId: 'asc' }],
  'price-asc': [{ priceCents: 'asc' }, { productId: 'asc' }],
  'price-desc': [{ priceCents: 'desc' }, { productId: 'asc' }],
};

export function opensearchSearch(client: Client, index: string): SearchRole {
  return {
    async loadIndex(products, stock) {
      const stockOf = new Map(stock.map((item) => [item.productId, item.stock]));
      const operations = products.flatMap((p) => [
        { index: { _index: index, _id: productId(p.id) } },
        {
          kind: 'product',
          productId: p.id,
          name: p.name,
          text: productSearchText(p),
          categoryId: p.categoryId,
          priceCents: p.priceCents,
          stock: stockOf.get(p.id) ?? 0,
          orders: [],
        },
      ]);
      for (let start = 0; start < operations.length; start += 2000) {
        await bulk(client, operations.slice(start, start + 2000));
      }
      // The run starts from a searchable catalog, as a shop's does.
      await refresh(client, index);
    },

    async search(query) {
      if (query.words.length === 0) return [];
      const answer = await searchBody<{ hits: { hits: Array<{ _source: ProductSource }> } }>(client, index, {
        query: { bool: { must: [matchAll(query.words)], filter: filtersOf(query) } },
        sort: SORTS[query.sort],
        size: query.limit,
        track_total_hits: false,
        _source: ['productId', 'name', 'priceCents', 'stock'],
      });
      const hits = answer.hits.hits;
      return hits.map(({ _source: p }): SearchHit => ({
        productId: p.productId,
        name: p.name,
        priceCents: p.priceCents,
        inStock: p.stock > 0,
      }));
    },

    async applyOrder(order) {
      const lines = purchaseLines(order);
      const operations: Array<Record<string, unknown>> = lines.flatMap((line) => [
        // Two orders of one product race for its document: the loser re-reads it and runs the script again.
        { update: { _index: index, _id: productId(line.productId), retry_on_conflict: 10 } },
        { script: { source: TAKE_UNITS, params: { order: order.id, quantity: line.quantity } } },
      ]);
      const units = lines.reduce((sum, line) => sum + line.quantity, 0);
      operations.push(
        { index: { _index: index, _id: orderDocId(order.id) } },
        { kind: 'order', orderId: order.id, rows: lines.length, units },
      );
      await bulk(client, operations);
    },

    // The mirror of applyOrder: each product gives back the units only if it took this order's, then the marker
    // goes (a delete of one already gone is "not_found", no error), so reverting twice changes nothing.
    async revertOrder(order) {
      const operations: Array<Record<string, unknown>> = purchaseLines(order).flatMap((line) => [
        { update: { _index: index, _id: productId(line.productId), retry_on_conflict: 10 } },
        { script: { source: GIVE_BACK_UNITS, params: { order: order.id, quantity: line.quantity } } },
      ]);
      operations.push({ delete: { _index: index, _id: orderDocId(order.id) } });
      await bulk(client, operations);
    },

    // A count, not a GET: GET reads the latest version whether or not it is searchable yet.
    async hasOrder(orderId) {
      const query = { bool: { filter: [{ term: { kind: 'order' } }, { term: { orderId } }] } };
      return (await countOf(client, index, query)) > 0;
    },

    visibleOrders: (orderIds) => ordersFound(client, index, [{ term: { kind: 'order' } }], orderIds),

    async auditOrders() {
      await refresh(client, index);
      const rows = await allHits<OrderAudit>(client, index, { term: { kind: 'order' } }, 'orderId');
      return rows.map(({ orderId, rows: count, units }) => ({ orderId, rows: count, units }));
    },

    async stockLevels() {
      await refresh(client, index);
      const rows = await allHits<StockLevel>(client, index, { term: { kind: 'product' } }, 'productId');
      return rows.map(({ productId: id, stock }) => ({ productId: id, stock }));
    },

    async topCategories(words, limit) {
      if (words.length === 0) return [];
      const answer = await searchBody<{
        aggregations: { categories: { buckets: Array<{ key: number; doc_count: number }> } };
      }>(client, index, {
        size: 0,
        query: { bool: { must: [matchAll(words)], filter: [{ term: { kind: 'product' } }] } },
        aggs: {
          categories: {
            terms: { field: 'categoryId', size: limit, order: [{ _count: 'desc' }, { _key: 'asc' }] },
          },
        },
      });
      const buckets = answer.aggregations.categories.buckets;
      return buckets.map((bucket): CategoryCount => ({ categoryId: bucket.key, products: bucket.doc_count }));
    },
  };
}
