// A worker of `run --workers N` (StoreOptions.attach) on memcached: the keys of the owner of this process, found by
// the pointer it published (owner-pointer.ts), on a connection of its own. Nothing is written at open or deleted at
// close, and there is no footprint. The sessions role keeps no state between calls (a cart's update is gets + cas
// on the server, retried on conflict), so instances share the owner's keys safely.
import { UserError } from '../../errors.js';
import { unreachableStore } from '../server-address.js';
import type { StoreAdapter } from '../types.js';
import { withinDeadline } from '../within-deadline.js';
import type { MemcachedClient } from './client.js';
import { ownerInstance } from './owner-pointer.js';
import { memcachedSessions } from './sessions.js';

/** One round trip while opening: a server that accepts but never answers fails the attach. */
const SETUP_STEP_MS = 5_000;

/** Takes over the connected client: it is closed on failure, and by the returned store's close(). */
export async function attachMemcached(
  client: MemcachedClient,
  namespace: string,
  version: string,
  address: string,
): Promise<StoreAdapter> {
  let instance: string | null;
  try {
    instance = await withinDeadline(ownerInstance(client, namespace), SETUP_STEP_MS, 'reading the owner');
  } catch (error) {
    client.close();
    throw unreachableStore('memcached', address, error);
  }
  if (instance === null) {
    client.close();
    throw new UserError(
      `store memcached at ${address}: cannot attach to namespace ${namespace}: no store of this process has ` +
        'it open (attach joins an open store)',
    );
  }
  let closed = false;
  return {
    kind: 'memcached',
    info: { engine: 'Memcached', version, embedded: false, address },
    roles: { sessions: memcachedSessions(client, `${namespace}:${instance}:`) },
    async close() {
      if (closed) return;
      closed = true;
      client.close();
    },
  };
}
