// What the user tells the MySQL store (URL and settings) and how its mistakes come back: always a one-line
// UserError naming the store and its address with the password redacted.
import { UserError } from '../../errors.js';
import { namespaceSetting } from '../namespace-setting.js';
import { redactedAddress, unreachableStore } from '../server-address.js';

/** The local server the project's scripts and CI start (see test/servers/server.ts). */
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const DEFAULT_PORT = 3306;
const DEFAULT_POOL_SIZE = 10;
const KNOWN_SETTINGS = ['namespace', 'pool'];

export interface MysqlSettings {
  /** The database the store creates, owns and drops; nothing outside it is ever touched. */
  namespace: string;
  poolSize: number;
}

export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The URL as reports show it: password replaced by "***". */
  address: string;
}

export function mysqlSettings(settings: Record<string, unknown> = {}): MysqlSettings {
  const unknown = Object.keys(settings).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(`store mysql: unknown setting "${unknown[0]}" (known: ${KNOWN_SETTINGS.join(', ')})`);
  }
  // The shared rule keeps the name free of quotes and backticks; MySQL database names also refuse ".".
  const namespace = namespaceSetting('mysql', settings);
  if (namespace.includes('.')) {
    throw new UserError(
      `store mysql: namespace names a database, which cannot contain "." (got "${namespace}")`,
    );
  }
  const poolSize = settings.pool ?? DEFAULT_POOL_SIZE;
  if (typeof poolSize !== 'number' || !Number.isInteger(poolSize) || poolSize < 1) {
    throw new UserError(`store mysql: pool must be a whole number ≥ 1 (got ${JSON.stringify(poolSize)})`);
  }
  return { namespace, poolSize };
}

/** mysql://user:password@host:port/database; the database path is ignored (the store uses its namespace). */
export function mysqlServer(url: string): MysqlServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text may hold a password, so it is not echoed.
    throw new UserError('store mysql: the url is not a valid URL (expected mysql://user:password@host:port)');
  }
  const address = redactedAddress(url);
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new UserError(`store mysql at ${address}: expected a mysql:// URL`);
  }
  return {
    // new URL keeps IPv6 brackets; the socket wants the bare address.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : DEFAULT_PORT,
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password),
    address,
  };
}

/**
 * A failure while opening the store, as the one line the CLI prints: socket errors worded like every store's
 * (server-address.ts), server refusals (access denied, no CREATE privilege) in the server's own words.
 */
export function openFailure(server: Pick<MysqlServer, 'address'>, error: unknown): UserError {
  if (error instanceof UserError) return error;
  return unreachableStore('mysql', server.address, error);
}
