// Redis as the polyglot layout's sessions store: the real server the in-process ttlcache stands in for.
// Keys live under a namespace on a possibly shared server; the tool deletes only those, at create and at close.
import { namespaceSetting } from './namespace-setting.js';
import { connectRedis, redisVersion } from './redis/connect.js';
import { deleteNamespace } from './redis/keyspace.js';
import { redisSessions } from './redis/sessions.js';
import { redactedAddress } from './server-address.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';

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
    const redis = await connectRedis(url, address);
    let version: string;
    try {
      version = await redisVersion(redis);
      // Leftovers of an earlier run that did not close (crash, Ctrl-C): a new instance starts empty.
      await deleteNamespace(redis, namespace);
    } catch (error) {
      redis.disconnect();
      throw error;
    }

    let closed = false;
    return {
      kind: 'redis',
      info: { engine: 'Redis', version, embedded: false, address },
      roles: { sessions: redisSessions(redis, namespace) },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await deleteNamespace(redis, namespace);
          await redis.quit();
        } finally {
          // quit() already closed the socket when it succeeded; after a failure this stops reconnecting.
          redis.disconnect();
        }
      },
    };
  },
};
