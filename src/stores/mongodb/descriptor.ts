// MongoDB: catalog and orders in the polyglot layout, every role but search in baseline-mongo, and the
// one-transaction checkout where the server runs transactions (a replica set or mongos; a standalone server has
// none). Not search: the local server (mongo-java-server 1.47) has no text index and no $text operator, so
// this version cannot serve it there or test it anywhere.
import { ROLE_NAMES } from '../../roles.js';
import { samePort, type EngineDescriptor } from '../descriptor.js';
import { mongodbContainer } from './container.js';
import { mongodbProxyRules } from './proxy-rules.js';

export const mongodbEngine: EngineDescriptor = {
  kind: 'mongodb',
  engine: 'MongoDB',
  roles: ROLE_NAMES.filter((role) => role !== 'search'),
  capabilities: { atomicCheckout: 'if-server-supports', cdcSource: false },
  embedded: false,
  load: async () => (await import('../mongodb.js')).mongodbFactory,
  server: {
    defaultPorts: samePort(27017, ['mongodb:']),
    proxy: mongodbProxyRules,
    local: { url: 'mongodb://127.0.0.1:27017', startedBy: 'scripts/local-stores.d/mongodb.sh' },
    // The compose file's one-node replica set is reachable from the host only with directConnection=true; a
    // standalone local server ignores it.
    compose: { service: 'mongodb', url: 'mongodb://127.0.0.1:27017/?directConnection=true' },
    container: mongodbContainer,
  },
};
