// Running work in one multi-document transaction (replica sets and sharded clusters only), with a Refusal thrown
// inside becoming the answer after the abort.
import type { ClientSession, MongoClient, TransactionOptions } from 'mongodb';
import { Refusal, type Refused } from './reservation.js';

// Snapshot reads and majority commits: what MongoDB documents for transactions that must not lose or half-apply
// writes. On a one-node replica set the majority is that node.
const TRANSACTION_OPTIONS: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/**
 * fn in a transaction. withTransaction reruns fn on transient errors (write conflicts between concurrent
 * reservations of the same product are the usual one), so fn must build all its state afresh on each run.
 */
export async function inTransaction<T>(
  client: MongoClient,
  fn: (session: ClientSession) => Promise<T>,
): Promise<T | Refused> {
  const session = client.startSession();
  try {
    return await session.withTransaction(fn, TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof Refusal) return error.reservation;
    throw error;
  } finally {
    await session.endSession();
  }
}
