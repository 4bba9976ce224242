// A CouchDB instance attached to the databases its owner (the main thread of `run --workers N`) created, loaded and
// leases: a client of its own on the same two databases, serving the same roles, and nothing else — no lease, no
// database or index created or deleted, no footprint. The roles keep no state between calls (ids are the documents'
// own, a second insert of an order is CouchDB's 409), so instances can share the databases at once.
import type nano from 'nano';
import { UserError } from '../../errors.js';
import type { StoreAdapter } from '../types.js';
import { couchCatalog } from './catalog.js';
import { connectCouch } from './connect.js';
import { couchNamespace, databaseNames } from './databases.js';
import { isNotFound } from './http-status.js';
import { couchOrders } from './orders.js';
import { serverVersion } from './server-info.js';

export async function attachCouch(
  url: string,
  address: string,
  settings: Record<string, unknown> | undefined,
): Promise<StoreAdapter> {
  const namespace = couchNamespace(settings);
  const { client, welcome } = await connectCouch(url, address);
  const version = serverVersion(welcome, address);
  const names = databaseNames(namespace);
  for (const name of Object.values(names)) await requireDatabase(client, name, address, namespace);
  return {
    kind: 'couchdb',
    info: { engine: 'CouchDB', version, embedded: false, address },
    roles: {
      catalog: couchCatalog(client.use<unknown>(names.catalog)),
      orders: couchOrders(client.use<unknown>(names.orders)),
    },
    // nano holds no connections of its own (each request goes through the thread's fetch): nothing to release.
    async close() {},
  };
}

/**
 * Attaching joins databases an owner created: writing to one that is missing would only fail later, one role call
 * at a time, so the absence is said once here.
 */
async function requireDatabase(
  client: nano.ServerScope,
  name: string,
  address: string,
  namespace: string,
): Promise<void> {
  try {
    await client.db.get(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new UserError(
      `store couchdb at ${address}: cannot attach to namespace ${namespace}: its database ${name} does not exist ` +
        '(attach joins an open store)',
    );
  }
}
