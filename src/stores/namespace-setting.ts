// The key prefix a shared key-value server (Redis, Memcached) keeps the tool's keys under, so the tool only ever
// touches keys it wrote. Read from the scenario's `options: { namespace: … }` for that store.
import { UserError } from '../errors.js';

export const DEFAULT_NAMESPACE = 'polyglot_bench';

// Letters, digits, "_", "-", "." only: no glob characters (Redis SCAN MATCH stays a plain prefix match), no ":"
// (so "a" can never match the keys of "a:b"), nothing memcached forbids in a key.
const NAMESPACE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function namespaceSetting(kind: string, settings: Record<string, unknown> | undefined): string {
  const value = settings?.namespace ?? DEFAULT_NAMESPACE;
  if (typeof value !== 'string' || !NAMESPACE_PATTERN.test(value)) {
    throw new UserError(
      `store ${kind}: namespace must be 1–64 letters, digits, "_", "-" or "." (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

// What `run --namespace` accepts: the names every server engine can hold (a PostgreSQL schema, a ClickHouse or Neo4j
// identifier, a CouchDB database prefix, a MongoDB database, a Redis or memcached key prefix), so one flag fits every
// store of a run.
const RUN_NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** commander's parser for `--namespace`: a one-line error (exit 2) for a name some engine could not hold. */
export function runNamespaceOption(value: string): string {
  if (!RUN_NAMESPACE_PATTERN.test(value)) {
    throw new UserError(
      `--namespace must be a lowercase letter then up to 39 lowercase letters, digits or "_" ` +
        `(a name every server engine can hold), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Gives every server store of a run the namespace (its database, schema, label or key prefix), so two runs on the
 * same servers each own, and clean up, only their own. Embedded stores are fresh per run and take no setting.
 */
export function withRunNamespace<S extends { engine: string; options: Record<string, unknown> }>(
  stores: Record<string, S>,
  namespace: string,
  isEmbedded: (engine: string) => boolean,
): void {
  for (const spec of Object.values(stores)) {
    if (!isEmbedded(spec.engine)) spec.options = { ...spec.options, namespace };
  }
}
