// What the change feed creates on the user's server, all under the tool's own names: one publication per
// database (the namespace lock of the PostgreSQL store already keeps runs in one database apart) and one
// temporary replication slot per replication connection. Slot names are cluster-wide, so each is unique.
import { randomBytes } from 'node:crypto';
import { SCHEMA } from '../../stores/sql/schema.js';

export const PUBLICATION = 'polyglot_bench_outbox';
export const OUTBOX_SCHEMA = SCHEMA;
export const OUTBOX_TABLE_NAME = 'outbox';
export const OUTBOX_TABLE = `${OUTBOX_SCHEMA}.${OUTBOX_TABLE_NAME}`;
export const SLOT_PREFIX = 'polyglot_bench_';

/** polyglot_bench_<pid>_<8 hex>: lower case, digits and underscores, as slot names must be. */
export function uniqueSlotName(): string {
  return `${SLOT_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
}
