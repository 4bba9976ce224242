// Opening a MongoClient that fails fast and says why: an unreachable server is a one-line UserError at create time,
// not a driver that keeps selecting a server for 30 seconds per operation while the run hangs.
import { MongoClient, type ServerDescription } from 'mongodb';
import { UserError } from '../../errors.js';
import { redactedAddress, unreachableStore } from '../server-address.js';

/** Short enough that a wrong address fails in a few seconds; long enough for a replica set election to settle. */
const SERVER_SELECTION_TIMEOUT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 3_000;

export interface MongoConnection {
  client: MongoClient;
  /** What the driver learnt about each server it reached (its type tells standalone, replica set and mongos apart). */
  servers: ServerDescription[];
}

/**
 * The URL as a user may see it. redactedAddress covers single-host URLs; a multi-host one ("mongodb://a:1,b:2/")
 * is no WHATWG URL, so its password is masked here instead of the URL being printed as given.
 */
export function mongoAddress(url: string): string {
  const redacted = redactedAddress(url);
  if (redacted !== url) return redacted;
  return url.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

export async function connectMongo(url: string, address: string): Promise<MongoConnection> {
  if (!/^mongodb(\+srv)?:\/\//.test(url)) {
    throw new UserError(`store mongodb at ${address}: the url must start with mongodb:// or mongodb+srv://`);
  }
  let client: MongoClient;
  try {
    client = new MongoClient(url, {
      appName: 'polyglot-bench',
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
    });
  } catch (error) {
    throw new UserError(`store mongodb at ${address}: ${(error as Error).message}`);
  }
  // The topology as the driver sees it, from its own monitoring: no hello/isMaster of ours, which would need a
  // fallback for servers that know only one of the two (mongo-java-server has no `hello`).
  const servers = new Map<string, ServerDescription>();
  client.on('serverDescriptionChanged', (event) => servers.set(event.address, event.newDescription));
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw unreachableStore('mongodb', address, socketCause(error));
  }
  return { client, servers: [...servers.values()] };
}

/**
 * The socket error under the driver's wrappers (MongoServerSelectionError → MongoNetworkError → the Node error with
 * its code), so the user reads "connection refused"; the outermost error when no cause carries a code.
 */
function socketCause(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (typeof (current as { code?: unknown }).code === 'string') return current;
    current = current.cause;
  }
  return error;
}
