// The graph role over any Cypher engine: the session runs the statements, the dialect shapes them, and loading
// (which no two engines do alike) is handed in.
import type { Order, SocialEdges } from '../../domain.js';
import type {
  GraphData,
  GraphRole,
  OrderAudit,
  OrderBuyer,
  PurchaseRef,
  ScoredProduct,
} from '../../roles.js';
import { purchaseLines } from '../purchase-lines.js';
import type { CypherDialect } from './dialect.js';
import { graphQueries } from './queries.js';
import { intColumn, stringColumn, type CypherRow, type CypherSession } from './session.js';

/** The engine's bulk paths, which no two engines do alike. */
export interface CypherLoad {
  /** Into an empty graph, including whatever the engine must do afterwards. */
  graph: (data: GraphData) => Promise<void>;
  /** More purchase edges into the loaded graph: called once per chunk of the history. */
  purchases: (orders: Order[]) => Promise<void>;
  /** More follows and likes into the loaded graph: called once per chunk of users. */
  social: (edges: SocialEdges) => Promise<void>;
}

export function cypherGraph(session: CypherSession, dialect: CypherDialect, load: CypherLoad): GraphRole {
  const queries = graphQueries(dialect);
  const int = (row: CypherRow, column: string) => intColumn(row, column, dialect.engine);
  const string = (row: CypherRow, column: string) => stringColumn(row, column, dialect.engine);
  const scored = (row: CypherRow): ScoredProduct => ({
    productId: int(row, 'productId'),
    score: int(row, 'score'),
  });

  return {
    loadGraph: load.graph,
    loadPurchases: load.purchases,
    loadSocial: load.social,

    async recordPurchase(order) {
      const lines = purchaseLines(order).map(({ productId, categoryId, quantity }) => ({
        productId,
        categoryId,
        quantity,
      }));
      if (lines.length === 0) return;
      await session.write(queries.recordPurchase, {
        userId: order.userId,
        orderId: order.id,
        createdAt: order.createdAt,
        lines,
      });
    },

    async removePurchase(order) {
      await session.write(queries.removePurchase, { orderId: order.id });
    },

    async alsoBought(productId, limit) {
      if (limit <= 0) return [];
      return (await session.read(queries.alsoBought, { productId, limit })).map(scored);
    },

    async friendsLiked(userId, limit) {
      if (limit <= 0) return [];
      return (await session.read(queries.friendsLiked, { userId, limit })).map(scored);
    },

    async recentPurchases(userId, limit) {
      if (limit <= 0) return [];
      const rows = await session.read(queries.recentPurchases, { userId, limit });
      return rows.map((row): PurchaseRef => ({
        orderId: string(row, 'orderId'),
        productId: int(row, 'productId'),
      }));
    },

    async following(userId, limit) {
      if (limit <= 0) return [];
      return (await session.read(queries.following, { userId, limit })).map((row) => int(row, 'userId'));
    },

    async orderBuyers(since) {
      const rows = await session.read(queries.orderBuyers, { since });
      return rows.map((row): OrderBuyer => ({
        orderId: string(row, 'orderId'),
        userId: int(row, 'userId'),
        followers: int(row, 'followers'),
      }));
    },

    async hasOrder(orderId) {
      return (await session.read(queries.hasOrder, { orderId })).length > 0;
    },

    async visibleOrders(orderIds) {
      // An empty list parameter has no element type for Kuzu to infer; nothing to look up anyway.
      if (orderIds.length === 0) return new Set();
      const rows = await session.read(queries.visibleOrders, { orderIds: [...new Set(orderIds)] });
      return new Set(rows.map((row) => string(row, 'orderId')));
    },

    async auditOrders() {
      const rows = await session.read(queries.auditOrders);
      return rows.map((row): OrderAudit => ({
        orderId: string(row, 'orderId'),
        rows: int(row, 'rows'),
        units: int(row, 'units'),
      }));
    },
  };
}
