// The namespace lease on Redis: one key, "<namespace>:lease", created with SET NX and a TTL the holder renews, so
// a crashed holder's lease expires on the server by itself. Rewrites and deletes compare the stored value first,
// in a script, so a run never touches a successor's lease.
import type { Redis } from 'ioredis';
import {
  LEASE_TTL_MS,
  parseLeaseRecord,
  unknownHolder,
  type LeasePrimitive,
  type LeaseRecord,
} from '../namespace-lease.js';
import { RedisScript } from './script.js';

export function leaseKey(namespace: string): string {
  return `${namespace}:lease`;
}

// KEYS: lease. ARGV: expected value, new value, ttl ms.
const REPLACE_IF = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`);

// KEYS: lease. ARGV: expected value.
const DELETE_IF = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`);

export function redisLease(
  redis: Redis,
  namespace: string,
): LeasePrimitive & { release(mine: LeaseRecord): Promise<void> } {
  const key = leaseKey(namespace);
  return {
    async claim(mine) {
      const set = await redis.set(key, JSON.stringify(mine), 'PX', LEASE_TTL_MS, 'NX');
      if (set === 'OK') return 'claimed';
      const value = await redis.get(key);
      return value === null ? null : (parseLeaseRecord(value) ?? unknownHolder());
    },
    async renew(current, next) {
      const replaced = await REPLACE_IF.run(
        redis,
        [key],
        [JSON.stringify(current), JSON.stringify(next), LEASE_TTL_MS],
      );
      return replaced === 1;
    },
    async breakStale(stale) {
      await DELETE_IF.run(redis, [key], [JSON.stringify(stale)]);
    },
    async release(mine) {
      await DELETE_IF.run(redis, [key], [JSON.stringify(mine)]);
    },
  };
}
