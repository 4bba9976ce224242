// The graph role's statements, written once for every Cypher engine; the dialect fills in labels and the few
// places where engines need different text.
// Scores count distinct users (a user who bought a product in two orders counts once); ties go to the lower
// productId.
import type { CypherDialect } from './dialect.js';

export interface GraphQueries {
  recordPurchase: string;
  removePurchase: string;
  alsoBought: string;
  friendsLiked: string;
  recentPurchases: string;
  following: string;
  orderBuyers: string;
  hasOrder: string;
  visibleOrders: string;
  auditOrders: string;
}

export function graphQueries({ labels, chain, notAnchor }: CypherDialect): GraphQueries {
  const { user, product, follows, liked, bought } = labels;
  return {
    // One statement per order, so its edges land all or nothing. MERGE on (user, product, orderId) makes a repeated
    // order a no-op, also when copies run concurrently: Kuzu runs one write at a time; Neo4j, with both endpoints
    // bound, plans the relationship MERGE as MergeInto, which locks the two nodes and looks again before creating
    // (and its driver retries the deadlocks that locking can cause). Users and products are merged too, so an order
    // for someone the loaded graph does not know still leaves its edges rather than silently matching nothing.
    recordPurchase: `
      UNWIND $lines AS line
      MERGE (u:${user} {id: $userId})
      MERGE (p:${product} {id: line.productId})
        ON CREATE SET p.categoryId = line.categoryId
      MERGE (u)-[b:${bought} {orderId: $orderId}]->(p)
        ON CREATE SET b.quantity = line.quantity, b.createdAt = $createdAt`,
    // A compensated checkout: its edges go, the users and products stay (others' edges may reach them). Found as
    // hasOrder finds them.
    removePurchase: `
      MATCH ()-[b:${bought}]->()
      WHERE b.orderId = $orderId
      DELETE b`,
    // Each read starts from its one id lookup, and the far ends stay unlabelled: the relationship types already say
    // what they are, and on Neo4j a label there invites a scan of that label's index. Measured with stale
    // statistics on the black-friday dataset (Neo4j 5.26, 8 products): a one-pattern alsoBought took 814k db hits
    // (a hash join over every product's BOUGHT edges), a variant with labelled far ends 769M (an index scan per
    // buyer), this one 277k. Buyers are made distinct before their purchases are expanded: someone who bought
    // productId in k orders would otherwise carry each of their purchases k times into the count.
    alsoBought: `
      ${chain([
        { pattern: `(p:${product} {id: $productId})`, carry: 'p' },
        { pattern: `(p)<-[:${bought}]-(buyer)`, carry: 'DISTINCT p, buyer' },
        { pattern: `(buyer)-[:${bought}]->(other)` },
      ])}
      WHERE ${notAnchor('other', 'p', 'productId')}
      RETURN other.id AS productId, count(DISTINCT buyer) AS score
      ORDER BY score DESC, productId ASC
      LIMIT $limit`,
    friendsLiked: `
      ${chain([
        { pattern: `(me:${user} {id: $userId})`, carry: 'me' },
        { pattern: `(me)-[:${follows}]->(friend)-[:${liked}]->(p)` },
      ])}
      RETURN p.id AS productId, count(DISTINCT friend) AS score
      ORDER BY score DESC, productId ASC
      LIMIT $limit`,
    recentPurchases: `
      ${chain([{ pattern: `(u:${user} {id: $userId})`, carry: 'u' }, { pattern: `(u)-[b:${bought}]->(p)` }])}
      RETURN b.orderId AS orderId, p.id AS productId
      ORDER BY b.createdAt DESC, b.orderId DESC, p.id ASC
      LIMIT $limit`,
    following: `
      ${chain([{ pattern: `(me:${user} {id: $userId})`, carry: 'me' }, { pattern: `(me)-[:${follows}]->(f)` }])}
      RETURN f.id AS userId
      ORDER BY userId ASC
      LIMIT $limit`,
    // The buyer of each order since the bound (one per order), then how many follow them.
    orderBuyers: `
      MATCH (u:${user})-[b:${bought}]->()
      WHERE b.createdAt >= $since
      WITH DISTINCT b.orderId AS orderId, u
      OPTIONAL MATCH (fan)-[:${follows}]->(u)
      RETURN orderId, u.id AS userId, count(fan) AS followers
      ORDER BY orderId`,
    // On Neo4j a seek on the BOUGHT.orderId index (when the schema is on). Kuzu has no index on edge properties,
    // so there it scans the BOUGHT edges, stopping at the first match.
    hasOrder: `
      MATCH ()-[b:${bought}]->()
      WHERE b.orderId = $orderId
      RETURN b.orderId AS orderId
      LIMIT 1`,
    // The batched hasOrder: an IN list, which Neo4j answers with one seek per listed id on that index, and
    // Kuzu with one scan of the BOUGHT edges for the whole list instead of one per id.
    visibleOrders: `
      MATCH ()-[b:${bought}]->()
      WHERE b.orderId IN $orderIds
      RETURN DISTINCT b.orderId AS orderId`,
    auditOrders: `
      MATCH ()-[b:${bought}]->()
      RETURN b.orderId AS orderId, count(*) AS rows, sum(b.quantity) AS units
      ORDER BY orderId`,
  };
}
