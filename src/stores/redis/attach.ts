// Joining the namespace another instance of this process leased (`run --workers N`, see StoreOptions.attach): a
// connection of its own, the same key prefix, nothing else. No lease is claimed or renewed (the owner's heartbeat
// keeps it), no key is deleted at open or close; close() only disconnects. The sessions role keeps no state of its
// own (each call is one command or script on the server), so instances share a namespace safely.
import type { Redis } from 'ioredis';
import { UserError } from '../../errors.js';
import { unreachableStore } from '../server-address.js';
import type { StoreAdapter } from '../types.js';
import { CLEANUP_STEP_MS, withinDeadline } from '../within-deadline.js';
import { connectRedis, redisVersion, SETUP_STEP_MS } from './connect.js';
import { leaseKey } from './lease.js';
import { redisSessions } from './sessions.js';

/**
 * Reads only: an attach to a namespace no owner leases fails here, in one line, rather than writing sessions no
 * one deletes at the end.
 */
async function requireLease(redis: Redis, address: string, namespace: string): Promise<void> {
  if ((await redis.exists(leaseKey(namespace))) === 0) {
    throw new UserError(
      `store redis at ${address}: cannot attach to namespace ${namespace}: no run holds it ` +
        '(attach joins an open store)',
    );
  }
}

export async function attachRedis(url: string, address: string, namespace: string): Promise<StoreAdapter> {
  const redis = await connectRedis(url, address);
  redis.options.commandTimeout = SETUP_STEP_MS;
  let version: string;
  try {
    version = await redisVersion(redis);
    await requireLease(redis, address, namespace);
  } catch (error) {
    redis.disconnect();
    throw error instanceof UserError ? error : unreachableStore('redis', address, error);
  }
  // Role calls get their deadline from the runner (src/runner/call-deadline.ts), per store.
  delete redis.options.commandTimeout;
  let closed = false;
  return {
    kind: 'redis',
    info: { engine: 'Redis', version, embedded: false, address },
    roles: { sessions: redisSessions(redis, namespace) },
    async close() {
      if (closed) return;
      closed = true;
      try {
        redis.options.commandTimeout = CLEANUP_STEP_MS;
        await withinDeadline(redis.quit(), CLEANUP_STEP_MS, `store redis at ${address}: disconnecting`);
      } finally {
        // quit() already closed the socket when it succeeded; after a failure this stops reconnecting.
        redis.disconnect();
      }
    },
  };
}
