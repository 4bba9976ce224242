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
