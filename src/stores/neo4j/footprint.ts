// What Neo4j can say about the tool's graph. Its store sizes are per database, and Community Edition has one user
// database that the namespace shares with whatever else lives there, so a byte figure would not be the tool's:
// the size stays unreported, and the source gives the namespace's own node and relationship counts instead.
import type { StoreFootprint } from '../types.js';
import type { Cypher } from './cypher.js';
import type { GraphNames } from './names.js';

export async function neo4jFootprint(cypher: Cypher, names: GraphNames): Promise<StoreFootprint> {
  const count = async (query: string): Promise<number> => {
    const [record] = await cypher.read(query);
    return Number(record?.get('n') ?? 0);
  };
  const nodes =
    (await count(`MATCH (u:${names.user}) RETURN count(u) AS n`)) +
    (await count(`MATCH (p:${names.product}) RETURN count(p) AS n`));
  let relationships = 0;
  for (const type of [names.follows, names.liked, names.bought]) {
    relationships += await count(`MATCH ()-[r:${type}]->() RETURN count(r) AS n`);
  }
  return {
    dataBytes: null,
    source:
      `not reported: Neo4j sizes its stores per database, which the namespace shares ` +
      `(the namespace holds ${nodes} nodes, ${relationships} relationships)`,
  };
}
