// The in-process document store: the embedded stand-in for MongoDB, serving catalog and orders.
import type { EngineDescriptor } from '../descriptor.js';

export const docstoreEngine: EngineDescriptor = {
  kind: 'docstore',
  engine: 'document store (MongoDB-style, mingo)',
  roles: ['catalog', 'orders'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: true,
  load: async () => (await import('../docstore.js')).docstoreFactory,
};
