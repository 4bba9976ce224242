// OpenSearch, the Apache-2.0 fork of Elasticsearch 7.10 (the same REST search and aggregation API): full-text
// product search in the polyglot layout on servers, and analytics as terms/sum aggregations.
import type { EngineDescriptor } from '../descriptor.js';
import { opensearchContainer } from './container.js';

export const opensearchEngine: EngineDescriptor = {
  kind: 'opensearch',
  engine: 'OpenSearch (Elasticsearch 7.10 API)',
  roles: ['analytics', 'search'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('./factory.js')).opensearchFactory,
  server: {
    // The client is handed the URL's origin as it is, so a URL without a port reaches the scheme's port.
    defaultPorts: { 'http:': 80, 'https:': 443 },
    local: { url: 'http://127.0.0.1:9200', startedBy: 'scripts/local-stores.d/opensearch.sh' },
    compose: { service: 'opensearch', url: 'http://127.0.0.1:9200' },
    container: opensearchContainer,
  },
};
