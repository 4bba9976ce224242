// ClickHouse over its HTTP interface: the polyglot layout's analytics store.
import type { EngineDescriptor } from '../descriptor.js';
import { clickhouseContainer } from './container.js';

export const clickhouseEngine: EngineDescriptor = {
  kind: 'clickhouse',
  engine: 'ClickHouse',
  roles: ['analytics'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('../clickhouse.js')).clickhouseFactory,
  server: {
    // The store hands its driver the URL's origin as it is, so a URL without a port reaches the scheme's port,
    // not 8123.
    defaultPorts: { 'http:': 80, 'https:': 443 },
    // The script moves to another port when 8123 is taken, and prints that URL.
    local: { url: 'http://127.0.0.1:8123', startedBy: 'scripts/local-stores.sh' },
    compose: { service: 'clickhouse', url: 'http://127.0.0.1:8123' },
    container: clickhouseContainer,
  },
};
