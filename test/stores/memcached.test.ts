// The memcached sessions adapter against a real memcached: the shared sessions contract, plus CAS under
// concurrency, namespaces and fresh instances, the unreachable-server message, and the reply framing on its own.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memcachedFactory } from '../../src/stores/memcached.js';
import { parseReply, ProtocolError } from '../../src/stores/memcached/replies.js';
import { role, uniqueId, useStore } from '../contracts/fixture.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';
import { describeWithServer } from '../servers/server.js';

const CONTRACT_NAMESPACE = 'polyglot_bench_test_memcached_contract';
const NAMESPACE_A = 'polyglot_bench_test_memcached_a';
const NAMESPACE_B = 'polyglot_bench_test_memcached_b';

await describeWithServer('memcached', (url) => {
  describeFootprintContract(
    'memcached',
    () => memcachedFactory.create({ url, settings: { namespace: CONTRACT_NAMESPACE } }),
    { sizeMayBeUnreported: true, url },
  );
  describeSessionsContract('memcached', () =>
    memcachedFactory.create({ url, settings: { namespace: CONTRACT_NAMESPACE } }),
  );

  describe('memcached adapter', () => {
    const store = useStore(() => memcachedFactory.create({ url, settings: { namespace: NAMESPACE_A } }));
    const other = useStore(() => memcachedFactory.create({ url, settings: { namespace: NAMESPACE_B } }));
    const sessions = () => role(store(), 'sessions');

    it('reports the engine, its version and where it is', () => {
      expect(store().kind).toBe('memcached');
      expect(store().info).toMatchObject({ engine: 'Memcached', embedded: false, address: url });
      expect(store().info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(Object.keys(store().roles)).toEqual(['sessions']);
    });

    it('sums 20 concurrent additions to one cart (CAS retries instead of losing updates)', async () => {
      const id = uniqueId('concurrent');
      await sessions().startSession({ id, userId: 7 }, 3600);
      // All 20 read the same version before any writes back: without CAS, most of these additions would be lost.
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          sessions().addToCart(id, { productId: 1 + (index % 2), quantity: index + 1 }),
        ),
      );
      expect(await sessions().getCart(id)).toEqual([
        { productId: 1, quantity: 100 },
        { productId: 2, quantity: 110 },
      ]);
    });

    it('keeps stores with different namespaces apart', async () => {
      const id = uniqueId('shared-id');
      await sessions().startSession({ id, userId: 1 }, 3600);
      expect(await role(other(), 'sessions').getSession(id)).toBeNull();
      await expect(role(other(), 'sessions').addToCart(id, { productId: 1, quantity: 1 })).rejects.toThrow();
    });

    it('starts every instance empty, even in a namespace an earlier instance used', async () => {
      const id = uniqueId('left-over');
      await sessions().startSession({ id, userId: 1 }, 3600);
      const next = await memcachedFactory.create({ url, settings: { namespace: NAMESPACE_A } });
      try {
        expect(await role(next, 'sessions').getSession(id)).toBeNull();
        // …while the first instance still has it.
        expect(await sessions().getSession(id)).not.toBeNull();
      } finally {
        await next.close();
      }
    });

    it('refuses session ids memcached cannot hold as keys, before they reach the wire', async () => {
      await expect(sessions().startSession({ id: 'has a space', userId: 1 }, 60)).rejects.toThrow(
        /memcached key/,
      );
      // The connection is still in step afterwards.
      const id = uniqueId('after-bad-key');
      await sessions().startSession({ id, userId: 3 }, 60);
      expect(await sessions().getSession(id)).toMatchObject({ id, userId: 3 });
    });

    it('fails every call after close()', async () => {
      const closing = await memcachedFactory.create({ url, settings: { namespace: NAMESPACE_B } });
      await closing.close();
      await expect(role(closing, 'sessions').getSession('any')).rejects.toThrow(/closed/);
    });
  });
});

describe('memcached adapter without a server', () => {
  // Nothing listens on 11299 here.
  it('says in one line which server it could not reach', async () => {
    const failure = memcachedFactory.create({ url: 'memcached://127.0.0.1:11299' });
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(
      /^store memcached at memcached:\/\/127\.0\.0\.1:11299: connection refused$/,
    );
  });

  it('refuses credentials, which only the binary protocol (SASL) could use', async () => {
    await expect(memcachedFactory.create({ url: 'memcached://user:pw@127.0.0.1:11299' })).rejects.toThrow(
      'store memcached at memcached://user:***@127.0.0.1:11299: SASL authentication (user:password in the url) is not supported',
    );
  });

  it('refuses a url of another engine', async () => {
    await expect(memcachedFactory.create({ url: 'redis://127.0.0.1:6379' })).rejects.toThrow(
      /the url must start with memcached:\/\//,
    );
  });
});

describe('memcached reply framing', () => {
  const bytes = (text: string) => Buffer.from(text, 'latin1');

  it('reads a status line and says how much of the buffer it used', () => {
    expect(parseReply(bytes('STORED\r\nEXISTS\r\n'), 'line')).toEqual({
      reply: { kind: 'line', line: 'STORED' },
      length: 8,
    });
  });

  it('reads VALUE blocks with their CAS unique up to END', () => {
    const parsed = parseReply(bytes('VALUE k 0 5 42\r\nab\r\nc\r\nEND\r\nSTORED\r\n'), 'values');
    expect(parsed?.length).toBe('VALUE k 0 5 42\r\nab\r\nc\r\nEND\r\n'.length);
    expect(parsed?.reply).toMatchObject({ kind: 'values', values: [{ key: 'k', flags: 0, cas: '42' }] });
    // The data is taken by its byte count, so a CRLF inside it does not end it.
    if (parsed?.reply.kind === 'values') expect(parsed.reply.values[0]?.data.toString()).toBe('ab\r\nc');
  });

  it('waits for the rest of a reply cut anywhere', () => {
    const whole = 'VALUE k 0 3 7\r\nabc\r\nEND\r\n';
    for (let cut = 0; cut < whole.length; cut += 1) {
      expect(parseReply(bytes(whole.slice(0, cut)), 'values')).toBeNull();
    }
    expect(parseReply(bytes(whole), 'values')?.length).toBe(whole.length);
  });

  it('reads a miss as no values, and an error line as an error of either shape', () => {
    expect(parseReply(bytes('END\r\n'), 'values')?.reply).toEqual({ kind: 'values', values: [] });
    expect(parseReply(bytes('SERVER_ERROR out of memory\r\n'), 'values')?.reply).toEqual({
      kind: 'error',
      line: 'SERVER_ERROR out of memory',
    });
    expect(parseReply(bytes('CLIENT_ERROR bad command line format\r\n'), 'line')?.reply.kind).toBe('error');
  });

  it('rejects a stream it cannot pair with the command', () => {
    expect(() => parseReply(bytes('STORED\r\n'), 'values')).toThrow(ProtocolError);
    expect(() => parseReply(bytes('VALUE k 0 3\r\nabcd\r\nEND\r\n'), 'values')).toThrow(ProtocolError);
  });
});
