// Opening a nano client that fails fast and says why: the welcome at GET / is read once, with a short timeout, so an
// unreachable server, or something else listening there, is a one-line UserError at create time rather than a hang
// or a stack trace in the middle of the first bulk load.
import nano from 'nano';
import { UserError, errorMessage } from '../../errors.js';
import { unreachableStore } from '../server-address.js';
import { httpStatus } from './http-status.js';

/** A server that accepts the connection but never answers must not stall the run for long. */
const PROBE_TIMEOUT_MS = 5_000;

export interface CouchConnection {
  client: nano.ServerScope;
  /** The parsed body of GET /, for server-info.ts. */
  welcome: unknown;
}

export async function connectCouch(url: string, address: string): Promise<CouchConnection> {
  checkProtocol(url, address);
  // parseUrl: false, or nano would read a path in the url (a CouchDB behind a proxy at /couchdb) as a database
  // name and hand back a single database's scope instead of the server's. Not in nano's type definitions.
  const config: nano.Configuration & { parseUrl: boolean } = { url, parseUrl: false };
  const client = nano(config);
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  // nano passes `signal` on to fetch; its RequestOptions type does not list it.
  const request: nano.RequestOptions & { signal: AbortSignal } = { path: '', signal };
  try {
    return { client, welcome: await client.relax(request) };
  } catch (error) {
    const status = httpStatus(error);
    if (status !== undefined) {
      throw new UserError(`store couchdb at ${address}: GET / answered ${status} (${errorMessage(error)})`);
    }
    const cause = signal.aborted
      ? new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)
      : socketCause(error);
    throw unreachableStore('couchdb', address, cause);
  }
}

function checkProtocol(url: string, address: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UserError(`store couchdb at ${address}: not a valid url`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UserError(`store couchdb at ${address}: the url must start with http:// or https://`);
  }
}

/**
 * nano rejects a failed fetch with "error happened in your connection. Reason: Error: connect ECONNREFUSED …",
 * dropping the socket error's code; recovering it lets unreachableStore() say "connection refused".
 */
function socketCause(error: unknown): unknown {
  const code = /\b(E[A-Z]{3,})\b/.exec(errorMessage(error))?.[1];
  return code ? { code } : error;
}
