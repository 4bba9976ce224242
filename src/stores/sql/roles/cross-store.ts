// The cross-store queries answered by one SQL database holding every role they read: each one statement, the
// join the polyglot layout makes in the application (src/workloads/cross-store.ts) done by the database instead.
import {
  CROSS_STORE_LIMITS,
  FOLLOWER_BANDS,
  type CrossStoreQueries,
  type FollowerBand,
  type FollowerBandRevenue,
  type FriendPurchase,
  type OrderDetail,
} from '../../../roles.js';
import { toNumber, type SqlNumber, type SqlRunner } from '../client.js';

export interface CrossStoreStatements {
  /**
   * [userId, limit] → order_id, created_at, line_no, product_id, name, quantity, unit_price_cents,
   * current_price_cents, stock: the user's newest orders (created_at desc, id desc), one row per line in line
   * order (line_no null for an order without lines); name, price and stock null where catalog or stock lack it.
   */
  orderDetails: string;
  /**
   * [userId, friends, friendsOrders, limit] → product_id, friends, stock: products in the newest friendsOrders
   * orders of the first `friends` users userId follows (by id), stock above zero, friends desc, product_id.
   */
  friendsBought: string;
  /** [since, since] → band ('0', '1-4', '5-19', '20+'), buyers, orders, revenue_cents, for bands with orders. */
  revenueByFollowerBand: string;
}

interface DetailRow {
  order_id: string;
  created_at: SqlNumber;
  line_no: SqlNumber | null;
  product_id: SqlNumber | null;
  name: string | null;
  quantity: SqlNumber | null;
  unit_price_cents: SqlNumber | null;
  current_price_cents: SqlNumber | null;
  stock: SqlNumber | null;
}

const orNull = (value: SqlNumber | null): number | null => (value === null ? null : toNumber(value));

export function sqlCrossStore<C extends SqlRunner<C>>(
  db: C,
  statements: CrossStoreStatements,
): CrossStoreQueries {
  return {
    async orderDetails(userId) {
      const rows = await db.query<DetailRow>(statements.orderDetails, [userId, CROSS_STORE_LIMITS.myOrders]);
      const details: OrderDetail[] = [];
      for (const row of rows) {
        let detail = details.at(-1);
        if (detail?.orderId !== row.order_id) {
          detail = { orderId: row.order_id, createdAt: toNumber(row.created_at), lines: [] };
          details.push(detail);
        }
        if (row.line_no === null || row.product_id === null) continue;
        detail.lines.push({
          productId: toNumber(row.product_id),
          name: row.name,
          quantity: toNumber(row.quantity),
          paidCents: toNumber(row.unit_price_cents),
          currentPriceCents: orNull(row.current_price_cents),
          stock: orNull(row.stock),
        });
      }
      return details;
    },

    async friendsBought(userId) {
      const { friends, friendsOrders, friendsProducts } = CROSS_STORE_LIMITS;
      const rows = await db.query<{ product_id: SqlNumber; friends: SqlNumber; stock: SqlNumber }>(
        statements.friendsBought,
        [userId, friends, friendsOrders, friendsProducts],
      );
      return rows.map((row): FriendPurchase => ({
        productId: toNumber(row.product_id),
        friends: toNumber(row.friends),
        stock: toNumber(row.stock),
      }));
    },

    async revenueByFollowerBand(sinceEpochMs) {
      const rows = await db.query<{
        band: FollowerBand;
        buyers: SqlNumber;
        orders: SqlNumber;
        revenue_cents: SqlNumber;
      }>(statements.revenueByFollowerBand, [sinceEpochMs, sinceEpochMs]);
      const byBand = new Map(rows.map((row) => [row.band, row]));
      return FOLLOWER_BANDS.map((band): FollowerBandRevenue => {
        const row = byBand.get(band);
        return {
          band,
          buyers: toNumber(row?.buyers ?? 0),
          orders: toNumber(row?.orders ?? 0),
          revenueCents: toNumber(row?.revenue_cents ?? 0),
        };
      });
    },
  };
}

/** The band of a follower count, in SQL: the same bounds as followerBand (roles.ts). */
export function followerBandSql(followers: string): string {
  return `CASE WHEN ${followers} = 0 THEN '0' WHEN ${followers} < 5 THEN '1-4' WHEN ${followers} < 20 THEN '5-19' ELSE '20+' END`;
}
