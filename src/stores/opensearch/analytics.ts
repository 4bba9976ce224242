// The analytics role on OpenSearch: one document per order line, id "<order>:<product>", so recording an order
// again overwrites the same documents; the dashboards are terms aggregations with sum sub-aggregations. One
// shard makes terms counts and orderings exact; distinct orders per category are a cardinality at its highest
// precision threshold, exact below 40 000 orders per category (HyperLogLog++ above it).
import type { Client } from '@opensearch-project/opensearch';
import type { Order } from '../../domain.js';
import type { AnalyticsRole, CategoryRevenue, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { bulk, countOf, ordersFound, refresh, searchBody } from './requests.js';

const BATCH_LINES = 2000;

function lineOperations(index: string, lines: readonly PurchaseLine[]): Array<Record<string, unknown>> {
  return lines.flatMap((line) => [
    { index: { _index: index, _id: `${line.orderId}:${line.productId}` } },
    {
      orderId: line.orderId,
      productId: line.productId,
      categoryId: line.categoryId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      revenueCents: line.quantity * line.unitPriceCents,
      createdAt: line.createdAt,
    },
  ]);
}

interface Bucket {
  key: number | string;
  doc_count: number;
  units?: { value: number };
  revenue?: { value: number };
  orders?: { value: number };
}

async function buckets(client: Client, index: string, body: Record<string, unknown>): Promise<Bucket[]> {
  const answer = await searchBody<{ aggregations: { groups: { buckets: Bucket[] } } }>(client, index, {
    size: 0,
    ...body,
  });
  return answer.aggregations.groups.buckets;
}

interface OrderBucket {
  key: { orderId: string };
  doc_count: number;
  revenue?: { value: number };
  units?: { value: number };
}

interface OrderPage {
  aggregations: { orders: { buckets: OrderBucket[]; after_key?: Record<string, unknown> } };
}

/**
 * One bucket per order id with the given sub-aggregations, over every matching line: a composite aggregation read
 * page by page (5,000 orders a page), since a terms aggregation would stop at its size.
 */
async function perOrder(
  client: Client,
  index: string,
  query: Record<string, unknown> | undefined,
  aggs: Record<string, unknown>,
): Promise<OrderBucket[]> {
  const all: OrderBucket[] = [];
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const answer = await searchBody<OrderPage>(client, index, {
      size: 0,
      ...(query ? { query } : {}),
      aggs: {
        orders: {
          composite: {
            size: 5000,
            sources: [{ orderId: { terms: { field: 'orderId' } } }],
            ...(after ? { after } : {}),
          },
          aggs,
        },
      },
    });
    const page = answer.aggregations.orders;
    all.push(...page.buckets);
    if (page.buckets.length === 0 || !page.after_key) return all;
    after = page.after_key;
  }
}

export function opensearchAnalytics(client: Client, index: string): AnalyticsRole {
  const since = (epochMs: number) => ({ range: { createdAt: { gte: epochMs } } });
  return {
    async loadSales(orders: Order[]) {
      const lines = purchaseLinesOfOrders(orders);
      for (let start = 0; start < lines.length; start += BATCH_LINES) {
        await bulk(client, lineOperations(index, lines.slice(start, start + BATCH_LINES)));
      }
      await refresh(client, index);
    },

    recordOrder: (order) => bulk(client, lineOperations(index, purchaseLines(order))),

    // By id, not delete_by_query: a query sees only refreshed documents and would miss lines written just before.
    // Deleting a line that is not there is answered "not_found", no error, so a second removal changes nothing.
    removeOrder: (order) =>
      bulk(
        client,
        purchaseLines(order).map((line) => ({
          delete: { _index: index, _id: `${line.orderId}:${line.productId}` },
        })),
      ),

    async topProducts(sinceEpochMs, limit) {
      const rows = await buckets(client, index, {
        query: since(sinceEpochMs),
        aggs: {
          groups: {
            terms: { field: 'productId', size: limit, order: [{ units: 'desc' }, { _key: 'asc' }] },
            aggs: { units: { sum: { field: 'quantity' } }, revenue: { sum: { field: 'revenueCents' } } },
          },
        },
      });
      return rows.map((row): TopProduct => ({
        productId: Number(row.key),
        units: row.units?.value ?? 0,
        revenueCents: row.revenue?.value ?? 0,
      }));
    },

    async revenueByCategory(sinceEpochMs) {
      const rows = await buckets(client, index, {
        query: since(sinceEpochMs),
        aggs: {
          groups: {
            terms: { field: 'categoryId', size: 10_000 },
            aggs: {
              revenue: { sum: { field: 'revenueCents' } },
              orders: { cardinality: { field: 'orderId', precision_threshold: 40_000 } },
            },
          },
        },
      });
      return rows
        .map((row): CategoryRevenue => ({
          categoryId: Number(row.key),
          revenueCents: row.revenue?.value ?? 0,
          orders: row.orders?.value ?? 0,
        }))
        .sort((a, b) => b.revenueCents - a.revenueCents || a.categoryId - b.categoryId);
    },

    async revenueByOrder(sinceEpochMs) {
      const orders = await perOrder(client, index, since(sinceEpochMs), {
        revenue: { sum: { field: 'revenueCents' } },
      });
      return orders.map((b) => ({ orderId: b.key.orderId, revenueCents: b.revenue!.value }));
    },

    // A count, not a GET: what a dashboard would see.
    async hasOrder(orderId) {
      return (await countOf(client, index, { term: { orderId } })) > 0;
    },

    visibleOrders: (orderIds) => ordersFound(client, index, [], orderIds),

    async auditOrders() {
      await refresh(client, index);
      const orders = await perOrder(client, index, undefined, { units: { sum: { field: 'quantity' } } });
      return orders.map((b) => ({ orderId: b.key.orderId, rows: b.doc_count, units: b.units!.value }));
    },
  };
}
