// What a MongoDB instance serves, the namespace's owner and an attached worker instance alike: whether it commits
// checkouts in transactions (found out from the server and the setting) and the roles over the database's
// collections. Every role keeps its state on the server (the outbox seq is a counter document, stock is decremented
// conditionally), so any number of instances can serve one database at once.
import type { Db, MongoClient, ServerDescription } from 'mongodb';
import { UserError } from '../../errors.js';
import type { AtomicCheckout, RoleImpls } from '../../roles.js';
import { mongoAnalytics } from './analytics.js';
import { mongoAtomicCheckout } from './atomic-checkout.js';
import { detectCapabilities, versionLabel } from './capabilities.js';
import { mongoCatalog } from './catalog.js';
import { mongoGraph } from './graph.js';
import { mongoInventory } from './inventory.js';
import { mongoOrders } from './orders.js';
import type { Collections } from './schema.js';
import { mongoSessions } from './sessions.js';
import type { TransactionsSetting } from './settings.js';

export interface TransactionChoice {
  /** The client when reservations and checkouts run in transactions, null when they compensate instead. */
  transactions: MongoClient | null;
  /** The version as the reports print it, saying whether transactions are used. */
  version: string;
}

/** What the server can do, settled against the setting: transactions: true on a server without them is refused. */
export async function chooseTransactions(
  client: MongoClient,
  db: Db,
  servers: readonly ServerDescription[],
  wanted: TransactionsSetting,
  address: string,
): Promise<TransactionChoice> {
  const caps = await detectCapabilities(client, db, servers, 'counters');
  if (wanted === true && !caps.transactions) {
    throw new UserError(
      `store mongodb at ${address}: transactions: true, but the server has none (${versionLabel(caps, false)})`,
    );
  }
  const transactions = caps.transactions && wanted !== false ? client : null;
  return { transactions, version: versionLabel(caps, transactions !== null) };
}

export interface MongoServing {
  roles: Partial<RoleImpls>;
  atomicCheckout?: AtomicCheckout;
}

export function mongoServing(c: Collections, transactions: MongoClient | null): MongoServing {
  return {
    roles: {
      sessions: mongoSessions(c),
      catalog: mongoCatalog(c),
      inventory: mongoInventory(c, transactions),
      orders: mongoOrders(c),
      graph: mongoGraph(c),
      analytics: mongoAnalytics(c),
    },
    ...(transactions ? { atomicCheckout: mongoAtomicCheckout(transactions, c) } : {}),
  };
}
