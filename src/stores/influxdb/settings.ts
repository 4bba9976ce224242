// What the user tells the InfluxDB store (URL and settings) and how its mistakes come back: a one-line UserError
// naming the store and its address with the password redacted.
import { UserError } from '../../errors.js';
import { DEFAULT_NAMESPACE } from '../namespace-setting.js';
import { redactedAddress } from '../server-address.js';

export const DEFAULT_INFLUXDB_URL = 'http://127.0.0.1:8086';
const KNOWN_SETTINGS = ['namespace'];

export interface InfluxSettings {
  protocol: 'http' | 'https';
  host: string;
  port: number;
  username: string;
  password: string;
  address: string;
  /** The database the store creates, owns and drops. */
  database: string;
}

export function influxSettings(url: string, settings: Record<string, unknown> = {}): InfluxSettings {
  const unknown = Object.keys(settings).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(
      `store influxdb: unknown setting "${unknown[0]}" (known: ${KNOWN_SETTINGS.join(', ')})`,
    );
  }
  const database = settings.namespace ?? DEFAULT_NAMESPACE;
  // Quoted in every statement, but a plain identifier keeps it a directory name on the server.
  if (typeof database !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(database)) {
    throw new UserError(
      `store influxdb: namespace must be a database name of letters, digits and _, got ${JSON.stringify(database)}`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text may hold a password, so it is not echoed.
    throw new UserError('store influxdb: the url is not a valid URL (expected http://host:8086)');
  }
  const address = redactedAddress(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(
      `store influxdb at ${address}: expected an http:// or https:// URL (the HTTP API, 8086)`,
    );
  }
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  return {
    protocol,
    host: parsed.hostname,
    port: Number(parsed.port) || (protocol === 'https' ? 443 : 80),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    address,
    database,
  };
}
