// Kuzu: the embedded stand-in for Neo4j (Cypher, in-process), serving the graph role.
import type { EngineDescriptor } from '../descriptor.js';

export const kuzuEngine: EngineDescriptor = {
  kind: 'kuzu',
  engine: 'Kuzu',
  roles: ['graph'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: true,
  // Kuzu is an optional dependency: its native module is loaded only by a layout that uses this store.
  load: async () => (await import('../kuzu.js')).kuzuFactory,
};
