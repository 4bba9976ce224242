// Follows, likes and purchases as edge tables; recommendations are two-hop joins counting distinct users.
import type { Order } from '../../domain.js';
import type { GraphRole, OrderAudit, PurchaseRef, ScoredProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { toNumber, type MysqlClient, type SqlNumber, type SqlParam } from './client.js';

const PURCHASE_COLUMNS = ['order_id', 'user_id', 'product_id', 'quantity', 'created_at'];

interface ScoreRow {
  product_id: SqlNumber;
  score: SqlNumber;
}

function toScored(row: ScoreRow): ScoredProduct {
  return { productId: toNumber(row.product_id), score: toNumber(row.score) };
}

function purchaseRow(line: PurchaseLine): SqlParam[] {
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

/**
 * One edge per (order, product), an order's repeated product folded into one (purchase-lines.ts). Recording an
 * order again changes nothing: the no-op update keeps the first edge, and unlike INSERT IGNORE it does not turn
 * other errors into warnings. The lines travel as one JSON array, so this is one prepared statement whatever the
 * line count. Also used by the atomic checkout.
 */
export async function insertPurchaseEdges(db: MysqlClient, order: Order): Promise<void> {
  await db.write(
    `INSERT INTO purchases (order_id, user_id, product_id, quantity, created_at)
     SELECT ?, ?, line.product_id, line.quantity, ?
       FROM JSON_TABLE(?, '$[*]' COLUMNS (product_id INT PATH '$.productId', quantity INT PATH '$.quantity')) AS line
     ON DUPLICATE KEY UPDATE order_id = purchases.order_id`,
    [order.id, order.userId, order.createdAt, JSON.stringify(purchaseLines(order))],
  );
}

export function mysqlGraph(db: MysqlClient): GraphRole {
  return {
    // Products are not copied: the edges only need their ids, and the catalog holds the documents.
    async loadGraph({ users, follows, likes, purchases }) {
      await db.insertRows(
        'users',
        ['id', 'name', 'email'],
        users.map((user) => [user.id, user.name, user.email]),
      );
      await db.insertRows(
        'follows',
        ['follower_id', 'followee_id'],
        distinctPairs(follows, (follow) => [follow.followerId, follow.followeeId]),
      );
      await db.insertRows(
        'likes',
        ['user_id', 'product_id'],
        distinctPairs(likes, (like) => [like.userId, like.productId]),
      );
      await db.insertRows('purchases', PURCHASE_COLUMNS, purchaseLinesOfOrders(purchases).map(purchaseRow));
    },

    recordPurchase: (order) => insertPurchaseEdges(db, order),

    async alsoBought(productId, limit) {
      const rows = await db.query<ScoreRow>(
        `SELECT other.product_id, COUNT(DISTINCT other.user_id) AS score
           FROM (SELECT DISTINCT user_id FROM purchases WHERE product_id = ?) AS buyers
           JOIN purchases other ON other.user_id = buyers.user_id
          WHERE other.product_id <> ?
          GROUP BY other.product_id
          ORDER BY score DESC, other.product_id
          LIMIT ?`,
        [productId, productId, limit],
      );
      return rows.map(toScored);
    },

    async friendsLiked(userId, limit) {
      const rows = await db.query<ScoreRow>(
        `SELECT liked.product_id, COUNT(DISTINCT liked.user_id) AS score
           FROM follows f
           JOIN likes liked ON liked.user_id = f.followee_id
          WHERE f.follower_id = ?
          GROUP BY liked.product_id
          ORDER BY score DESC, liked.product_id
          LIMIT ?`,
        [userId, limit],
      );
      return rows.map(toScored);
    },

    async recentPurchases(userId, limit) {
      const rows = await db.query<{ order_id: string; product_id: SqlNumber }>(
        `SELECT order_id, product_id FROM purchases
          WHERE user_id = ?
          ORDER BY created_at DESC, order_id DESC, product_id
          LIMIT ?`,
        [userId, limit],
      );
      return rows.map((row): PurchaseRef => ({ orderId: row.order_id, productId: toNumber(row.product_id) }));
    },

    async hasOrder(orderId) {
      const rows = await db.query('SELECT 1 FROM purchases WHERE order_id = ? LIMIT 1', [orderId]);
      return rows.length > 0;
    },

    async auditOrders() {
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber }>(
        'SELECT order_id, COUNT(*) AS `rows`, SUM(quantity) AS units FROM purchases GROUP BY order_id',
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
