// What the user tells the ClickHouse store (URL and settings) and how its mistakes come back: always a one-line
// UserError naming the store and its address with the password redacted.
import { UserError } from '../../errors.js';
import { redactedAddress } from '../server-address.js';
import { isIdentifier } from './sql.js';

/** The local server the project's scripts and CI start (see test/servers/server.ts). */
export const DEFAULT_CLICKHOUSE_URL = 'http://127.0.0.1:8123';
const DEFAULT_NAMESPACE = 'polyglot_bench';
const KNOWN_SETTINGS = ['namespace'];

export interface ClickhouseServer {
  /** protocol://host:port only: credentials travel as client options, the database is the namespace. */
  origin: string;
  username: string;
  password: string;
  /** The URL as reports show it: password replaced by "***". */
  address: string;
}

/** The database the store creates, owns and drops; nothing outside it is ever touched. */
export function clickhouseNamespace(settings: Record<string, unknown> = {}): string {
  const unknown = Object.keys(settings).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(
      `store clickhouse: unknown setting "${unknown[0]}" (known: ${KNOWN_SETTINGS.join(', ')})`,
    );
  }
  const namespace = settings.namespace ?? DEFAULT_NAMESPACE;
  // A database name becomes a directory on the server: a plain identifier keeps it there (no "..", no "/").
  if (typeof namespace !== 'string' || !isIdentifier(namespace)) {
    throw new UserError(
      `store clickhouse: namespace must be a database name of letters, digits and _ (at most 64), got ${JSON.stringify(namespace)}`,
    );
  }
  return namespace;
}

/** http[s]://user:password@host:port; a path or query string is ignored (the store uses its namespace). */
export function clickhouseServer(url: string): ClickhouseServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text may hold a password, so it is not echoed.
    throw new UserError(
      'store clickhouse: the url is not a valid URL (expected http://user:password@host:port)',
    );
  }
  const address = redactedAddress(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(
      `store clickhouse at ${address}: expected an http:// or https:// URL (the HTTP interface, port 8123)`,
    );
  }
  return {
    origin: parsed.origin,
    username: decodeURIComponent(parsed.username) || 'default',
    password: decodeURIComponent(parsed.password),
    address,
  };
}
