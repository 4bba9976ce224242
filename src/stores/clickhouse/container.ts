// ClickHouse under --provision docker (and docker-compose.yml's clickhouse service, held equal to this by
// test/provision/compose-file.test.ts).
import type { ContainerRecipe } from '../container-recipe.js';

export const clickhouseContainer: ContainerRecipe = {
  image: 'clickhouse/clickhouse-server:26.8.15.10',
  port: 8123,
  // Without it the entrypoint restricts the password-less `default` user to connections from inside the
  // container; with it, `default` with an empty password works from the host, as on the local server.
  environment: { CLICKHOUSE_SKIP_USER_SETUP: '1' },
  healthcheck: ['CMD', 'clickhouse-client', '--query', 'SELECT 1'],
  // ClickHouse's Docker documentation asks for this many open files.
  nofile: 262144,
  url: (host, port) => `http://${host}:${port}`,
};
