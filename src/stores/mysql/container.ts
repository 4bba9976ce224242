// MySQL under --provision docker (and docker-compose.yml's mysql service, held equal to this by
// test/provision/compose-file.test.ts).
import type { ContainerRecipe } from '../container-recipe.js';

export const mysqlContainer: ContainerRecipe = {
  image: 'mysql:8.4.11',
  port: 3306,
  // root with an empty password and database test: the same URL as the local MariaDB.
  environment: { MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_DATABASE: 'test' },
  // Over TCP: the initialisation server runs with --skip-networking, so this passes only for the real one.
  healthcheck: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '-u', 'root', '--silent'],
  url: (host, port) => `mysql://root@${host}:${port}/test`,
};
