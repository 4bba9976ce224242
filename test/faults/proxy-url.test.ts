// Store URLs rewritten to go through the fault proxy: where each engine's URL points, the same URL pointing at
// the proxy with everything else kept, and the forms that would let a driver go around the proxy.
import { describe, expect, it } from 'vitest';
import { LOCAL_URLS } from '../../src/provision/local-endpoints.js';
import { proxiedUrl, proxyTargetOf } from '../../src/faults/proxy-url.js';
import { SERVER_ENGINES } from '../../src/stores/engine-lookup.js';

const PROXY = { host: '127.0.0.1', port: 40123 };

describe('proxyTargetOf', () => {
  it('reads host and port of every local endpoint', () => {
    const expected: Record<string, number> = {
      postgres: 5432,
      mysql: 3306,
      redis: 6379,
      memcached: 11211,
      clickhouse: 8123,
      mongodb: 27017,
      neo4j: 7687,
      couchdb: 5984,
    };
    for (const [engine, port] of Object.entries(expected)) {
      expect(proxyTargetOf(engine, LOCAL_URLS[engine]!), engine).toEqual({ host: '127.0.0.1', port });
    }
  });

  it("uses the engine's default port when the URL has none", () => {
    expect(proxyTargetOf('postgres', 'postgresql://u:p@db.example/shop')).toEqual({
      host: 'db.example',
      port: 5432,
    });
    expect(proxyTargetOf('mysql', 'mysql://root@db')).toEqual({ host: 'db', port: 3306 });
    expect(proxyTargetOf('redis', 'rediss://cache')).toEqual({ host: 'cache', port: 6379 });
    expect(proxyTargetOf('memcached', 'memcached://mc')).toEqual({ host: 'mc', port: 11211 });
    expect(proxyTargetOf('mongodb', 'mongodb://docs/shop')).toEqual({ host: 'docs', port: 27017 });
    expect(proxyTargetOf('neo4j', 'neo4j://graph')).toEqual({ host: 'graph', port: 7687 });
  });

  it('takes the scheme port for the HTTP engines, where their drivers would connect', () => {
    expect(proxyTargetOf('clickhouse', 'http://ch')).toEqual({ host: 'ch', port: 80 });
    expect(proxyTargetOf('couchdb', 'https://couch')).toEqual({ host: 'couch', port: 443 });
    expect(proxyTargetOf('couchdb', 'http://couch:80')).toEqual({ host: 'couch', port: 80 });
  });

  it('gives an IPv6 host without brackets', () => {
    expect(proxyTargetOf('postgres', 'postgres://[::1]:5433/db')).toEqual({ host: '::1', port: 5433 });
  });
});

describe('proxiedUrl', () => {
  it('points the URL at the proxy and keeps user, password, path and query', () => {
    expect(
      proxiedUrl('postgres', 'postgres://bench:s3cret@db.example:6432/shop?sslmode=disable', PROXY),
    ).toBe('postgres://bench:s3cret@127.0.0.1:40123/shop?sslmode=disable');
    expect(proxiedUrl('postgres', 'postgresql://db/shop', PROXY)).toBe('postgresql://127.0.0.1:40123/shop');
    expect(proxiedUrl('mysql', 'mysql://root:pw@db:3307/test?charset=utf8mb4', PROXY)).toBe(
      'mysql://root:pw@127.0.0.1:40123/test?charset=utf8mb4',
    );
    expect(proxiedUrl('redis', 'redis://:pw@cache:6380/2', PROXY)).toBe('redis://:pw@127.0.0.1:40123/2');
    expect(proxiedUrl('redis', 'rediss://cache', PROXY)).toBe('rediss://127.0.0.1:40123');
    expect(proxiedUrl('memcached', 'memcached://127.0.0.1:11211', PROXY)).toBe('memcached://127.0.0.1:40123');
    expect(proxiedUrl('clickhouse', 'http://default:pw@ch:8123/?x=1', PROXY)).toBe(
      'http://default:pw@127.0.0.1:40123/?x=1',
    );
    expect(proxiedUrl('couchdb', 'http://admin:pw@couch:5984/couchdb', PROXY)).toBe(
      'http://admin:pw@127.0.0.1:40123/couchdb',
    );
    expect(proxiedUrl('neo4j', 'bolt://neo4j:pw@graph:7687', PROXY)).toBe('bolt://neo4j:pw@127.0.0.1:40123');
  });

  it('turns neo4j:// (routing: the driver would follow the advertised addresses) into bolt://', () => {
    expect(proxiedUrl('neo4j', 'neo4j://neo4j:pw@graph:7687?policy=eu', PROXY)).toBe(
      'bolt://neo4j:pw@127.0.0.1:40123',
    );
    expect(proxiedUrl('neo4j', 'neo4j+s://graph', PROXY)).toBe('bolt+s://127.0.0.1:40123');
  });

  it('adds directConnection=true to a mongodb:// URL (a replica set would send the driver to its members)', () => {
    expect(proxiedUrl('mongodb', 'mongodb://127.0.0.1:27017', PROXY)).toBe(
      'mongodb://127.0.0.1:40123/?directConnection=true',
    );
    expect(
      proxiedUrl('mongodb', 'mongodb://u:p@docs:27018/shop?replicaSet=rs0&directConnection=false', PROXY),
    ).toBe('mongodb://u:p@127.0.0.1:40123/shop?replicaSet=rs0&directConnection=true');
    // Other options stay exactly as written.
    expect(proxiedUrl('mongodb', 'mongodb://docs/?authMechanismProperties=A:b,C:d', PROXY)).toBe(
      'mongodb://127.0.0.1:40123/?authMechanismProperties=A:b,C:d&directConnection=true',
    );
    // A load balancer in front discovers nothing, and the driver rejects directConnection with it.
    expect(proxiedUrl('mongodb', 'mongodb://lb/?loadBalanced=true', PROXY)).toBe(
      'mongodb://127.0.0.1:40123/?loadBalanced=true',
    );
  });

  it('refuses mongodb+srv:// and several hosts, naming the engine and the address without its password', () => {
    expect(() => proxiedUrl('mongodb', 'mongodb+srv://u:s3cret@cluster0.example.net/shop', PROXY)).toThrow(
      'fault proxy: store mongodb at mongodb+srv://u:***@cluster0.example.net/shop cannot be proxied: mongodb+srv:// names a DNS seed list of servers; give one server as mongodb://host:port',
    );
    expect(() => proxyTargetOf('mongodb', 'mongodb://u:s3cret@a:27017,b:27017/shop?replicaSet=rs0')).toThrow(
      'fault proxy: store mongodb at mongodb://u:***@a:27017,b:27017/shop?replicaSet=rs0 cannot be proxied: it names several servers, and the proxy stands in front of one',
    );
    expect(() => proxiedUrl('postgres', 'postgres://a,b/shop', PROXY)).toThrow(
      /store postgres .* several servers/,
    );
    for (const url of ['mongodb+srv://c/x', 'mongodb://a,b']) {
      let message = '';
      try {
        proxiedUrl('mongodb', url, PROXY);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toContain('\n');
    }
  });

  it('refuses a URL of another engine, a URL without a host, and an unknown engine', () => {
    expect(() => proxiedUrl('redis', 'postgres://db/shop', PROXY)).toThrow(
      'fault proxy: store redis at postgres://db/shop cannot be proxied: expected a URL starting with redis://, rediss://',
    );
    expect(() => proxiedUrl('postgres', 'not a url', PROXY)).toThrow(/store postgres .* not a valid URL/);
    expect(() => proxiedUrl('memcached', 'memcached:///x', PROXY)).toThrow(/names no host/);
    // The known engines are the server engines of the one engine list, in its order.
    const known = SERVER_ENGINES.map((engine) => engine.kind).join(', ');
    expect(known).toMatch(/^postgres, mysql, redis, memcached, clickhouse, mongodb, neo4j, couchdb/);
    expect(() => proxyTargetOf('oracle', 'oracle://db')).toThrow(
      `fault proxy: unknown engine "oracle" (known: ${known})`,
    );
  });

  it('brackets an IPv6 proxy host', () => {
    expect(proxiedUrl('redis', 'redis://cache:6379', { host: '::1', port: 40123 })).toBe(
      'redis://[::1]:40123',
    );
  });
});
