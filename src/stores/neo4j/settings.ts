// What the user tells the Neo4j store (URL and settings) and how its mistakes come back: always a one-line
// UserError naming the store, with the password redacted from the address.
import { UserError } from '../../errors.js';
import { redactedAddress } from '../server-address.js';

/** The local server the project's scripts and CI start (see scripts/local-stores.d/neo4j.sh). */
export const DEFAULT_NEO4J_URL = 'bolt://127.0.0.1:7687';
const DEFAULT_PORT = 7687;
const DEFAULT_NAMESPACE = 'polyglot_bench';
const KNOWN_SETTINGS = ['namespace', 'schema'];

// Community Edition has one user database, so the namespace lives in label and relationship-type names
// (polyglot_bench_User): a plain identifier needs no quoting in Cypher and cannot smuggle any in.
const NAMESPACE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** How the probe reaches the server before the driver does (see bolt-probe.ts). */
export type Neo4jTls = 'none' | 'verified' | 'self-signed';

export interface Neo4jTarget {
  /** The URL the driver gets: credentials removed (they travel as an auth token). */
  url: string;
  host: string;
  port: number;
  tls: Neo4jTls;
  username: string;
  password: string;
  /** The URL as reports show it: password replaced by "***". */
  address: string;
}

export interface Neo4jSettings {
  /** Prefix of every label, relationship type, constraint and index the store creates. */
  namespace: string;
  /**
   * Create the uniqueness constraints and the BOUGHT.orderId index (default true). Off for servers that speak
   * openCypher without Neo4j's schema commands, such as Amazon Neptune (docs/neptune.md).
   */
  schema: boolean;
}

// bolt:// talks to one server; neo4j:// asks it for a routing table first (clusters, Aura). "+s" verifies TLS
// against the system's CAs, "+ssc" accepts a self-signed certificate.
const SCHEMES: Readonly<Record<string, Neo4jTls>> = {
  'bolt:': 'none',
  'neo4j:': 'none',
  'bolt+s:': 'verified',
  'neo4j+s:': 'verified',
  'bolt+ssc:': 'self-signed',
  'neo4j+ssc:': 'self-signed',
};

export function neo4jTarget(url: string): Neo4jTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text may hold a password, so it is not echoed.
    throw new UserError('store neo4j: the url is not a valid URL (expected bolt://user:password@host:7687)');
  }
  const address = redactedAddress(url);
  const tls = SCHEMES[parsed.protocol];
  if (tls === undefined) {
    throw new UserError(
      `store neo4j at ${address}: expected a bolt://, bolt+s://, neo4j:// or neo4j+s:// URL (Bolt, port 7687)`,
    );
  }
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port) || DEFAULT_PORT,
    tls,
    username,
    password,
    address,
  };
}

export function neo4jSettings(settings: Record<string, unknown> = {}): Neo4jSettings {
  const unknown = Object.keys(settings).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(`store neo4j: unknown setting "${unknown[0]}" (known: ${KNOWN_SETTINGS.join(', ')})`);
  }
  const namespace = settings.namespace ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace)) {
    throw new UserError(
      `store neo4j: namespace must be an identifier (a letter, then letters, digits or _; at most 63), got ${JSON.stringify(namespace)}`,
    );
  }
  const schema = settings.schema ?? true;
  if (typeof schema !== 'boolean') {
    throw new UserError(`store neo4j: schema must be true or false, got ${JSON.stringify(schema)}`);
  }
  return { namespace, schema };
}
