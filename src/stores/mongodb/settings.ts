// The mongodb store's settings from the scenario's stores: section: which database is the tool's own, and whether
// to use multi-document transactions.
import { UserError } from '../../errors.js';
import { namespaceSetting } from '../namespace-setting.js';

/**
 * The database everything lives in, named by the namespace (default "polyglot_bench"). The tool drops it at create
 * and close, so it must never be a name that can reach another database: MongoDB forbids "." in database names
 * (it separates database from collection) and allows at most 63 characters.
 */
export function databaseSetting(settings: Record<string, unknown> | undefined): string {
  const namespace = namespaceSetting('mongodb', settings);
  if (namespace.includes('.') || namespace.length > 63) {
    throw new UserError(
      `store mongodb: namespace ${JSON.stringify(namespace)} cannot name a database (no ".", at most 63 characters)`,
    );
  }
  return namespace;
}

/**
 * "auto" (the default) uses transactions when the server has them; false never does, so the compensating
 * reservation path can be measured against a replica set too; true refuses a server without them.
 */
export type TransactionsSetting = 'auto' | boolean;

export function transactionsSetting(settings: Record<string, unknown> | undefined): TransactionsSetting {
  const value = settings?.transactions ?? 'auto';
  if (value === 'auto' || typeof value === 'boolean') return value;
  throw new UserError(
    `store mongodb: transactions must be true, false or "auto" (got ${JSON.stringify(value)})`,
  );
}
