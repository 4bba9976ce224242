// PGlite: PostgreSQL compiled to WebAssembly, in-process; every role, and the baseline's one-transaction checkout.
import { ROLE_NAMES } from '../../roles.js';
import type { EngineDescriptor } from '../descriptor.js';

export const pgliteEngine: EngineDescriptor = {
  kind: 'pglite',
  engine: 'PostgreSQL',
  roles: ROLE_NAMES,
  // No logical decoding in PGlite: cdc needs the PostgreSQL server.
  capabilities: { atomicCheckout: 'yes', cdcSource: false, crossStore: true },
  embedded: true,
  load: async () => (await import('../pglite.js')).pgliteFactory,
};
