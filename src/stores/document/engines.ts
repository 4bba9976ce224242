// The document engines side by side, for what the catalog and orders roles do differently on them. The rest of
// what sets them apart stays out of these roles: MongoDB's transactions serve only its atomic checkout
// (mongodb/orders.ts inserts the same order document inside one), and the unique secondary indexes, upserts and
// change streams the embedded store lacks are used by other roles only.
import type { DocumentEngine } from './collection.js';

/** A server bounds the memory one insertMany holds; its driver splits further by message size. */
export const MONGODB_ENGINE: DocumentEngine = { loadBatch: 10_000 };

/** In process there is no message to bound: a bulk load is one insertMany. */
export const DOCSTORE_ENGINE: DocumentEngine = { loadBatch: Infinity };
