// The graph role on Neo4j: the shared Cypher role (../cypher/graph.ts) with the namespace's labels and types,
// loaded over Bolt in batches, then with the planner's statistics refreshed.
import type { GraphRole } from '../../roles.js';
import { neo4jDialect } from '../cypher/dialect.js';
import { cypherGraph } from '../cypher/graph.js';
import { bulkLoadGraph, bulkLoadPurchases, bulkLoadSocial } from './bulk-load.js';
import { cypherSession, type Cypher } from './cypher.js';
import type { GraphNames } from './names.js';
import { refreshPlannerStatistics } from './schema.js';

/** schema: the server has Neo4j's schema and index procedures (settings.schema). */
export function neo4jGraph(cypher: Cypher, names: GraphNames, schema: boolean): GraphRole {
  return cypherGraph(cypherSession(cypher), neo4jDialect(names), {
    async graph(data) {
      await bulkLoadGraph(cypher, names, data);
      if (schema) await refreshPlannerStatistics(cypher);
    },
    // Each chunk moves the edge counts the planner costs the graph's queries with: statistics follow every chunk.
    async purchases(orders) {
      await bulkLoadPurchases(cypher, names, orders);
      if (schema) await refreshPlannerStatistics(cypher);
    },
    async social(edges) {
      await bulkLoadSocial(cypher, names, edges);
      if (schema) await refreshPlannerStatistics(cypher);
    },
  });
}
