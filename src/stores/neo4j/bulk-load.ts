// Neo4j's bulk path over Bolt: UNWIND a batch of rows per write transaction. One statement per node or edge would
// cost a round trip each; one transaction for everything would hold the whole dataset in transaction state.
// Nodes are MERGEd (an index seek under the uniqueness constraints), so an edge whose endpoint the node lists lack
// still lands, as it would through recordPurchase, instead of being dropped by a MATCH that finds nothing.
import type { Order, SocialEdges } from '../../domain.js';
import type { GraphData } from '../../roles.js';
import { purchaseLinesOfOrders } from '../purchase-lines.js';
import type { Cypher, CypherValue } from './cypher.js';
import type { GraphNames } from './names.js';

export const LOAD_BATCH = 5_000;

export async function bulkLoadGraph(cypher: Cypher, names: GraphNames, data: GraphData): Promise<void> {
  const { user, product } = names;
  // Nodes before the edges that point at them (the edge statements would create them otherwise, without
  // categoryId).
  await inBatches(
    cypher,
    `UNWIND $rows AS row MERGE (:${user} {id: row.id})`,
    data.users.map((each) => ({ id: each.id })),
  );
  await inBatches(
    cypher,
    `UNWIND $rows AS row MERGE (p:${product} {id: row.id}) SET p.categoryId = row.categoryId`,
    data.products.map((each) => ({ id: each.id, categoryId: each.categoryId })),
  );
  await bulkLoadSocial(cypher, names, data);
  await bulkLoadPurchases(cypher, names, data.purchases);
}

/** Follows and likes, appended: also one chunk of users after the graph is loaded. */
export async function bulkLoadSocial(cypher: Cypher, names: GraphNames, edges: SocialEdges): Promise<void> {
  const { user, product, follows, liked } = names;
  await inBatches(
    cypher,
    `UNWIND $rows AS row
     MERGE (a:${user} {id: row.from}) MERGE (b:${user} {id: row.to})
     CREATE (a)-[:${follows}]->(b)`,
    edges.follows.map((each) => ({ from: each.followerId, to: each.followeeId })),
  );
  await inBatches(
    cypher,
    `UNWIND $rows AS row
     MERGE (u:${user} {id: row.userId}) MERGE (p:${product} {id: row.productId})
     CREATE (u)-[:${liked}]->(p)`,
    edges.likes.map((each) => ({ userId: each.userId, productId: each.productId })),
  );
}

/** Purchase edges, appended: also one chunk of the history after the graph is loaded. */
export async function bulkLoadPurchases(
  cypher: Cypher,
  names: GraphNames,
  orders: readonly Order[],
): Promise<void> {
  const { user, product, bought } = names;
  // purchaseLinesOfOrders yields each (order, product) once, so CREATE cannot duplicate a BOUGHT edge here.
  await inBatches(
    cypher,
    `UNWIND $rows AS row
     MERGE (u:${user} {id: row.userId})
     MERGE (p:${product} {id: row.productId}) ON CREATE SET p.categoryId = row.categoryId
     CREATE (u)-[:${bought} {orderId: row.orderId, quantity: row.quantity, createdAt: row.createdAt}]->(p)`,
    purchaseLinesOfOrders(orders).map((line) => ({
      userId: line.userId,
      productId: line.productId,
      categoryId: line.categoryId,
      orderId: line.orderId,
      quantity: line.quantity,
      createdAt: line.createdAt,
    })),
  );
}

async function inBatches(
  cypher: Cypher,
  query: string,
  rows: ReadonlyArray<{ [key: string]: CypherValue }>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += LOAD_BATCH) {
    await cypher.write(query, { rows: rows.slice(start, start + LOAD_BATCH) });
  }
}
