// Follows, likes and purchases as edge collections. A recommendation is two steps: the set of users one hop away
// (distinct, over an index), then one aggregation over those users' edges counting distinct users per product.
// Not a $lookup per user: that repeats an index probe per document on MongoDB, and on mongo-java-server, which
// ignores non-unique indexes, a full scan of the edges per user.
import type { Collection, Document } from 'mongodb';
import type { SocialEdges } from '../../domain.js';
import type { GraphRole, OrderBuyer, PurchaseRef, ScoredProduct } from '../../roles.js';
import { insertInBatches } from './bulk.js';
import {
  auditLines,
  hasLinesOf,
  loadLines,
  ordersWithLines,
  recordLines,
  removeLines,
} from './order-lines.js';
import type { Collections } from './schema.js';

/** Drops repeated pairs: follows and likes are sets, and a repeat would break the load on the unique index. */
function distinctPairs<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Products on the edges of `users`, scored by how many distinct of those users reach each; score desc, id asc. */
async function scoreByDistinctUsers<T extends Document>(
  edges: Collection<T>,
  match: Document,
  limit: number,
): Promise<ScoredProduct[]> {
  return edges
    .aggregate<ScoredProduct>([
      { $match: match },
      // One group per (product, user) first, so a user who bought a product twice counts once.
      { $group: { _id: { productId: '$productId', userId: '$userId' } } },
      { $group: { _id: '$_id.productId', score: { $sum: 1 } } },
      { $sort: { score: -1, _id: 1 } },
      { $limit: limit },
      { $project: { _id: 0, productId: '$_id', score: 1 } },
    ])
    .toArray();
}

export function mongoGraph(c: Collections): GraphRole {
  // Every edge of a chunk starts at one of its users, so a pair repeats only within a chunk.
  const loadSocial = async ({ follows, likes }: SocialEdges) => {
    await insertInBatches(
      c.follows,
      distinctPairs(follows, (f) => `${f.followerId}:${f.followeeId}`).map(({ followerId, followeeId }) => ({
        followerId,
        followeeId,
      })),
    );
    await insertInBatches(
      c.likes,
      distinctPairs(likes, (l) => `${l.userId}:${l.productId}`).map(({ userId, productId }) => ({
        userId,
        productId,
      })),
    );
  };
  return {
    // Users and products are not copied: the edges only need their ids, and the catalog holds the products.
    async loadGraph({ follows, likes, purchases }) {
      await loadSocial({ follows, likes });
      await loadLines(c.purchases, purchases);
    },

    // insertMany appends; the indexes exist from the schema, so a chunk is one more insert.
    loadPurchases: (orders) => loadLines(c.purchases, orders),

    loadSocial,

    recordPurchase: (order) => recordLines(c.purchases, order),
    removePurchase: (order) => removeLines(c.purchases, order.id),

    async alsoBought(productId, limit) {
      if (limit <= 0) return [];
      const buyers = await c.purchases.distinct('userId', { productId });
      if (buyers.length === 0) return [];
      return scoreByDistinctUsers(
        c.purchases,
        { userId: { $in: buyers }, productId: { $ne: productId } },
        limit,
      );
    },

    async friendsLiked(userId, limit) {
      if (limit <= 0) return [];
      const followed = await c.follows.distinct('followeeId', { followerId: userId });
      if (followed.length === 0) return [];
      return scoreByDistinctUsers(c.likes, { userId: { $in: followed } }, limit);
    },

    async recentPurchases(userId, limit) {
      if (limit <= 0) return [];
      return c.purchases
        .find<PurchaseRef>({ userId }, { projection: { _id: 0, orderId: 1, productId: 1 } })
        .sort({ createdAt: -1, orderId: -1, productId: 1 })
        .limit(limit)
        .toArray();
    },

    async following(userId, limit) {
      if (limit <= 0) return [];
      const rows = await c.follows
        .find({ followerId: userId }, { projection: { _id: 0, followeeId: 1 } })
        .sort({ followeeId: 1 })
        .limit(limit)
        .toArray();
      return rows.map((row) => row.followeeId);
    },

    // Two reads: the buyers since the bound, then their follower counts (no $lookup, as above).
    async orderBuyers(sinceEpochMs) {
      const orders = await c.purchases
        .aggregate<{ _id: string; userId: number }>([
          { $match: { createdAt: { $gte: sinceEpochMs } } },
          { $group: { _id: '$orderId', userId: { $first: '$userId' } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      const buyers = [...new Set(orders.map((o) => o.userId))];
      const counts =
        buyers.length === 0
          ? []
          : await c.follows
              .aggregate<{ _id: number; followers: number }>([
                { $match: { followeeId: { $in: buyers } } },
                { $group: { _id: '$followeeId', followers: { $sum: 1 } } },
              ])
              .toArray();
      const followersOf = new Map(counts.map((row) => [row._id, row.followers]));
      return orders.map((o): OrderBuyer => ({
        orderId: o._id,
        userId: o.userId,
        followers: followersOf.get(o.userId) ?? 0,
      }));
    },

    hasOrder: (orderId) => hasLinesOf(c.purchases, orderId),
    visibleOrders: (orderIds) => ordersWithLines(c.purchases, orderIds),
    auditOrders: () => auditLines(c.purchases),
  };
}
