// The shapes of the embedded document store's API, named after the MongoDB driver's so an adapter written
// against it reads like one written for MongoDB.

/** `_id` values the store can key on; like MongoDB, 1 and "1" are different ids. */
export type DocumentId = string | number;

/** A document as callers hand it in: any JSON-like object, `_id` optional (generated when absent). */
export type Document = Record<string, unknown>;

/** A document as the store holds it: always with an `_id`. */
export type StoredDocument = Document & { _id: DocumentId };

/** A MongoDB query filter ({ field: value }, { field: { $gt: … } }, $and, $or, …), evaluated by mingo. */
export type Filter = Record<string, unknown>;

export type SortDirection = 1 | -1;
export type Sort = Record<string, SortDirection>;

/** Inclusion ({ a: 1 }) or exclusion ({ a: 0 }) projection; `_id` is included unless excluded. */
export type Projection = Record<string, 0 | 1 | boolean>;

export interface FindOptions {
  projection?: Projection;
  sort?: Sort;
  skip?: number;
  /** At most this many documents; 0 or absent means no limit, as in MongoDB. */
  limit?: number;
}

/** MongoDB's index key spec, e.g. { userId: 1, createdAt: -1 }. */
export type IndexKeys = Record<string, SortDirection>;

/** An update document with operators ($set, $inc, $push, …), applied by mingo's updater. */
export type UpdateFilter = Record<string, unknown>;

export interface InsertOneResult {
  acknowledged: true;
  insertedId: DocumentId;
}

export interface InsertManyResult {
  acknowledged: true;
  insertedCount: number;
  /** Position in the input → the `_id` it was stored under. */
  insertedIds: Record<number, DocumentId>;
}

export interface UpdateResult {
  acknowledged: true;
  matchedCount: number;
  modifiedCount: number;
}

export interface DeleteResult {
  acknowledged: true;
  deletedCount: number;
}

export interface InsertManyOptions {
  /** Stop at the first failing document (default, as in MongoDB) or insert every other one and then throw. */
  ordered?: boolean;
}
