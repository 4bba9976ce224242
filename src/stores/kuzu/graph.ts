// The graph role on Kuzu: the shared Cypher role (../cypher/graph.ts) over Kuzu's two lanes, writes on the writer
// and queries on the reader (see lane.ts), loaded with COPY FROM CSV.
import type { GraphRole } from '../../roles.js';
import { KUZU_DIALECT } from '../cypher/dialect.js';
import { cypherGraph } from '../cypher/graph.js';
import type { CypherSession } from '../cypher/session.js';
import { bulkLoadGraph, bulkLoadPurchases, bulkLoadSocial } from './bulk-load.js';
import type { KuzuLane } from './lane.js';

export function kuzuGraph(writer: KuzuLane, reader: KuzuLane): GraphRole {
  // Kuzu types parameters from the prepared statement, so values go in as they are.
  const session: CypherSession = {
    read: (query, params) => reader.query(query, params),
    write: (query, params) => writer.query(query, params),
  };
  return cypherGraph(session, KUZU_DIALECT, {
    graph: (data) => bulkLoadGraph(writer, data),
    purchases: (orders) => bulkLoadPurchases(writer, orders),
    social: (edges) => bulkLoadSocial(writer, edges),
  });
}
