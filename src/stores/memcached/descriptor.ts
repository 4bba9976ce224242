// Memcached: a sessions store without server-side structure (carts are whole values).
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { memcachedContainer } from './container.js';

export const memcachedEngine: EngineDescriptor = {
  kind: 'memcached',
  engine: 'Memcached',
  roles: ['sessions'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('../memcached.js')).memcachedFactory,
  server: {
    defaultPorts: samePort(11211, ['memcached:']),
    local: { url: 'memcached://127.0.0.1:11211', startedBy: 'scripts/local-stores.sh' },
    compose: { service: 'memcached', url: 'memcached://127.0.0.1:11211' },
    container: memcachedContainer,
  },
};
