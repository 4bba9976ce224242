// Redis: the polyglot layout's sessions store (keys with a TTL).
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { redisContainer } from './container.js';

export const redisEngine: EngineDescriptor = {
  kind: 'redis',
  engine: 'Redis',
  roles: ['sessions'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('../redis.js')).redisFactory,
  server: {
    defaultPorts: samePort(6379, ['redis:', 'rediss:']),
    local: { url: 'redis://127.0.0.1:6379', startedBy: 'scripts/local-stores.sh' },
    compose: { service: 'redis', url: 'redis://127.0.0.1:6379' },
    container: redisContainer,
  },
};
