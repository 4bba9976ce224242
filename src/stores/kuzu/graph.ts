// The graph role on Kuzu, in Cypher as it would be written for Neo4j. Scores count distinct users (a user who
// bought a product in two orders counts once), ties go to the lower productId. Writes use the writer lane,
// queries the reader lane (see lane.ts).
import type { GraphRole, OrderAudit, PurchaseRef, ScoredProduct } from '../../roles.js';
import { purchaseLines } from '../purchase-lines.js';
import { bulkLoadGraph } from './bulk-load.js';
import type { KuzuRow } from './driver.js';
import type { KuzuLane } from './lane.js';

// One statement per order, so its edges land all or nothing. MERGE on (user, product, orderId) makes a repeated
// order a no-op; users and products are merged too, so an order for someone the loaded graph does not know
// still leaves its edges rather than silently matching nothing.
const RECORD_PURCHASE = `
UNWIND $lines AS line
MERGE (u:User {id: $userId})
MERGE (p:Product {id: line.productId})
  ON CREATE SET p.categoryId = line.categoryId
MERGE (u)-[b:BOUGHT {orderId: $orderId}]->(p)
  ON CREATE SET b.quantity = line.quantity, b.createdAt = $createdAt`;

const ALSO_BOUGHT = `
MATCH (p:Product {id: $productId})<-[:BOUGHT]-(u:User)-[:BOUGHT]->(other:Product)
WHERE other.id <> $productId
RETURN other.id AS productId, count(DISTINCT u) AS score
ORDER BY score DESC, productId ASC
LIMIT $limit`;

const FRIENDS_LIKED = `
MATCH (me:User {id: $userId})-[:FOLLOWS]->(friend:User)-[:LIKED]->(p:Product)
RETURN p.id AS productId, count(DISTINCT friend) AS score
ORDER BY score DESC, productId ASC
LIMIT $limit`;

const RECENT_PURCHASES = `
MATCH (u:User {id: $userId})-[b:BOUGHT]->(p:Product)
RETURN b.orderId AS orderId, p.id AS productId
ORDER BY b.createdAt DESC, b.orderId DESC, p.id ASC
LIMIT $limit`;

// Kuzu has no index on edge properties, so this scans the BOUGHT edges (stopping at the first match).
const HAS_ORDER = `
MATCH ()-[b:BOUGHT]->()
WHERE b.orderId = $orderId
RETURN b.orderId
LIMIT 1`;

const AUDIT_ORDERS = `
MATCH ()-[b:BOUGHT]->()
RETURN b.orderId AS orderId, count(*) AS rows, sum(b.quantity) AS units
ORDER BY orderId`;

export function kuzuGraph(writer: KuzuLane, reader: KuzuLane): GraphRole {
  return {
    async loadGraph(data) {
      await bulkLoadGraph(writer, data);
    },

    async recordPurchase(order) {
      const lines = purchaseLines(order).map(({ productId, categoryId, quantity }) => ({
        productId,
        categoryId,
        quantity,
      }));
      if (lines.length === 0) return;
      await writer.query(RECORD_PURCHASE, {
        userId: order.userId,
        orderId: order.id,
        createdAt: order.createdAt,
        lines,
      });
    },

    async alsoBought(productId, limit) {
      if (limit <= 0) return [];
      return (await reader.query(ALSO_BOUGHT, { productId, limit })).map(scored);
    },

    async friendsLiked(userId, limit) {
      if (limit <= 0) return [];
      return (await reader.query(FRIENDS_LIKED, { userId, limit })).map(scored);
    },

    async recentPurchases(userId, limit) {
      if (limit <= 0) return [];
      const rows = await reader.query(RECENT_PURCHASES, { userId, limit });
      return rows.map((row): PurchaseRef => ({
        orderId: String(row['orderId']),
        productId: int(row, 'productId'),
      }));
    },

    async hasOrder(orderId) {
      return (await reader.query(HAS_ORDER, { orderId })).length > 0;
    },

    async auditOrders() {
      const rows = await reader.query(AUDIT_ORDERS);
      return rows.map((row): OrderAudit => ({
        orderId: String(row['orderId']),
        rows: int(row, 'rows'),
        units: int(row, 'units'),
      }));
    },
  };
}

function scored(row: KuzuRow): ScoredProduct {
  return { productId: int(row, 'productId'), score: int(row, 'score') };
}

/** An integer column as a JS number: Kuzu returns INT64 as number but sums (INT128) as bigint. */
function int(row: KuzuRow, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`kuzu: expected an integer in column ${column}, got ${String(value)}`);
}
