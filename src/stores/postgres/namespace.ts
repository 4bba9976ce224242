// The PostgreSQL store's namespace is its schema (docs/architecture.md, "What a store does besides its roles"): the
// tables live in it, every pool connection's search_path names it, the namespace lock is keyed on it and the cdc
// publication is named after it, so runs with different namespaces share one database.
import { UserError } from '../../errors.js';
import { namespaceSetting } from '../namespace-setting.js';

// A lower-case unquoted identifier is the same name quoted or not, in DDL, search_path and pgoutput's relation
// names alike. At most 56 characters: the cdc publication "<namespace>_outbox" must fit PostgreSQL's 63-byte names.
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,55}$/;

/** The schema the store creates, owns and drops (default polyglot_bench); a one-line error for a bad name. */
export function postgresNamespace(settings: Record<string, unknown> | undefined): string {
  const namespace = namespaceSetting('postgres', settings);
  if (!SCHEMA_PATTERN.test(namespace)) {
    throw new UserError(
      `store postgres: namespace names a schema: a lowercase letter or "_", then up to 55 lowercase letters, ` +
        `digits or "_" (got ${JSON.stringify(namespace)})`,
    );
  }
  return namespace;
}
