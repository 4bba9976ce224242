// PostgreSQL under --provision docker (and docker-compose.yml's postgres service, which test/provision/
// compose-file.test.ts holds equal to this).
import type { ContainerRecipe } from '../container-recipe.js';

export const postgresContainer: ContainerRecipe = {
  image: 'postgres:18.7',
  port: 5432,
  // trust + the postgres superuser + database test: the same URL as the local server (test/servers/server.ts).
  environment: { POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' },
  // -h 127.0.0.1: during initialisation the entrypoint runs a temporary server on the unix socket only, which
  // would pass a socket check before the real server is up.
  healthcheck: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'test'],
  // Parallel query workers allocate dynamic shared memory in /dev/shm; 64 MB fails on larger scans.
  shmSize: 256 * 1024 * 1024,
  url: (host, port) => `postgres://postgres@${host}:${port}/test`,
};
