// MiniSearch: an in-process full-text index (fields, BM25 relevance, filters, incremental add/discard), the
// embedded stand-in for OpenSearch serving search in the zero-setup polyglot layout.
import type { EngineDescriptor } from '../descriptor.js';

export const minisearchEngine: EngineDescriptor = {
  kind: 'minisearch',
  engine: 'MiniSearch',
  roles: ['search'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: true,
  load: async () => (await import('./factory.js')).minisearchFactory,
};
