// The namespace's schema and its clean-up. Uniqueness constraints on User.id and Product.id make MERGE on them both
// an index seek and safe under concurrency; the index on BOUGHT.orderId serves hasOrder. Clean-up deletes only
// nodes and relationships carrying the namespace's own labels and types, in batches (one transaction per batch
// keeps the transaction state small whatever the graph's size), then drops the schema on them.
import type { Cypher } from './cypher.js';
import { ownedTokens, type GraphNames } from './names.js';

const DELETE_BATCH = 10_000;

export async function createSchema(cypher: Cypher, names: GraphNames): Promise<void> {
  await cypher.write(
    `CREATE CONSTRAINT ${names.userIdConstraint} IF NOT EXISTS FOR (u:${names.user}) REQUIRE u.id IS UNIQUE`,
  );
  await cypher.write(
    `CREATE CONSTRAINT ${names.productIdConstraint} IF NOT EXISTS FOR (p:${names.product}) REQUIRE p.id IS UNIQUE`,
  );
  await cypher.write(
    `CREATE INDEX ${names.boughtOrderIndex} IF NOT EXISTS FOR ()-[b:${names.bought}]-() ON (b.orderId)`,
  );
  // Indexes are built in the background; the first load must not run against one still populating.
  await cypher.write('CALL db.awaitIndexes(300)');
}

/**
 * Makes the planner see the graph just loaded. Index statistics were sampled when the indexes were empty, and
 * against those a unique-index seek looks no cheaper than scanning the whole index: measured after loading the
 * black-friday dataset, User lookups scanned all 5,000 entries and hasOrder switched between a seek (16 db hits
 * for 8 calls) and a scan of every BOUGHT edge (207,569). prepareForReplanning resamples, waits, and drops cached
 * plans. It needs an admin; a plain user gets the resampling scheduled instead (the planner catches up on its own
 * later), and a failure there costs only speed, so it is not an error.
 */
export async function refreshPlannerStatistics(cypher: Cypher): Promise<void> {
  try {
    await cypher.read('CALL db.prepareForReplanning(300)');
  } catch {
    await cypher.read('CALL db.resampleOutdatedIndexes()').catch(() => undefined);
  }
}

/** Deletes the namespace's graph and, when the store manages schema, every constraint and index on its names. */
export async function dropNamespace(cypher: Cypher, names: GraphNames, schema: boolean): Promise<void> {
  // Relationships first, by type: deleting a node with a million BOUGHT edges in one go would be one huge
  // transaction. DETACH covers relationships of types not ours attached to our nodes by someone else.
  for (const type of [names.bought, names.liked, names.follows]) {
    await deleteInBatches(
      cypher,
      `MATCH ()-[r:${type}]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS n`,
    );
  }
  for (const label of [names.user, names.product]) {
    await deleteInBatches(
      cypher,
      `MATCH (n:${label}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`,
    );
  }
  if (schema) await dropSchema(cypher, names);
}

async function deleteInBatches(cypher: Cypher, query: string): Promise<void> {
  for (;;) {
    const [record] = await cypher.write(query, { batch: DELETE_BATCH });
    const deleted: unknown = record?.get('n');
    if (typeof deleted !== 'number' || deleted < DELETE_BATCH) return;
  }
}

// By what they are on rather than by the names createSchema gives them, so a constraint or index an older version
// of the tool named differently is dropped too. Constraints first: their backing indexes go with them.
async function dropSchema(cypher: Cypher, names: GraphNames): Promise<void> {
  const tokens = ownedTokens(names);
  const constraints = await cypher.read(
    'SHOW CONSTRAINTS YIELD name, labelsOrTypes WHERE any(t IN labelsOrTypes WHERE t IN $tokens) RETURN name',
    { tokens },
  );
  for (const record of constraints)
    await cypher.write(`DROP CONSTRAINT ${quoted(record.get('name'))} IF EXISTS`);
  const indexes = await cypher.read(
    `SHOW INDEXES YIELD name, labelsOrTypes, owningConstraint
     WHERE owningConstraint IS NULL AND any(t IN coalesce(labelsOrTypes, []) WHERE t IN $tokens)
     RETURN name`,
    { tokens },
  );
  for (const record of indexes) await cypher.write(`DROP INDEX ${quoted(record.get('name'))} IF EXISTS`);
}

/** A schema name as the server reported it, backquoted (a name another tool gave may hold any character). */
function quoted(name: unknown): string {
  return '`' + String(name).replaceAll('`', '``') + '`';
}
