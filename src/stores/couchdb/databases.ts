// The store's two databases, <namespace>_catalog and <namespace>_orders: the tool's own, known by exact name.
// create deletes leftovers of exactly those names (an earlier run that crashed before close) and creates them empty;
// close deletes them. No other database on the server is listed, read or touched.
import type nano from 'nano';
import { UserError, errorMessage } from '../../errors.js';
import { namespaceSetting } from '../namespace-setting.js';
import { isForbidden, isNotFound } from './http-status.js';

export interface DatabaseNames {
  catalog: string;
  orders: string;
}

// CouchDB database names start with a lowercase letter and hold lowercase letters, digits and _$()+-/ only. Of what
// namespaceSetting() lets through, that rules out uppercase letters, "." and a leading digit, "_" or "-".
const DATABASE_NAMESPACE = /^[a-z][a-z0-9_-]*$/;

export function couchNamespace(settings: Record<string, unknown> | undefined): string {
  const namespace = namespaceSetting('couchdb', settings);
  if (!DATABASE_NAMESPACE.test(namespace)) {
    throw new UserError(
      `store couchdb: namespace must start with a lowercase letter and hold only lowercase letters, digits, "_" ` +
        `or "-", as CouchDB database names do (got ${JSON.stringify(namespace)})`,
    );
  }
  return namespace;
}

/** Distinct namespaces never share a database: each name is the namespace plus a fixed, role-specific suffix. */
export function databaseNames(namespace: string): DatabaseNames {
  return { catalog: `${namespace}_catalog`, orders: `${namespace}_orders` };
}

export async function createDatabases(
  client: nano.ServerScope,
  names: DatabaseNames,
  address: string,
): Promise<void> {
  await withPermission(address, async () => {
    await dropDatabases(client, names);
    try {
      for (const name of Object.values(names)) await client.db.create(name);
    } catch (error) {
      await dropDatabases(client, names).catch(() => undefined);
      throw error;
    }
  });
}

/** Deletes both databases; one that is already gone is fine. */
export async function dropDatabases(client: nano.ServerScope, names: DatabaseNames): Promise<void> {
  for (const name of Object.values(names)) {
    try {
      await client.db.destroy(name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/** CouchDB 3 lets only admins create and delete databases: without an admin's credentials in the url, say so. */
async function withPermission(address: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isForbidden(error)) throw error;
    throw new UserError(
      `store couchdb at ${address}: not allowed to create or delete its databases (${errorMessage(error)}); ` +
        `put an admin's credentials in the url`,
    );
  }
}
