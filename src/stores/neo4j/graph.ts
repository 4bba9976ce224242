// The graph role on Neo4j: the answers of the embedded Kuzu store, in Cypher shaped for Neo4j's planner, with the
// namespace's labels and types.
// Scores count distinct users (a user who bought a product in two orders counts once); ties go to the lower
// productId.
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { GraphRole, OrderAudit, PurchaseRef, ScoredProduct } from '../../roles.js';
import { purchaseLines } from '../purchase-lines.js';
import { bulkLoadGraph } from './bulk-load.js';
import { intField, stringField, type Cypher } from './cypher.js';
import type { GraphNames } from './names.js';
import { refreshPlannerStatistics } from './schema.js';

interface GraphQueries {
  recordPurchase: string;
  alsoBought: string;
  friendsLiked: string;
  recentPurchases: string;
  hasOrder: string;
  auditOrders: string;
}

function graphQueries({ user, product, follows, liked, bought }: GraphNames): GraphQueries {
  return {
    // One statement per order, so its edges land all or nothing. MERGE on (user, product, orderId) makes a repeated
    // order a no-op, also when copies run concurrently: with both endpoints bound, Neo4j plans the relationship
    // MERGE as MergeInto, which locks the two nodes and looks again before creating (and the driver retries the
    // deadlocks that locking can cause). Users and products are merged too, so an order for someone the loaded
    // graph does not know still leaves its edges rather than silently matching nothing.
    recordPurchase: `
      UNWIND $lines AS line
      MERGE (u:${user} {id: $userId})
      MERGE (p:${product} {id: line.productId})
        ON CREATE SET p.categoryId = line.categoryId
      MERGE (u)-[b:${bought} {orderId: $orderId}]->(p)
        ON CREATE SET b.quantity = line.quantity, b.createdAt = $createdAt`,
    // Shaped so that a plan made from stale statistics (right after a bulk load, when refreshPlannerStatistics
    // could not run) stays reasonable: each query starts from its one id lookup, passed on with WITH, and the far
    // ends stay unlabelled, since the namespaced relationship types already say what they are and a label there
    // invites a scan of that label's index. Measured with stale statistics on the black-friday dataset (Neo4j 5.26,
    // 8 products): Kuzu's one-pattern alsoBought took 814k db hits (a hash join over every product's BOUGHT edges),
    // a variant with labelled far ends 769M (an index scan per buyer), this one 277k. Buyers are made distinct
    // before their purchases are expanded: someone who bought productId in k orders would otherwise carry each of
    // their purchases k times into the count.
    alsoBought: `
      MATCH (p:${product} {id: $productId})
      WITH p
      MATCH (p)<-[:${bought}]-(buyer)
      WITH DISTINCT p, buyer
      MATCH (buyer)-[:${bought}]->(other)
      WHERE other <> p
      RETURN other.id AS productId, count(DISTINCT buyer) AS score
      ORDER BY score DESC, productId ASC
      LIMIT $limit`,
    friendsLiked: `
      MATCH (me:${user} {id: $userId})
      WITH me
      MATCH (me)-[:${follows}]->(friend)-[:${liked}]->(p)
      RETURN p.id AS productId, count(DISTINCT friend) AS score
      ORDER BY score DESC, productId ASC
      LIMIT $limit`,
    recentPurchases: `
      MATCH (u:${user} {id: $userId})
      WITH u
      MATCH (u)-[b:${bought}]->(p)
      RETURN b.orderId AS orderId, p.id AS productId
      ORDER BY b.createdAt DESC, b.orderId DESC, p.id ASC
      LIMIT $limit`,
    // A seek on the BOUGHT.orderId index (when the schema is on).
    hasOrder: `
      MATCH ()-[b:${bought}]->()
      WHERE b.orderId = $orderId
      RETURN b.orderId AS orderId
      LIMIT 1`,
    auditOrders: `
      MATCH ()-[b:${bought}]->()
      RETURN b.orderId AS orderId, count(*) AS rows, sum(b.quantity) AS units
      ORDER BY orderId`,
  };
}

/** schema: the server has Neo4j's schema and index procedures (settings.schema). */
export function neo4jGraph(cypher: Cypher, names: GraphNames, schema: boolean): GraphRole {
  const queries = graphQueries(names);
  return {
    async loadGraph(data) {
      await bulkLoadGraph(cypher, names, data);
      if (schema) await refreshPlannerStatistics(cypher);
    },

    async recordPurchase(order) {
      const lines = purchaseLines(order).map(({ productId, categoryId, quantity }) => ({
        productId,
        categoryId,
        quantity,
      }));
      if (lines.length === 0) return;
      await cypher.write(queries.recordPurchase, {
        userId: order.userId,
        orderId: order.id,
        createdAt: order.createdAt,
        lines,
      });
    },

    async alsoBought(productId, limit) {
      if (limit <= 0) return [];
      return (await cypher.read(queries.alsoBought, { productId, limit })).map(scored);
    },

    async friendsLiked(userId, limit) {
      if (limit <= 0) return [];
      return (await cypher.read(queries.friendsLiked, { userId, limit })).map(scored);
    },

    async recentPurchases(userId, limit) {
      if (limit <= 0) return [];
      const records = await cypher.read(queries.recentPurchases, { userId, limit });
      return records.map((record): PurchaseRef => ({
        orderId: stringField(record, 'orderId'),
        productId: intField(record, 'productId'),
      }));
    },

    async hasOrder(orderId) {
      return (await cypher.read(queries.hasOrder, { orderId })).length > 0;
    },

    async auditOrders() {
      const records = await cypher.read(queries.auditOrders);
      return records.map((record): OrderAudit => ({
        orderId: stringField(record, 'orderId'),
        rows: intField(record, 'rows'),
        units: intField(record, 'units'),
      }));
    },
  };
}

function scored(record: Neo4jRecord): ScoredProduct {
  return { productId: intField(record, 'productId'), score: intField(record, 'score') };
}
