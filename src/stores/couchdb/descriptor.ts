// CouchDB over HTTP: the document store for catalog and orders, as an alternative to MongoDB. Only a local
// server so far: no compose service and no container recipe.
import type { EngineDescriptor } from '../descriptor.js';

export const couchdbEngine: EngineDescriptor = {
  kind: 'couchdb',
  engine: 'CouchDB',
  roles: ['catalog', 'orders'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('../couchdb.js')).couchdbFactory,
  server: {
    // The store hands its driver the URL's origin as it is, so a URL without a port reaches the scheme's port,
    // not 5984.
    defaultPorts: { 'http:': 80, 'https:': 443 },
    local: { url: 'http://127.0.0.1:5984', startedBy: 'scripts/local-stores.d/couchdb.sh' },
  },
};
