// Bulk writes: loads in bounded batches, and inserts that treat an already-present (order, product) line as done.
import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

/** Documents per insertMany call: bounds the memory one call holds, the driver splits further by message size. */
const LOAD_BATCH = 10_000;
const DUPLICATE_KEY = 11000;

/**
 * Bulk load into an empty collection. Unordered, so the server may apply a batch's documents in any order (and in
 * parallel on a sharded cluster); any failure still fails the load.
 */
export async function insertInBatches<T extends Document>(
  collection: Collection<T>,
  documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
): Promise<void> {
  for (let start = 0; start < documents.length; start += LOAD_BATCH) {
    await collection.insertMany(documents.slice(start, start + LOAD_BATCH), { ordered: false });
  }
}

/**
 * Inserts what is not there yet under the collection's unique index: unordered, so every other document still goes
 * in, and duplicate-key refusals are the "already recorded" answer. Any other error (or a write concern error)
 * still throws. Never inside a transaction: there a duplicate key aborts the whole transaction.
 */
export async function insertIgnoringDuplicates<T extends Document>(
  collection: Collection<T>,
  documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
): Promise<void> {
  if (documents.length === 0) return;
  try {
    await collection.insertMany([...documents], { ordered: false });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

function onlyDuplicates(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  if (error.result.getWriteConcernError() !== undefined) return false;
  const writeErrors = error.result.getWriteErrors();
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY);
}
