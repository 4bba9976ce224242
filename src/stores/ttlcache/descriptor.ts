// The in-process TTL cache: the embedded stand-in for Redis, serving sessions.
import type { EngineDescriptor } from '../descriptor.js';

export const ttlcacheEngine: EngineDescriptor = {
  kind: 'ttlcache',
  engine: 'TTL cache (Redis-style)',
  roles: ['sessions'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: true,
  load: async () => (await import('../ttlcache.js')).ttlcacheFactory,
};
