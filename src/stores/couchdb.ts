// CouchDB as the polyglot layout's document store for the catalog and orders roles: the real server the in-process
// docstore stands in for, reached over its HTTP API with nano. Each instance owns two databases named after its
// namespace (couchdb/databases.ts), created empty at create and deleted at close; nothing else on the server is
// touched. A lease (couchdb/lease.ts) keeps a second run on the same namespace from deleting them. An attached
// instance (couchdb/attached.ts, a worker thread of `run --workers N`) serves the same roles on them and leaves all
// of that to their owner. Where Docker is absent, scripts/local-stores.sh serves the same API with pouchdb-server.
import { attachCouch } from './couchdb/attached.js';
import { couchCatalog, createCatalogIndex } from './couchdb/catalog.js';
import { connectCouch } from './couchdb/connect.js';
import { couchNamespace, createDatabases, databaseNames, dropDatabases } from './couchdb/databases.js';
import { couchLease, releaseCouchLease } from './couchdb/lease.js';
import { couchOrders, createOrdersIndex } from './couchdb/orders.js';
import { serverVersion } from './couchdb/server-info.js';
import { redactedAddress } from './server-address.js';
import { acquireLease } from './namespace-lease.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from './within-deadline.js';

/** Used when a layout names the couchdb kind without a url: the usual local server. */
export const DEFAULT_COUCHDB_URL = 'http://127.0.0.1:5984';

export const couchdbFactory: StoreFactory = {
  kind: 'couchdb',
  roles: ['catalog', 'orders'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const url = options.url ?? DEFAULT_COUCHDB_URL;
    const address = redactedAddress(url);
    // A worker thread's instance (`run --workers N`): the owner below holds, creates and deletes the databases.
    if (options.attach) return attachCouch(url, address, options.settings);
    const namespace = couchNamespace(options.settings);
    const { client, welcome } = await connectCouch(url, address);
    const version = serverVersion(welcome, address);
    const names = databaseNames(namespace);
    const lease = await acquireLease(
      { store: `store couchdb at ${address}`, namespace },
      couchLease(client, namespace),
    );
    const catalog = client.use<unknown>(names.catalog);
    const orders = client.use<unknown>(names.orders);
    try {
      await createDatabases(client, names, address);
      await createCatalogIndex(catalog);
      await createOrdersIndex(orders);
    } catch (error) {
      lease.stop();
      await dropDatabases(client, names).catch(() => undefined);
      await releaseCouchLease(client, namespace).catch(() => undefined);
      throw error;
    }

    let closed = false;
    return {
      kind: 'couchdb',
      info: { engine: 'CouchDB', version, embedded: false, address },
      roles: { catalog: couchCatalog(catalog), orders: couchOrders(orders) },
      async footprint() {
        // Database info of the tool's two databases: sizes.file (on disk, before compaction).
        const infos = await Promise.all([names.catalog, names.orders].map((name) => client.db.get(name)));
        // PouchDB Server (the local stand-in) keeps no sizes: not reported, rather than a measured 0.
        if (infos.some((info) => !info.sizes?.file))
          return {
            dataBytes: null,
            source: 'not reported: this server gives no sizes in its database info',
          };
        return {
          dataBytes: infos.reduce((sum, info) => sum + Number(info.sizes?.file ?? 0), 0),
          source: `database info (sizes.file) of ${names.catalog} and ${names.orders}`,
        };
      },
      async close() {
        if (closed) return;
        closed = true;
        lease.stop();
        // A run whose lease was taken over as stale deletes nothing: the databases are the successor's now.
        if (!lease.stillOurs()) return;
        const cleanup = async () => {
          await dropDatabases(client, names);
          await releaseCouchLease(client, namespace);
        };
        await withinDeadline(cleanup(), CLEANUP_DEADLINE_MS, `store couchdb at ${address}: clean-up`);
      },
    };
  },
};
