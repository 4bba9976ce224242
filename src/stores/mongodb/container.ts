// MongoDB under --provision docker (and docker-compose.yml's mongodb service, held equal to this by
// test/provision/compose-file.test.ts): a one-node replica set, since multi-document transactions and change
// streams need one.
import type { ContainerRecipe } from '../container-recipe.js';

// The member address is 127.0.0.1:27017, the address the server has inside its own container: mongod accepts it
// as itself, and a client on the host reaches the member through the published port only with
// directConnection=true (it then talks to the address it was given instead of the member list). rs.status()
// throws until rs.initiate() ran; the check passes only once this node is the writable primary, because
// transactions and change streams need one.
const MONGO_HEALTH_SCRIPT =
  "try { rs.status() } catch (e) { rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:27017' }] }) } " +
  'if (!db.hello().isWritablePrimary) quit(1)';

export const mongodbContainer: ContainerRecipe = {
  image: 'mongo:8.0.32',
  port: 27017,
  environment: {},
  command: ['--replSet', 'rs0', '--bind_ip_all'],
  healthcheck: ['CMD', 'mongosh', '--quiet', '--eval', MONGO_HEALTH_SCRIPT],
  url: (host, port) => `mongodb://${host}:${port}/?directConnection=true`,
};
