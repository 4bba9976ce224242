// How the document store sees field values: which can key a hash index, and what a document sorts by.
import { resolve } from 'mingo/util';
import type { Document } from './types.js';

/** The values an equality lookup can use: what hashes the same way MongoDB compares (no objects, no null). */
export type IndexableValue = string | number | boolean;

export function isIndexableValue(value: unknown): value is IndexableValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && !Number.isNaN(value))
  );
}

/** The value a document sorts by at a dotted path; a missing field sorts as null, as in MongoDB. */
export function sortValue(document: Document, field: string): unknown {
  return resolve(document, field) ?? null;
}
