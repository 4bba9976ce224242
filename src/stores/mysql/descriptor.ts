// MySQL and MariaDB servers (one protocol, one adapter): every role and the one-transaction checkout.
import { ROLE_NAMES } from '../../roles.js';
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { mysqlContainer } from './container.js';

export const mysqlEngine: EngineDescriptor = {
  kind: 'mysql',
  engine: 'MySQL',
  roles: ROLE_NAMES,
  capabilities: { atomicCheckout: 'yes', cdcSource: false, crossStore: true },
  embedded: false,
  load: async () => (await import('../mysql.js')).mysqlFactory,
  server: {
    defaultPorts: samePort(3306, ['mysql:']),
    // The machine's own MariaDB.
    local: { url: 'mysql://root@127.0.0.1:3306/test', startedBy: 'scripts/local-stores.sh' },
    compose: { service: 'mysql', url: 'mysql://root@127.0.0.1:3306/test' },
    container: mysqlContainer,
  },
};
