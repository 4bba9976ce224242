// Errors the document store raises, shaped like the MongoDB server's so callers can test `code === 11000`.
import type { DocumentId } from './types.js';

export class DuplicateKeyError extends Error {
  /** MongoDB's duplicate-key error code. */
  readonly code = 11000;

  constructor(
    readonly namespace: string,
    readonly keyValue: { _id: DocumentId },
  ) {
    super(
      `E11000 duplicate key error collection: ${namespace} index: _id_ dup key: { _id: ${JSON.stringify(keyValue._id)} }`,
    );
    this.name = 'DuplicateKeyError';
  }
}

export class StoreClosedError extends Error {
  constructor() {
    super('the document store was closed');
    this.name = 'StoreClosedError';
  }
}
