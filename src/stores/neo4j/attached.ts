// A Neo4j instance attached to the namespace its owner (the main thread of `run --workers N`) created, loaded and
// leases: a driver of its own (its own connection pool) on the same labels and types, serving the graph role, and
// nothing else — no lease marker, no schema, no clean-up, no footprint; close() only closes the driver. The role
// keeps no state between calls: writes MERGE under the owner's uniqueness constraints, which hold across drivers as
// they do across one driver's connections.
import type { StoreAdapter } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { connectNeo4j } from './connect.js';
import { Cypher } from './cypher.js';
import { neo4jGraph } from './graph.js';
import { leaseNames, requireHeldNamespace } from './lease.js';
import { graphNames } from './names.js';
import type { Neo4jSettings, Neo4jTarget } from './settings.js';

export async function attachNeo4j(target: Neo4jTarget, settings: Neo4jSettings): Promise<StoreAdapter> {
  const { driver, version } = await connectNeo4j(target);
  const closeDriver = () =>
    withinDeadline(driver.close(), CLEANUP_DEADLINE_MS, `store neo4j at ${target.address}: disconnecting`);
  const cypher = new Cypher(driver);
  try {
    await requireHeldNamespace(cypher, leaseNames(settings.namespace), settings.namespace, target.address);
  } catch (error) {
    await closeDriver().catch(() => undefined);
    throw error;
  }
  let closed = false;
  return {
    kind: 'neo4j',
    info: { engine: 'Neo4j', version, embedded: false, address: target.address },
    roles: { graph: neo4jGraph(cypher, graphNames(settings.namespace), settings.schema) },
    async close() {
      if (closed) return;
      closed = true;
      await closeDriver();
    },
  };
}
