// The PostgreSQL server: every role, the one-transaction checkout, and the only cdc source (logical decoding of
// the outbox). Its role code is shared with PGlite in src/stores/sql/.
import { ROLE_NAMES } from '../../roles.js';
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { postgresContainer } from './container.js';

export const postgresEngine: EngineDescriptor = {
  kind: 'postgres',
  engine: 'PostgreSQL',
  roles: ROLE_NAMES,
  capabilities: { atomicCheckout: 'yes', cdcSource: true, crossStore: true },
  embedded: false,
  load: async () => (await import('../postgres.js')).postgresFactory,
  server: {
    defaultPorts: samePort(5432, ['postgres:', 'postgresql:']),
    // The machine's own cluster; the script sets wal_level = logical on it, for cdc.
    local: { url: 'postgres://postgres@127.0.0.1:5432/test', startedBy: 'scripts/local-stores.sh' },
    compose: { service: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' },
    container: postgresContainer,
  },
};
