// Follows, likes and purchases as edge tables; recommendations are two-hop joins counting distinct users.
import type { Order } from '../../domain.js';
import type { GraphRole, OrderAudit, PurchaseRef, ScoredProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { toNumber, type SqlClient, type SqlNumber } from './client.js';

const PURCHASE_COLUMNS = ['order_id', 'user_id', 'product_id', 'quantity', 'created_at'];

interface ScoreRow {
  product_id: SqlNumber;
  score: SqlNumber;
}

function toScored(row: ScoreRow): ScoredProduct {
  return { productId: toNumber(row.product_id), score: toNumber(row.score) };
}

function purchaseRow(line: PurchaseLine): unknown[] {
  return [line.orderId, line.userId, line.productId, line.quantity, line.createdAt];
}

/** Drops repeated pairs: follows and likes are sets, and a repeat would break the bulk load's primary key. */
function distinctPairs<T>(items: readonly T[], pair: (item: T) => [number, number]): Array<[number, number]> {
  const seen = new Map<string, [number, number]>();
  for (const item of items) {
    const [a, b] = pair(item);
    seen.set(`${a}:${b}`, [a, b]);
  }
  return [...seen.values()];
}

/** One edge per (order, product); recording an order again changes nothing. Also used by the atomic checkout. */
export async function insertPurchaseEdges(db: SqlClient, order: Order): Promise<void> {
  const lines = purchaseLines(order);
  await db.query(
    `INSERT INTO polyglot_bench.purchases (order_id, user_id, product_id, quantity, created_at)
     SELECT $1, $2, line.product_id, line.quantity, $5
       FROM unnest($3::integer[], $4::integer[]) AS line (product_id, quantity)
     ON CONFLICT (order_id, product_id) DO NOTHING`,
    [
      order.id,
      order.userId,
      lines.map((line) => line.productId),
      lines.map((line) => line.quantity),
      order.createdAt,
    ],
  );
}

export function sqlGraph(db: SqlClient): GraphRole {
  return {
    // Products are not copied: the edges only need their ids, and the catalog holds the documents.
    async loadGraph({ users, follows, likes, purchases }) {
      await db.copyRows(
        'polyglot_bench.users',
        ['id', 'name', 'email'],
        users.map((user) => [user.id, user.name, user.email]),
      );
      await db.copyRows(
        'polyglot_bench.follows',
        ['follower_id', 'followee_id'],
        distinctPairs(follows, (follow) => [follow.followerId, follow.followeeId]),
      );
      await db.copyRows(
        'polyglot_bench.likes',
        ['user_id', 'product_id'],
        distinctPairs(likes, (like) => [like.userId, like.productId]),
      );
      await db.copyRows(
        'polyglot_bench.purchases',
        PURCHASE_COLUMNS,
        purchaseLinesOfOrders(purchases).map(purchaseRow),
      );
    },

    recordPurchase: (order) => insertPurchaseEdges(db, order),

    async alsoBought(productId, limit) {
      const rows = await db.query<ScoreRow>(
        `WITH buyers AS (
           SELECT DISTINCT user_id FROM polyglot_bench.purchases WHERE product_id = $1
         )
         SELECT other.product_id, count(DISTINCT other.user_id) AS score
           FROM buyers
           JOIN polyglot_bench.purchases other ON other.user_id = buyers.user_id
          WHERE other.product_id <> $1
          GROUP BY other.product_id
          ORDER BY score DESC, other.product_id
          LIMIT $2`,
        [productId, limit],
      );
      return rows.map(toScored);
    },

    async friendsLiked(userId, limit) {
      const rows = await db.query<ScoreRow>(
        `SELECT liked.product_id, count(DISTINCT liked.user_id) AS score
           FROM polyglot_bench.follows f
           JOIN polyglot_bench.likes liked ON liked.user_id = f.followee_id
          WHERE f.follower_id = $1
          GROUP BY liked.product_id
          ORDER BY score DESC, liked.product_id
          LIMIT $2`,
        [userId, limit],
      );
      return rows.map(toScored);
    },

    async recentPurchases(userId, limit) {
      const rows = await db.query<{ order_id: string; product_id: SqlNumber }>(
        `SELECT order_id, product_id FROM polyglot_bench.purchases
          WHERE user_id = $1
          ORDER BY created_at DESC, order_id DESC, product_id
          LIMIT $2`,
        [userId, limit],
      );
      return rows.map((row): PurchaseRef => ({ orderId: row.order_id, productId: toNumber(row.product_id) }));
    },

    async hasOrder(orderId) {
      const rows = await db.query('SELECT 1 FROM polyglot_bench.purchases WHERE order_id = $1 LIMIT 1', [
        orderId,
      ]);
      return rows.length > 0;
    },

    async auditOrders() {
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber }>(
        `SELECT order_id, count(*) AS rows, sum(quantity) AS units
           FROM polyglot_bench.purchases GROUP BY order_id`,
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
