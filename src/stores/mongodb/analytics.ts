// Sales lines (one per order and product, price and category copied in) and the dashboards' aggregations over
// them; the since-bound is the first $match, so it walks the {createdAt} index.
import type { AnalyticsRole, CategoryRevenue, OrderRevenue, TopProduct } from '../../roles.js';
import {
  auditLines,
  hasLinesOf,
  loadLines,
  ordersWithLines,
  recordLines,
  removeLines,
} from './order-lines.js';
import type { Collections } from './schema.js';

const lineRevenue = { $multiply: ['$quantity', '$unitPriceCents'] };

export function mongoAnalytics(c: Collections): AnalyticsRole {
  return {
    loadSales: (orders) => loadLines(c.sales, orders),
    recordOrder: (order) => recordLines(c.sales, order),
    removeOrder: (order) => removeLines(c.sales, order.id),

    async topProducts(sinceEpochMs, limit) {
      if (limit <= 0) return [];
      return c.sales
        .aggregate<TopProduct>([
          { $match: { createdAt: { $gte: sinceEpochMs } } },
          {
            $group: { _id: '$productId', units: { $sum: '$quantity' }, revenueCents: { $sum: lineRevenue } },
          },
          { $sort: { units: -1, _id: 1 } },
          { $limit: limit },
          { $project: { _id: 0, productId: '$_id', units: 1, revenueCents: 1 } },
        ])
        .toArray();
    },

    async revenueByCategory(sinceEpochMs) {
      return c.sales
        .aggregate<CategoryRevenue>([
          { $match: { createdAt: { $gte: sinceEpochMs } } },
          // Per (category, order) first, so an order with two lines in one category counts as one order.
          {
            $group: {
              _id: { categoryId: '$categoryId', orderId: '$orderId' },
              revenueCents: { $sum: lineRevenue },
            },
          },
          {
            $group: { _id: '$_id.categoryId', revenueCents: { $sum: '$revenueCents' }, orders: { $sum: 1 } },
          },
          { $sort: { revenueCents: -1, _id: 1 } },
          { $project: { _id: 0, categoryId: '$_id', revenueCents: 1, orders: 1 } },
        ])
        .toArray();
    },

    async revenueByOrder(sinceEpochMs) {
      return c.sales
        .aggregate<OrderRevenue>([
          { $match: { createdAt: { $gte: sinceEpochMs } } },
          { $group: { _id: '$orderId', revenueCents: { $sum: lineRevenue } } },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, orderId: '$_id', revenueCents: 1 } },
        ])
        .toArray();
    },

    hasOrder: (orderId) => hasLinesOf(c.sales, orderId),
    visibleOrders: (orderIds) => ordersWithLines(c.sales, orderIds),
    auditOrders: () => auditLines(c.sales),
  };
}
