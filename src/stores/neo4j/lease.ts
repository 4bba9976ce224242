// The namespace lease on Neo4j: one marker node, (:<namespace>_Lease {name: "lease"}), MERGEd so that only one of
// two runs creates it (a uniqueness constraint makes MERGE safe under concurrency where the store manages schema;
// without schema commands, as on Neptune, two runs starting in the same instant could both think they won).
// Rewrites and deletes match the holder's token, so a run never touches a successor's lease. On release the
// constraint goes too when no lease is left on it (the store leaves no schema behind); a run claiming in that very
// instant recreates it before its MERGE, so only a third run in the same instant could slip past it.
import { UserError } from '../../errors.js';
import { parseLeaseRecord, unknownHolder, type LeasePrimitive } from '../namespace-lease.js';
import type { Cypher } from './cypher.js';

export interface LeaseNames {
  label: string;
  constraint: string;
}

/** namespace: an identifier checked by neo4jSettings; "_Lease" is a suffix no other label of the store ends in. */
export function leaseNames(namespace: string): LeaseNames {
  return { label: `${namespace}_Lease`, constraint: `${namespace}_Lease_name_unique` };
}

export function neo4jLease(cypher: Cypher, names: LeaseNames, schema: boolean): LeasePrimitive {
  let constrained = false;
  return {
    async claim(mine) {
      if (schema && !constrained) {
        await cypher.write(
          `CREATE CONSTRAINT ${names.constraint} IF NOT EXISTS FOR (l:${names.label}) REQUIRE l.name IS UNIQUE`,
        );
        constrained = true;
      }
      const [record] = await cypher.write(
        `MERGE (l:${names.label} {name: 'lease'})
         ON CREATE SET l.token = $token, l.record = $record, l.renewedAt = $renewedAt
         RETURN l.token AS token, l.record AS record`,
        { token: mine.token, record: JSON.stringify(mine), renewedAt: mine.renewedAt },
      );
      if (record?.get('token') === mine.token) return 'claimed';
      if (!record) return null;
      return parseLeaseRecord(record.get('record')) ?? unknownHolder();
    },
    async renew(current, next) {
      const [record] = await cypher.write(
        `MATCH (l:${names.label} {name: 'lease', token: $token})
         SET l.record = $record, l.renewedAt = $renewedAt RETURN count(l) AS n`,
        { token: current.token, record: JSON.stringify(next), renewedAt: next.renewedAt },
      );
      return record?.get('n') === 1;
    },
    async breakStale(stale) {
      await cypher.write(
        `MATCH (l:${names.label} {name: 'lease', token: $token}) WHERE l.record = $record DELETE l`,
        {
          token: stale.token,
          record: JSON.stringify(stale),
        },
      );
    },
  };
}

/** Removes this holder's marker (after its data is gone); another holder's is never matched. */
export async function releaseNeo4jLease(
  cypher: Cypher,
  names: LeaseNames,
  token: string,
  schema: boolean,
): Promise<void> {
  await cypher.write(`MATCH (l:${names.label} {name: 'lease', token: $token}) DELETE l`, { token });
  if (!schema) return;
  const [left] = await cypher.read(`MATCH (l:${names.label}) RETURN count(l) AS n`);
  if (left?.get('n') === 0) await cypher.write(`DROP CONSTRAINT ${names.constraint} IF EXISTS`);
}

/**
 * An attached instance joins a namespace its owner holds: without the owner's marker there is nothing to join, and
 * writing anyway would leave nodes that no run deletes. A read only: the marker stays the owner's.
 */
export async function requireHeldNamespace(
  cypher: Cypher,
  names: LeaseNames,
  namespace: string,
  address: string,
): Promise<void> {
  const [record] = await cypher.read(`MATCH (l:${names.label} {name: 'lease'}) RETURN count(l) AS n`);
  if (Number(record?.get('n') ?? 0) === 0) {
    throw new UserError(
      `store neo4j at ${address}: cannot attach to namespace ${namespace}: no run holds it ` +
        '(attach joins an open store)',
    );
  }
}
