// InfluxDB under --provision docker (and docker-compose.yml's influxdb service, held equal to this by
// test/provision/compose-file.test.ts): the 1.x line the local server runs, without authentication.
import type { ContainerRecipe } from '../container-recipe.js';

export const influxdbContainer: ContainerRecipe = {
  image: 'influxdb:1.8.10',
  port: 8086,
  environment: { INFLUXDB_REPORTING_DISABLED: 'true', INFLUXDB_HTTP_AUTH_ENABLED: 'false' },
  healthcheck: ['CMD', 'influx', '-execute', 'SHOW DATABASES'],
  url: (host, port) => `http://${host}:${port}`,
};
