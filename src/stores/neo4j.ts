// Neo4j as the polyglot layout's graph store: the networked server the embedded Kuzu store stands in for, reached
// over Bolt with neo4j-driver. Community Edition has a single user database, so the store's namespace lives in its
// labels and relationship types (polyglot_bench_User, polyglot_bench_BOUGHT): it deletes only those, at create
// (leftovers of a run that did not close) and at close, under a lease (neo4j/lease.ts) that keeps a second run on
// the same namespace from deleting this one's graph. An attached instance (neo4j/attached.ts, a worker thread of
// `run --workers N`) serves the graph role on that namespace and leaves all of this to its owner.
import { UserError, errorMessage } from '../errors.js';
import { attachNeo4j } from './neo4j/attached.js';
import { Cypher } from './neo4j/cypher.js';
import { connectNeo4j } from './neo4j/connect.js';
import { neo4jFootprint } from './neo4j/footprint.js';
import { neo4jGraph } from './neo4j/graph.js';
import { leaseNames, neo4jLease, releaseNeo4jLease } from './neo4j/lease.js';
import { graphNames } from './neo4j/names.js';
import { createSchema, dropNamespace } from './neo4j/schema.js';
import { DEFAULT_NEO4J_URL, neo4jSettings, neo4jTarget } from './neo4j/settings.js';
import { acquireLease, type NamespaceLease } from './namespace-lease.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from './within-deadline.js';

export { DEFAULT_NEO4J_URL } from './neo4j/settings.js';

export const neo4jFactory: StoreFactory = {
  kind: 'neo4j',
  roles: ['graph'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const settings = neo4jSettings(options.settings);
    const target = neo4jTarget(options.url ?? DEFAULT_NEO4J_URL);
    // A worker thread's instance (`run --workers N`): the owner below holds, resets and deletes the namespace.
    if (options.attach) return attachNeo4j(target, settings);
    const { driver, version } = await connectNeo4j(target);
    const cypher = new Cypher(driver);
    const names = graphNames(settings.namespace);
    const lease = leaseNames(settings.namespace);
    let held: NamespaceLease;
    try {
      held = await acquireLease(
        { store: `store neo4j at ${target.address}`, namespace: settings.namespace },
        neo4jLease(cypher, lease, settings.schema),
      );
    } catch (error) {
      await driver.close().catch(() => undefined);
      if (error instanceof UserError) throw error;
      throw schemaFailure(target.address, settings.schema, error);
    }
    try {
      await dropNamespace(cypher, names, settings.schema);
      if (settings.schema) await createSchema(cypher, names);
    } catch (error) {
      held.stop();
      await releaseNeo4jLease(cypher, lease, held.record.token, settings.schema).catch(() => undefined);
      await driver.close().catch(() => undefined);
      throw schemaFailure(target.address, settings.schema, error);
    }

    let closed = false;
    return {
      kind: 'neo4j',
      info: { engine: 'Neo4j', version, embedded: false, address: target.address },
      roles: { graph: neo4jGraph(cypher, names, settings.schema) },
      footprint: () => neo4jFootprint(cypher, names),
      async close() {
        if (closed) return;
        closed = true;
        held.stop();
        try {
          // A run whose lease was taken over as stale deletes nothing: the graph is the successor's now.
          if (held.stillOurs()) {
            const cleanup = async () => {
              await dropNamespace(cypher, names, settings.schema);
              await releaseNeo4jLease(cypher, lease, held.record.token, settings.schema);
            };
            await withinDeadline(
              cleanup(),
              CLEANUP_DEADLINE_MS,
              `store neo4j at ${target.address}: clean-up`,
            );
          }
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
