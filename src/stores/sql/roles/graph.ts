// The graph role on any SQL dialect: follows, likes and purchases as edge tables; recommendations are two-hop
// joins counting distinct users.
import type { Order, SocialEdges } from '../../../domain.js';
import type { GraphRole, OrderBuyer, PurchaseRef, ScoredProduct } from '../../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../../purchase-lines.js';
import { toNumber, type SqlNumber, type SqlParam, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { toOrderAudit, type OrderAuditRow } from './order-audit.js';
import { visibleOrdersOf } from './visible-orders.js';

export interface GraphStatements {
  /**
   * [orderId, userId, createdAt, lines as a JSON array of purchase lines (productId, quantity)] → one edge per
   * (order, product); recording an order again changes nothing, and no other error is swallowed.
   */
  insertPurchases: string;
  /** [productId, productId, limit] → product_id, score: other products of its buyers, by distinct buyers. */
  alsoBought: string;
  /** [userId, limit] → product_id, score: products liked by those the user follows, by distinct likers. */
  friendsLiked: string;
  /** [userId, limit] → order_id, product_id, newest first (created_at desc, order_id desc, product_id). */
  recentPurchases: string;
  /** [userId, limit] → followee_id, ascending. */
  following: string;
  /** [sinceEpochMs] → order_id, user_id, followers, per order with an edge since then, by order_id. */
  orderBuyers: string;
  /** [orderId] → a row when the order has an edge. */
  hasOrder: string;
  /** [orderId] → deletes the order's edges (a compensated checkout). */
  deletePurchases: string;
  /** [orderIds as a JSON array] → order_id of each listed order with a row (visible-orders.ts). */
  visibleOrders: string;
  /** [] → order_id, rows, units per order. */
  audit: string;
}

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
 * One edge per (order, product), an order's repeated product folded into one (purchase-lines.ts); the lines
 * travel as one JSON array, so this is one prepared statement whatever the line count. Also used by the atomic
 * checkout.
 */
export async function insertPurchaseEdges<C extends SqlRunner<C>>(
  db: C,
  statements: GraphStatements,
  order: Order,
): Promise<void> {
  await db.query(statements.insertPurchases, [
    order.id,
    order.userId,
    order.createdAt,
    JSON.stringify(purchaseLines(order)),
  ]);
}

export function graphRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): GraphRole {
  const { graph } = dialect;
  // COPY / multi-row INSERT append, so one call per chunk of the history is safe.
  const loadPurchaseRows = (orders: readonly Order[]) =>
    dialect.loadRows(db, 'purchases', PURCHASE_COLUMNS, purchaseLinesOfOrders(orders).map(purchaseRow));
  // Every edge of a chunk starts at one of its users, so a pair repeats only within a chunk.
  const loadSocialRows = async ({ follows, likes }: SocialEdges) => {
    await dialect.loadRows(
      db,
      'follows',
      ['follower_id', 'followee_id'],
      distinctPairs(follows, (follow) => [follow.followerId, follow.followeeId]),
    );
    await dialect.loadRows(
      db,
      'likes',
      ['user_id', 'product_id'],
      distinctPairs(likes, (like) => [like.userId, like.productId]),
    );
  };
  return {
    // Products are not copied: the edges only need their ids, and the catalog holds the documents.
    async loadGraph({ users, follows, likes, purchases }) {
      await dialect.loadRows(
        db,
        'users',
        ['id', 'name', 'email'],
        users.map((user) => [user.id, user.name, user.email]),
      );
      await loadSocialRows({ follows, likes });
      await loadPurchaseRows(purchases);
    },

    loadPurchases: (orders) => loadPurchaseRows(orders),

    loadSocial: (edges) => loadSocialRows(edges),

    recordPurchase: (order) => insertPurchaseEdges(db, graph, order),

    removePurchase: async (order) => {
      await db.query(graph.deletePurchases, [order.id]);
    },

    alsoBought: async (productId, limit) =>
      (await db.query<ScoreRow>(graph.alsoBought, [productId, productId, limit])).map(toScored),

    friendsLiked: async (userId, limit) =>
      (await db.query<ScoreRow>(graph.friendsLiked, [userId, limit])).map(toScored),

    async recentPurchases(userId, limit) {
      const rows = await db.query<{ order_id: string; product_id: SqlNumber }>(graph.recentPurchases, [
        userId,
        limit,
      ]);
      return rows.map((row): PurchaseRef => ({ orderId: row.order_id, productId: toNumber(row.product_id) }));
    },

    following: async (userId, limit) =>
      (await db.query<{ followee_id: SqlNumber }>(graph.following, [userId, limit])).map((row) =>
        toNumber(row.followee_id),
      ),

    orderBuyers: async (sinceEpochMs) =>
      (
        await db.query<{ order_id: string; user_id: SqlNumber; followers: SqlNumber }>(graph.orderBuyers, [
          sinceEpochMs,
        ])
      ).map((row): OrderBuyer => ({
        orderId: row.order_id,
        userId: toNumber(row.user_id),
        followers: toNumber(row.followers),
      })),

    hasOrder: async (orderId) => (await db.query(graph.hasOrder, [orderId])).length > 0,

    visibleOrders: (orderIds) => visibleOrdersOf(db, graph.visibleOrders, orderIds),

    auditOrders: async () => (await db.query<OrderAuditRow>(graph.audit)).map(toOrderAudit),
  };
}
