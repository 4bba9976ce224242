// Where docker-compose.yml publishes each engine, in the URL forms the store adapters take. The host ports and
// credentials are the local servers' own (scripts/local-stores.sh, test/servers/server.ts), so one set of URLs
// reaches either kind; the only difference is MongoDB's directConnection=true, which the one-node replica set in
// the compose file needs and a standalone server ignores. test/provision/compose-file.test.ts parses the compose
// file and fails when a port, a credential or the replica set drifts from these URLs.
export const COMPOSE_URLS: Record<string, string> = {
  postgres: 'postgres://postgres@127.0.0.1:5432/test',
  mysql: 'mysql://root@127.0.0.1:3306/test',
  redis: 'redis://127.0.0.1:6379',
  memcached: 'memcached://127.0.0.1:11211',
  clickhouse: 'http://127.0.0.1:8123',
  mongodb: 'mongodb://127.0.0.1:27017/?directConnection=true',
  neo4j: 'bolt://127.0.0.1:7687',
};
