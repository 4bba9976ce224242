// Bulk loads through _bulk_docs, in batches: one request per batch instead of one per document, and no request so
// large that either side holds a whole dataset's JSON at once. _bulk_docs answers 201 even when it refused some
// documents (a conflict on an id that exists), so every per-document result is checked.
import type nano from 'nano';

/** A few hundred kB of JSON per request. On pouchdb-server, batches of 100 to 1,000 loaded alike; 5,000 was slower. */
export const BULK_BATCH_SIZE = 1000;

export async function bulkInsert(
  db: nano.DocumentScope<unknown>,
  docs: readonly object[],
  what: string,
): Promise<void> {
  for (let start = 0; start < docs.length; start += BULK_BATCH_SIZE) {
    const batch = docs.slice(start, start + BULK_BATCH_SIZE);
    const results = await db.bulk({ docs: batch });
    const refused = results.filter((result) => result.error !== undefined);
    const first = refused[0];
    if (first) {
      throw new Error(
        `${what}: CouchDB refused ${refused.length} of ${batch.length} documents in a bulk load ` +
          `(first: "${first.id}": ${first.error}${first.reason ? `, ${first.reason}` : ''})`,
      );
    }
  }
}
