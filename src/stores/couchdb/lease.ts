// The namespace lease on CouchDB: a document "holder" in a third database of the namespace, <namespace>_lease.
// Creating a document without a _rev is CouchDB's atomic "create if absent" (409 when it exists), and rewriting or
// deleting it needs the _rev read before, so a run never touches a successor's lease. Releasing deletes the whole
// lease database after the data databases are gone: a second run's claim either meets the holder's document
// (refused) or no database at all (it creates one and takes the namespace).
import type nano from 'nano';
import {
  parseLeaseRecord,
  unknownHolder,
  type LeasePrimitive,
  type LeaseRecord,
} from '../namespace-lease.js';
import { httpStatus, isConflict, isNotFound } from './http-status.js';

const HOLDER = 'holder';

export function leaseDatabase(namespace: string): string {
  return `${namespace}_lease`;
}

interface HolderDocument extends LeaseRecord {
  _id: string;
  _rev?: string;
}

export function couchLease(client: nano.ServerScope, namespace: string): LeasePrimitive {
  const name = leaseDatabase(namespace);
  const db = client.use<HolderDocument>(name);
  const read = async (): Promise<HolderDocument | null> => {
    try {
      return await db.get(HOLDER);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };
  return {
    async claim(mine) {
      try {
        await client.db.create(name);
      } catch (error) {
        // 412: it exists already, which is the usual case when someone holds the namespace.
        if (httpStatus(error) !== 412) throw error;
      }
      try {
        await db.insert({ _id: HOLDER, ...mine });
        return 'claimed';
      } catch (error) {
        // 404: the holder deleted the lease database in between (closing); the caller tries again.
        if (isNotFound(error)) return null;
        if (!isConflict(error)) throw error;
      }
      const stored = await read();
      return stored === null ? null : (parseLeaseRecord(stored) ?? unknownHolder());
    },
    async renew(current, next) {
      const stored = await read();
      if (!stored?._rev || stored.token !== current.token) return false;
      try {
        await db.insert({ ...next, _id: HOLDER, _rev: stored._rev });
        return true;
      } catch (error) {
        if (isConflict(error) || isNotFound(error)) return false;
        throw error;
      }
    },
    async breakStale(stale) {
      const stored = await read();
      if (!stored?._rev || stored.token !== stale.token || stored.renewedAt !== stale.renewedAt) return;
      await db.destroy(HOLDER, stored._rev).catch((error: unknown) => {
        if (!isConflict(error) && !isNotFound(error)) throw error;
      });
    },
  };
}

/** Deletes the lease database (the holder's last step on close); one already gone is fine. */
export async function releaseCouchLease(client: nano.ServerScope, namespace: string): Promise<void> {
  try {
    await client.db.destroy(leaseDatabase(namespace));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
