// Redis as the polyglot layout's sessions store: the real server the in-process ttlcache stands in for.
// Keys live under a namespace on a possibly shared server. The store takes the namespace's lease first
// (namespace-lease.ts), so it deletes only keys no other live run holds: leftovers at create, its own at close.
import { acquireLease } from './namespace-lease.js';
import { namespaceSetting } from './namespace-setting.js';
import { attachRedis } from './redis/attach.js';
import { connectRedis, redisVersion, SETUP_STEP_MS } from './redis/connect.js';
import { deleteNamespace, namespaceMemory } from './redis/keyspace.js';
import { redisLease } from './redis/lease.js';
import { redisSessions } from './redis/sessions.js';
import { UserError } from '../errors.js';
import { redactedAddress, unreachableStore } from './server-address.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';
import { CLEANUP_DEADLINE_MS, CLEANUP_STEP_MS, withinDeadline } from './within-deadline.js';

/** Used when a layout names the redis kind without a url: the usual local server. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const redisFactory: StoreFactory = {
  kind: 'redis',
  roles: ['sessions'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const url = options.url ?? DEFAULT_REDIS_URL;
    const address = redactedAddress(url);
    const namespace = namespaceSetting('redis', options.settings);
    // A worker of `run --workers N`: the owner's keys, on a connection of its own (redis/attach.ts).
    if (options.attach) return attachRedis(url, address, namespace);
    const redis = await connectRedis(url, address);
    const primitive = redisLease(redis, namespace);
    let version: string;
    let lease;
    // Setting up is bounded per command as clean-up is: a server that accepts but never answers fails the open.
    redis.options.commandTimeout = SETUP_STEP_MS;
    try {
      version = await redisVersion(redis);
      lease = await acquireLease({ store: `store redis at ${address}`, namespace }, primitive);
    } catch (error) {
      redis.disconnect();
      throw error instanceof UserError ? error : unreachableStore('redis', address, error);
    }
    const held = lease;
    try {
      // Leftovers of an earlier run that did not close (crash, Ctrl-C): a new instance starts empty.
      await deleteNamespace(redis, namespace);
      // Role calls get their deadline from the runner (src/runner/call-deadline.ts), per store.
      delete redis.options.commandTimeout;
    } catch (error) {
      held.stop();
      await primitive.release(held.record).catch(() => undefined);
      redis.disconnect();
      throw error;
    }

    let closed = false;
    return {
      kind: 'redis',
      info: { engine: 'Redis', version, embedded: false, address },
      roles: { sessions: redisSessions(redis, namespace) },
      async footprint() {
        const memory = await namespaceMemory(redis, namespace);
        return {
          dataBytes: memory.bytes,
          source: `MEMORY USAGE of ${memory.measured} of ${memory.keys} keys under "${namespace}:", scaled`,
        };
      },
      async close() {
        if (closed) return;
        closed = true;
        held.stop();
        try {
          // A run that lost its lease (another took it over as stale) must not delete the successor's keys.
          if (held.stillOurs()) {
            // ioredis reads this per command: each clean-up command is bounded, not only the whole.
            redis.options.commandTimeout = CLEANUP_STEP_MS;
            const cleanup = async () => {
              await deleteNamespace(redis, namespace);
              await primitive.release(held.record);
              await redis.quit();
            };
            await withinDeadline(cleanup(), CLEANUP_DEADLINE_MS, `store redis at ${address}: clean-up`);
          }
        } finally {
          // quit() already closed the socket when it succeeded; after a failure this stops reconnecting.
          redis.disconnect();
        }
      },
    };
  },
};
