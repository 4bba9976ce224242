// What the change feed creates on the user's server, all under names derived from the source store's namespace
// (its schema, src/stores/postgres/namespace.ts): one publication per namespace, so runs sharing a database with
// different namespaces keep their feeds apart (the store's namespace lock keeps one namespace to one run), and one
// temporary replication slot per replication connection. Slot names are cluster-wide, so each is unique.
import { randomBytes } from 'node:crypto';

export const OUTBOX_TABLE_NAME = 'outbox';
export const SLOT_PREFIX = 'polyglot_bench_';

/** "polyglot_bench_outbox" for the default namespace. */
export function outboxPublication(namespace: string): string {
  return `${namespace}_outbox`;
}

/** The outbox table, schema-qualified: the feed's own connections have no search_path of the store's. */
export function outboxTable(namespace: string): string {
  return `${namespace}.${OUTBOX_TABLE_NAME}`;
}

/** polyglot_bench_<pid>_<8 hex>: lower case, digits and underscores, as slot names must be. */
export function uniqueSlotName(): string {
  return `${SLOT_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
}
