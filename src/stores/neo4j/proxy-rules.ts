// Neo4j URLs in front of the fault proxy. neo4j:// asks the server for a routing table and then connects to the
// addresses the server advertises — the real ones. bolt:// talks to the one address given.
import type { ProxyRules } from '../descriptor.js';

export const neo4jProxyRules: ProxyRules = {
  keepOnProxy(parsed) {
    if (!parsed.protocol.startsWith('neo4j')) return;
    parsed.protocol = parsed.protocol.replace(/^neo4j/, 'bolt');
    // The driver refuses query parameters under bolt://; under neo4j:// they only carried the routing context.
    parsed.search = '';
  },
};
