// Where Kuzu's and Neo4j's Cypher part ways for the graph role's queries, side by side. Everything else (MERGE for
// idempotent writes, UNWIND of list parameters, aggregation, ordering) is written once in queries.ts. Schema DDL
// and bulk loading differ wholesale and stay with each engine.
//
// The read queries start from one id lookup and expand from there. Neo4j needs that order spelled out: a plan
// made from stale statistics (right after a bulk load) otherwise joins or scans whole label indexes, so each step
// is passed on with WITH. Kuzu's optimizer finds the order on its own, and a WITH there materializes the rows
// between steps: measured with kuzu 0.11.3 on a synthetic graph of 200k BOUGHT edges, recentPurchases took 33 ms
// with WITH against 1.5 ms as one MATCH, friendsLiked 50 ms against 2.8 ms, alsoBought 92 ms against 17 ms.

/** The node labels and relationship types the queries name. */
export interface GraphLabels {
  user: string;
  product: string;
  follows: string;
  liked: string;
  bought: string;
}

/** One MATCH pattern of a read, and what the next step needs of it (a WITH list, DISTINCT allowed). */
export interface MatchStep {
  pattern: string;
  carry?: string;
}

export interface CypherDialect {
  /** How errors name the engine. */
  engine: string;
  labels: GraphLabels;
  /** The MATCH clause(s) of a read made of steps; a WHERE after it filters the last step. */
  chain(steps: readonly MatchStep[]): string;
  /** A predicate: node `node` is not the anchor node `anchor`, whose id is the parameter `anchorId`. */
  notAnchor(node: string, anchor: string, anchorId: string): string;
}

/** Kuzu's tables (kuzu/schema.ts) carry the plain names: the in-memory database holds one graph only. */
export const KUZU_DIALECT: CypherDialect = {
  engine: 'kuzu',
  labels: { user: 'User', product: 'Product', follows: 'FOLLOWS', liked: 'LIKED', bought: 'BOUGHT' },
  chain: (steps) => `MATCH ${steps.map((step) => step.pattern).join(', ')}`,
  // Comparing node identities costs Kuzu more than comparing ids (alsoBought: 23 ms against 17 ms, as above).
  notAnchor: (node, _anchor, anchorId) => `${node}.id <> $${anchorId}`,
};

/** Neo4j's labels are namespaced, since Community Edition's one database may hold other runs' graphs too. */
export function neo4jDialect(labels: GraphLabels): CypherDialect {
  return {
    engine: 'neo4j',
    labels,
    chain: (steps) =>
      steps
        .map((step, at) => {
          const next = at < steps.length - 1 && step.carry ? `\nWITH ${step.carry}` : '';
          return `MATCH ${step.pattern}${next}`;
        })
        .join('\n'),
    // A node identity test needs no property read.
    notAnchor: (node, anchor) => `${node} <> ${anchor}`,
  };
}
