// The namespace lease on MongoDB: one document in a collection of the namespace's own database, inserted with a
// fixed _id (the unique _id index makes the insert the atomic "create if absent"). It lives inside the database
// the store drops on close, so releasing the lease and dropping the data are one dropDatabase: no instant exists
// in which a second run could take the lease while this one still has data to drop.
import type { Db } from 'mongodb';
import { UserError } from '../../errors.js';
import {
  parseLeaseRecord,
  unknownHolder,
  type LeasePrimitive,
  type LeaseRecord,
} from '../namespace-lease.js';

export const LEASE_COLLECTION = 'polyglot_bench_lease';
const LEASE_ID = 'lease';
const DUPLICATE_KEY = 11000;

interface LeaseDocument extends LeaseRecord {
  _id: string;
}

export function mongoLease(db: Db): LeasePrimitive {
  const leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  return {
    async claim(mine) {
      try {
        await leases.insertOne({ _id: LEASE_ID, ...mine });
        return 'claimed';
      } catch (error) {
        if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      }
      const stored = await leases.findOne({ _id: LEASE_ID });
      return stored === null ? null : (parseLeaseRecord(stored) ?? unknownHolder());
    },
    async renew(current, next) {
      const result = await leases.updateOne(
        { _id: LEASE_ID, token: current.token, renewedAt: current.renewedAt },
        { $set: { renewedAt: next.renewedAt } },
      );
      return result.matchedCount === 1;
    },
    async breakStale(stale) {
      await leases.deleteOne({ _id: LEASE_ID, token: stale.token, renewedAt: stale.renewedAt });
    },
  };
}

/** Leftovers of a run that did not close: every collection of the namespace but the lease, which is now ours. */
export async function dropLeftovers(db: Db): Promise<void> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    if (name !== LEASE_COLLECTION && !name.startsWith('system.')) await db.dropCollection(name);
  }
}

/**
 * An attached instance joins a database its owner holds: without the owner's lease document there is nothing to
 * join, and writing anyway would create a database (without indexes) that no one drops.
 */
export async function requireHeldDatabase(db: Db, address: string): Promise<void> {
  const lease = await db
    .collection<LeaseDocument>(LEASE_COLLECTION)
    .findOne({ _id: LEASE_ID }, { projection: { _id: 1 } });
  if (lease === null) {
    throw new UserError(
      `store mongodb at ${address}: cannot attach to namespace ${db.databaseName}: no run holds it ` +
        '(attach joins an open store)',
    );
  }
}
