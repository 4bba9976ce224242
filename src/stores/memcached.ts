// Memcached as the polyglot layout's sessions store, the seed's alternative to Redis. Spoken to through a small
// text-protocol client of our own (memcached/client.ts says why).
//
// Memcached cannot list its keys, so neither create nor close can delete the tool's keys the way the Redis
// adapter does. Instead each instance writes under "<namespace>:<instance token>:": a new instance never sees an
// earlier run's sessions, and the keys an instance leaves behind are unreachable and expire by their TTL (or
// are evicted first under memory pressure). An instance attached to the namespace (`run --workers N`) writes under
// its owner's token instead, which the owner publishes for the threads of its process (memcached/owner-pointer.ts).
import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import { MemcachedClient } from './memcached/client.js';
import { MemcachedConnection, type Endpoint } from './memcached/connection.js';
import { attachMemcached } from './memcached/attach.js';
import { publishOwner, withdrawOwner } from './memcached/owner-pointer.js';
import { memcachedSessions } from './memcached/sessions.js';
import { namespaceSetting } from './namespace-setting.js';
import { redactedAddress, unreachableStore } from './server-address.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';
import { CLEANUP_STEP_MS, withinDeadline } from './within-deadline.js';

/** Used when a layout names the memcached kind without a url: the usual local server. */
export const DEFAULT_MEMCACHED_URL = 'memcached://127.0.0.1:11211';
const DEFAULT_PORT = 11211;
const CONNECT_TIMEOUT_MS = 5_000;

export const memcachedFactory: StoreFactory = {
  kind: 'memcached',
  roles: ['sessions'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const url = options.url ?? DEFAULT_MEMCACHED_URL;
    const address = redactedAddress(url);
    const namespace = namespaceSetting('memcached', options.settings);
    const endpoint = parseEndpoint(url, address);

    let client: MemcachedClient | undefined;
    let version: string;
    try {
      client = new MemcachedClient(await MemcachedConnection.open(endpoint, address, CONNECT_TIMEOUT_MS));
      // Something answering on the port is not yet memcached: `version` proves it speaks the protocol, and the
      // deadline covers a server that accepts the connection but never answers.
      version = await withinDeadline(client.version(), CONNECT_TIMEOUT_MS, 'memcached "version"');
    } catch (error) {
      client?.close();
      throw unreachableStore('memcached', address, error);
    }

    // A worker of `run --workers N`: the owner's keys, on a connection of its own (memcached/attach.ts).
    if (options.attach) return attachMemcached(client, namespace, version, address);
    // base64url: letters, digits, "-" and "_", all legal in a memcached key.
    const instance = randomBytes(6).toString('base64url');
    try {
      // For this process's worker threads, should they attach (memcached/owner-pointer.ts).
      await withinDeadline(
        publishOwner(client, namespace, instance),
        CONNECT_TIMEOUT_MS,
        'memcached set of the owner pointer',
      );
    } catch (error) {
      client.close();
      throw unreachableStore('memcached', address, error);
    }
    let closed = false;
    return {
      kind: 'memcached',
      info: { engine: 'Memcached', version, embedded: false, address },
      roles: { sessions: memcachedSessions(client, `${namespace}:${instance}:`) },
      // Memcached counts bytes for the whole server (`stats`), never per key prefix: none of it is the tool's alone.
      footprint: async () => ({
        dataBytes: null,
        source: 'not reported: memcached counts bytes per server, not per key prefix',
      }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          // The sessions stay (see the file comment); only the pointer workers would attach by goes.
          await withinDeadline(
            withdrawOwner(client, namespace, instance),
            CLEANUP_STEP_MS,
            `store memcached at ${address}: clean-up`,
          ).catch(() => undefined);
        } finally {
          client.close();
        }
      },
    };
  },
};

function parseEndpoint(url: string, address: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`store memcached at ${address}: not a valid url`);
  }
  if (parsed.protocol !== 'memcached:') {
    throw new UserError(`store memcached at ${address}: the url must start with memcached://`);
  }
  if (parsed.username || parsed.password) {
    // SASL exists only in the binary protocol; this client speaks the text protocol.
    throw new UserError(
      `store memcached at ${address}: SASL authentication (user:password in the url) is not supported`,
    );
  }
  if (!parsed.hostname) throw new UserError(`store memcached at ${address}: the url names no host`);
  return {
    // URL keeps IPv6 literals in brackets ("[::1]"); net.connect wants them bare.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : DEFAULT_PORT,
  };
}
