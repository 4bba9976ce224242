// The Redis sessions adapter against a real Redis: the shared sessions contract, plus what only a shared server
// raises — namespaces, clean-up that deletes only the tool's keys, atomic carts, a clear error when unreachable.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { redisFactory } from '../../src/stores/redis.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { role, uniqueId } from '../contracts/fixture.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { describeWithServer } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

// Namespaces of their own, so this file never touches keys of other test files or of a real run.
const CONTRACT_NAMESPACE = 'polyglot_bench_test_redis_contract';
const NAMESPACE_A = 'polyglot_bench_test_redis_a';
const NAMESPACE_B = 'polyglot_bench_test_redis_b';

/** Every key of the namespace, read with a separate plain client. */
/** The namespace's data keys; its lease (src/stores/redis/lease.ts, held while a store is open) is not data. */
async function keysOf(raw: Redis, namespace: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
    found.push(...keys.filter((key) => key !== `${namespace}:lease`));
    cursor = next;
  } while (cursor !== '0');
  return found.sort();
}

await describeWithServer('redis', (url) => {
  describeFootprintContract(
    'redis',
    () => redisFactory.create({ url, settings: { namespace: 'polyglot_bench_test_redis_footprint' } }),
    { url },
  );
  describeSessionsContract('redis', () =>
    redisFactory.create({ url, settings: { namespace: CONTRACT_NAMESPACE } }),
  );

  describe('redis adapter', () => {
    let raw: Redis;
    beforeAll(async () => {
      raw = new Redis(url);
    });
    afterAll(async () => {
      await raw.quit();
    });

    it('reports the engine, its version and where it is', async () => {
      const store = await redisFactory.create({ url, settings: { namespace: NAMESPACE_A } });
      try {
        expect(store.kind).toBe('redis');
        expect(store.info).toMatchObject({ engine: 'Redis', embedded: false, address: url });
        expect(store.info.version).toMatch(/^\d+\.\d+\.\d+/);
        expect(Object.keys(store.roles)).toEqual(['sessions']);
      } finally {
        await store.close();
      }
    });

    it('keeps a session as a hash and its cart as productId → quantity, both under the namespace', async () => {
      const store = await redisFactory.create({ url, settings: { namespace: NAMESPACE_A } });
      try {
        const id = uniqueId('layout');
        await role(store, 'sessions').startSession({ id, userId: 7 }, 3600);
        await role(store, 'sessions').addToCart(id, { productId: 12, quantity: 2 });
        const keys = await keysOf(raw, NAMESPACE_A);
        expect(keys).toHaveLength(2);
        const cartKey = keys.find((key) => key.includes(':cart:'));
        const sessionKey = keys.find((key) => key.includes(':session:'));
        expect(await raw.hgetall(cartKey ?? 'missing')).toEqual({ '12': '2' });
        expect(await raw.hget(sessionKey ?? 'missing', 'userId')).toBe('7');
      } finally {
        await store.close();
      }
    });

    it('gives the cart an expiry no later than its session, and leaves the session TTL alone', async () => {
      const store = await redisFactory.create({ url, settings: { namespace: NAMESPACE_A } });
      try {
        const id = uniqueId('cart-ttl');
        await role(store, 'sessions').startSession({ id, userId: 7 }, 3600);
        // Make the session's TTL recognisably shorter than the one startSession set.
        const [sessionKey] = (await keysOf(raw, NAMESPACE_A)).filter((key) => key.includes(id));
        await raw.pexpire(sessionKey ?? 'missing', 50_000);
        await role(store, 'sessions').addToCart(id, { productId: 1, quantity: 1 });
        const cartKey = (await keysOf(raw, NAMESPACE_A)).find((key) => key.includes(':cart:'));
        const sessionExpiry = await raw.pexpiretime(sessionKey ?? 'missing');
        const cartExpiry = await raw.pexpiretime(cartKey ?? 'missing');
        expect(cartExpiry).toBeGreaterThan(0);
        expect(cartExpiry).toBeLessThanOrEqual(sessionExpiry);
        // addToCart did not reset the session to a fresh hour.
        expect(await raw.pttl(sessionKey ?? 'missing')).toBeLessThanOrEqual(50_000);
      } finally {
        await store.close();
      }
    });

    it('sums 20 concurrent additions to one cart line', async () => {
      const store = await redisFactory.create({ url, settings: { namespace: NAMESPACE_A } });
      try {
        const id = uniqueId('concurrent');
        await role(store, 'sessions').startSession({ id, userId: 7 }, 3600);
        await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            role(store, 'sessions').addToCart(id, { productId: 1 + (index % 2), quantity: index + 1 }),
          ),
        );
        // Odd quantities 1..19 went to product 1, even 2..20 to product 2.
        expect(await role(store, 'sessions').getCart(id)).toEqual([
          { productId: 1, quantity: 100 },
          { productId: 2, quantity: 110 },
        ]);
      } finally {
        await store.close();
      }
    });

    describe('namespaces', () => {
      let a: StoreAdapter;
      let b: StoreAdapter;
      beforeAll(async () => {
        a = await redisFactory.create({ url, settings: { namespace: NAMESPACE_A } });
        b = await redisFactory.create({ url, settings: { namespace: NAMESPACE_B } });
      });
      afterAll(async () => {
        await a.close();
        await b.close();
      });

      it('keeps stores with different namespaces apart', async () => {
        const id = uniqueId('shared-id');
        await role(a, 'sessions').startSession({ id, userId: 1 }, 3600);
        await role(a, 'sessions').addToCart(id, { productId: 3, quantity: 1 });
        expect(await role(b, 'sessions').getSession(id)).toBeNull();
        expect(await role(b, 'sessions').getCart(id)).toEqual([]);
        await expect(role(b, 'sessions').addToCart(id, { productId: 3, quantity: 1 })).rejects.toThrow();
      });

      it('close() deletes its own keys and no one else’s', async () => {
        const foreignKey = `${NAMESPACE_A}_not_ours:${uniqueId('foreign')}`;
        await raw.set(foreignKey, 'keep me', 'EX', 600);
        const closing = await redisFactory.create({
          url,
          settings: { namespace: 'polyglot_bench_test_redis_c' },
        });
        const id = uniqueId('closing');
        await role(closing, 'sessions').startSession({ id, userId: 1 }, 3600);
        await role(closing, 'sessions').addToCart(id, { productId: 1, quantity: 1 });
        await role(b, 'sessions').startSession({ id, userId: 2 }, 3600);
        expect(await keysOf(raw, 'polyglot_bench_test_redis_c')).toHaveLength(2);

        await closing.close();

        expect(await keysOf(raw, 'polyglot_bench_test_redis_c')).toEqual([]);
        expect(await raw.get(foreignKey)).toBe('keep me');
        expect(await role(b, 'sessions').getSession(id)).toMatchObject({ id, userId: 2 });
        await raw.del(foreignKey);
      });

      it('create() deletes leftovers of its namespace', async () => {
        const namespace = 'polyglot_bench_test_redis_d';
        await raw.set(`${namespace}:session:{left-over}`, 'from a crashed run', 'EX', 600);
        const fresh = await redisFactory.create({ url, settings: { namespace } });
        try {
          expect(await keysOf(raw, namespace)).toEqual([]);
        } finally {
          await fresh.close();
        }
      });
    });

    it('refuses a namespace that could match other keys', async () => {
      await expect(redisFactory.create({ url, settings: { namespace: 'polyglot*' } })).rejects.toThrow(
        UserError,
      );
      await expect(redisFactory.create({ url, settings: { namespace: 'a:b' } })).rejects.toThrow(/namespace/);
    });
  });
});

describe('redis adapter without a server', () => {
  // Nothing listens on 6399 here (a neighbour of Redis's 6379 that no local-stores service uses).
  it('says in one line which server it could not reach', async () => {
    const failure = redisFactory.create({ url: 'redis://127.0.0.1:6399' });
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(/^store redis at redis:\/\/127\.0\.0\.1:6399: connection refused$/);
  });

  it('never prints the password of an unreachable server', async () => {
    const failure = redisFactory.create({ url: 'redis://:s3cret@127.0.0.1:6399' });
    await expect(failure).rejects.toThrow('store redis at redis://:***@127.0.0.1:6399: connection refused');
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('refuses a url of another engine', async () => {
    await expect(redisFactory.create({ url: 'memcached://127.0.0.1:11211' })).rejects.toThrow(
      /store redis at memcached:\/\/127\.0\.0\.1:11211: the url must start with redis:\/\//,
    );
  });
});
