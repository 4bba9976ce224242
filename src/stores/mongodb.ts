// MongoDB serving every role from one database named by the namespace: catalog, orders and sessions as documents,
// inventory with conditional decrements and an outbox, the graph as edge collections, analytics as aggregations.
// Against a replica set or mongos it also commits a whole checkout in one transaction (atomicCheckout); against a
// standalone server, and mongo-java-server (the local stand-in, scripts/local-stores.d/mongodb.sh), it does not,
// and the version it reports says so. The database is the tool's own: dropped at create (leftovers of a run that
// did not close) and at close; no other database is touched. A lease document inside it (mongodb/lease.ts) keeps a
// second run on the same namespace from dropping this one's data. An attached instance (mongodb/attached.ts, a
// worker thread of `run --workers N`) serves the same roles on that database and leaves all of this to its owner.
import { ROLE_NAMES } from '../roles.js';
import { attachMongo } from './mongodb/attached.js';
import { connectMongo, mongoAddress } from './mongodb/connect.js';
import { mongoFootprint } from './mongodb/footprint.js';
import { dropLeftovers, mongoLease } from './mongodb/lease.js';
import { collectionsOf, createSchema } from './mongodb/schema.js';
import { chooseTransactions, mongoServing } from './mongodb/serving.js';
import { databaseSetting, transactionsSetting } from './mongodb/settings.js';
import { acquireLease, type NamespaceLease } from './namespace-lease.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from './within-deadline.js';

/** Used when a layout names the mongodb kind without a url: the usual local server. */
export const DEFAULT_MONGODB_URL = 'mongodb://127.0.0.1:27017';

async function create(options: StoreOptions = {}): Promise<StoreAdapter> {
  const url = options.url ?? DEFAULT_MONGODB_URL;
  // A worker thread's instance (`run --workers N`): the owner below holds, resets and drops the database.
  if (options.attach) return attachMongo(url, options.settings);
  const address = mongoAddress(url);
  const database = databaseSetting(options.settings);
  const wanted = transactionsSetting(options.settings);
  const { client, servers } = await connectMongo(url, address);
  const db = client.db(database);
  const c = collectionsOf(db);
  let lease: NamespaceLease;
  try {
    lease = await acquireLease({ store: `store mongodb at ${address}`, namespace: database }, mongoLease(db));
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  try {
    await dropLeftovers(db);
    await createSchema(db, c);
    const { transactions, version } = await chooseTransactions(client, db, servers, wanted, address);

    let closed = false;
    return {
      kind: 'mongodb',
      info: { engine: 'MongoDB', version, embedded: false, address },
      ...mongoServing(c, transactions),
      footprint: () => mongoFootprint(db),
      async close() {
        if (closed) return;
        closed = true;
        lease.stop();
        try {
          // The lease goes with the database; a run whose lease was taken over as stale drops nothing.
          if (lease.stillOurs()) {
            await withinDeadline(
              db.dropDatabase(),
              CLEANUP_DEADLINE_MS,
              `store mongodb at ${address}: clean-up`,
            );
          }
        } finally {
          await client.close();
        }
      },
    };
  } catch (error) {
    lease.stop();
    await db.dropDatabase().catch(() => undefined);
    await client.close().catch(() => undefined);
    throw error;
  }
}

export const mongodbFactory: StoreFactory = {
  kind: 'mongodb',
  // Not search: mongodb/descriptor.ts says why.
  roles: ROLE_NAMES.filter((role) => role !== 'search'),
  embedded: false,
  create,
};
