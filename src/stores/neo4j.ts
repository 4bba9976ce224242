// Neo4j as the polyglot layout's graph store: the networked server the embedded Kuzu store stands in for, reached
// over Bolt with neo4j-driver. Community Edition has a single user database, so the store's namespace lives in its
// labels and relationship types (polyglot_bench_User, polyglot_bench_BOUGHT): it deletes only those, at create
// (leftovers of a run that did not close) and at close.
import { UserError, errorMessage } from '../errors.js';
import { Cypher } from './neo4j/cypher.js';
import { connectNeo4j } from './neo4j/connect.js';
import { neo4jGraph } from './neo4j/graph.js';
import { graphNames } from './neo4j/names.js';
import { createSchema, dropNamespace } from './neo4j/schema.js';
import { DEFAULT_NEO4J_URL, neo4jSettings, neo4jTarget } from './neo4j/settings.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';

export { DEFAULT_NEO4J_URL } from './neo4j/settings.js';

export const neo4jFactory: StoreFactory = {
  kind: 'neo4j',
  roles: ['graph'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const settings = neo4jSettings(options.settings);
    const target = neo4jTarget(options.url ?? DEFAULT_NEO4J_URL);
    const { driver, version } = await connectNeo4j(target);
    const cypher = new Cypher(driver);
    const names = graphNames(settings.namespace);
    try {
      await dropNamespace(cypher, names, settings.schema);
      if (settings.schema) await createSchema(cypher, names);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw schemaFailure(target.address, settings.schema, error);
    }

    let closed = false;
    return {
      kind: 'neo4j',
      info: { engine: 'Neo4j', version, embedded: false, address: target.address },
      roles: { graph: neo4jGraph(cypher, names, settings.schema) },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await dropNamespace(cypher, names, settings.schema);
        } finally {
          await driver.close();
        }
      },
    };
  },
};

/** Setting up runs before any measurement: a failure there is the user's to fix (permissions, a server without
 * Neo4j's schema commands), so it is one line naming the store. */
function schemaFailure(address: string, schema: boolean, cause: unknown): UserError {
  const hint = schema
    ? " (a server without Neo4j's schema commands, such as Neptune, needs settings.schema: false)"
    : '';
  return new UserError(
    `store neo4j at ${address}: preparing the namespace failed: ${errorMessage(cause).split('\n')[0]}${hint}`,
  );
}
