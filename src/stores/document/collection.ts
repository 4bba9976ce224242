// The part of MongoDB's collection API the catalog and orders roles use, which both the MongoDB driver's
// Collection and the embedded document store's (../docstore/engine.ts) provide as they are: no adapters, so the
// roles read as MongoDB code on either engine.
import type { Category, Order, Product } from '../../domain.js';

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

export interface DocumentCursor<T> {
  sort(sort: SortSpec): DocumentCursor<T>;
  /** Both engines read 0 as "no limit", as MongoDB does. */
  limit(count: number): DocumentCursor<T>;
  toArray(): Promise<T[]>;
}

export interface DocumentCollection<T> {
  /** Rejects a second document with the same `_id` with a duplicate-key error (code 11000) on both engines. */
  insertOne(document: T): Promise<unknown>;
  insertMany(documents: readonly T[], options: { ordered: boolean }): Promise<unknown>;
  findOne(filter: Filter): Promise<T | null>;
  find<R extends Record<string, unknown>>(
    filter: Filter,
    options?: { projection: Record<string, 1> },
  ): DocumentCursor<R>;
  aggregate<R extends object>(pipeline: Record<string, unknown>[]): { toArray(): Promise<R[]> };
}

/** What the engines do differently, as far as these roles are concerned: one entry each in engines.ts. */
export interface DocumentEngine {
  /** Documents per insertMany call in a bulk load. */
  loadBatch: number;
}

// The domain's records with the id as `_id`, as MongoDB keys documents. Derived rather than listed, so a field
// added to the domain reaches the documents' type too (the mappings in catalog.ts and orders.ts then say whether
// it is stored).
export type CategoryDocument = { _id: Category['id'] } & Omit<Category, 'id'>;
export type ProductDocument = { _id: Product['id'] } & Omit<Product, 'id'>;
export type OrderDocument = { _id: Order['id'] } & Omit<Order, 'id'>;

/** A bulk load into an empty collection, unordered: the server may apply a batch's documents in any order. */
export async function loadDocuments<T>(
  collection: DocumentCollection<T>,
  documents: readonly T[],
  engine: DocumentEngine,
): Promise<void> {
  for (let start = 0; start < documents.length; start += engine.loadBatch)
    await collection.insertMany(documents.slice(start, start + engine.loadBatch), { ordered: false });
}
