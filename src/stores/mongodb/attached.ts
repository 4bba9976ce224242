// A MongoDB instance attached to a database its owner (the main thread of `run --workers N`) created, loaded and
// leases: a client of its own on the same database, serving the same roles, and nothing else — no lease, no drop
// of leftovers, no schema, no footprint; close() only closes its client.
import type { StoreAdapter } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { connectMongo, mongoAddress } from './connect.js';
import { requireHeldDatabase } from './lease.js';
import { collectionsOf } from './schema.js';
import { chooseTransactions, mongoServing } from './serving.js';
import { databaseSetting, transactionsSetting } from './settings.js';

export async function attachMongo(
  url: string,
  settings: Record<string, unknown> | undefined,
): Promise<StoreAdapter> {
  const address = mongoAddress(url);
  const database = databaseSetting(settings);
  const wanted = transactionsSetting(settings);
  const { client, servers } = await connectMongo(url, address);
  const closeClient = () =>
    withinDeadline(client.close(), CLEANUP_DEADLINE_MS, `store mongodb at ${address}: disconnecting`);
  try {
    const db = client.db(database);
    await requireHeldDatabase(db, address);
    // Detected again rather than handed over: the same server and setting give the owner's answer, and the
    // transaction probe leaves nothing behind (its document is its own and deleted at once).
    const { transactions, version } = await chooseTransactions(client, db, servers, wanted, address);
    let closed = false;
    return {
      kind: 'mongodb',
      info: { engine: 'MongoDB', version, embedded: false, address },
      ...mongoServing(collectionsOf(db), transactions),
      async close() {
        if (closed) return;
        closed = true;
        await closeClient();
      },
    };
  } catch (error) {
    await closeClient().catch(() => undefined);
    throw error;
  }
}
