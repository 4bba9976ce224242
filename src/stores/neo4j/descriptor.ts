// Neo4j over Bolt: the polyglot layout's graph store.
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { neo4jContainer } from './container.js';
import { neo4jProxyRules } from './proxy-rules.js';

export const neo4jEngine: EngineDescriptor = {
  kind: 'neo4j',
  engine: 'Neo4j',
  roles: ['graph'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('../neo4j.js')).neo4jFactory,
  server: {
    defaultPorts: samePort(7687, ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:']),
    proxy: neo4jProxyRules,
    local: { url: 'bolt://127.0.0.1:7687', startedBy: 'scripts/local-stores.d/neo4j.sh' },
    compose: { service: 'neo4j', url: 'bolt://127.0.0.1:7687' },
    container: neo4jContainer,
  },
};
