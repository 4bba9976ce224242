// Redis under --provision docker (and docker-compose.yml's redis service, held equal to this by
// test/provision/compose-file.test.ts).
import type { ContainerRecipe } from '../container-recipe.js';

export const redisContainer: ContainerRecipe = {
  image: 'redis:8.10.2-alpine',
  port: 6379,
  environment: {},
  // Nothing on disk, as the local server: snapshots fork the server and would show up as latency spikes.
  command: ['redis-server', '--save', '', '--appendonly', 'no'],
  healthcheck: ['CMD', 'redis-cli', 'ping'],
  url: (host, port) => `redis://${host}:${port}`,
};
