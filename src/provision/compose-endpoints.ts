// Where docker-compose.yml publishes each engine, in the URL forms the store adapters take, from each server
// engine's descriptor. The host ports and credentials are the local servers' own (scripts/local-stores.sh,
// test/servers/server.ts), so one set of URLs reaches either kind; the only difference is MongoDB's
// directConnection=true, which the one-node replica set in the compose file needs and a standalone server
// ignores. test/provision/compose-file.test.ts parses the compose file and fails when a port, a credential or the
// replica set drifts from these URLs.
import { byServerKind } from '../stores/engine-lookup.js';

export const COMPOSE_URLS: Readonly<Record<string, string>> = byServerKind(
  (engine) => engine.server.compose?.url,
);
