// One container recipe per server engine: image, environment, command and health check. docker-compose.yml
// declares the same services by hand (users read and edit it); test/provision/compose-file.test.ts holds the two
// equal, so `--provision docker` and `docker compose up` always run the same versions with the same settings.
// No testcontainers import here: the compose test and the CLI read these recipes without loading it.

/** A Docker HEALTHCHECK test in exec form, as compose and the Docker API both take it. */
export type HealthTest = ['CMD', ...string[]];

export interface EngineContainer {
  /** Image with an exact version tag. */
  image: string;
  /** The container port the adapter talks to (the only one published). */
  port: number;
  environment: Record<string, string>;
  /** Arguments replacing the image's CMD; absent = the image's own. */
  command?: string[];
  /** Passes once the server accepts the adapter's connections (for MongoDB: once the replica set has a primary). */
  healthcheck: HealthTest;
  /** /dev/shm size in bytes, where the engine needs more than Docker's 64 MB default. */
  shmSize?: number;
  /** nofile limit, where the engine's documentation asks for more than Docker's default. */
  nofile?: number;
  /** The adapter URL of this engine published at host:port, with the credentials the environment sets up. */
  url(host: string, port: number): string;
}

// The member address is 127.0.0.1:27017, the address the server has inside its own container: mongod accepts it
// as itself, and a client on the host reaches the member through the published port only with
// directConnection=true (it then talks to the address it was given instead of the member list). rs.status()
// throws until rs.initiate() ran; the check passes only once this node is the writable primary, because
// transactions and change streams need one.
const MONGO_HEALTH_SCRIPT =
  "try { rs.status() } catch (e) { rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:27017' }] }) } " +
  'if (!db.hello().isWritablePrimary) quit(1)';

export const ENGINE_CONTAINERS: Record<string, EngineContainer> = {
  postgres: {
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
  },
  mysql: {
    image: 'mysql:8.4.11',
    port: 3306,
    // root with an empty password and database test: the same URL as the local MariaDB.
    environment: { MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_DATABASE: 'test' },
    // Over TCP: the initialisation server runs with --skip-networking, so this passes only for the real one.
    healthcheck: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '-u', 'root', '--silent'],
    url: (host, port) => `mysql://root@${host}:${port}/test`,
  },
  redis: {
    image: 'redis:8.10.2-alpine',
    port: 6379,
    environment: {},
    // Nothing on disk, as the local server: snapshots fork the server and would show up as latency spikes.
    command: ['redis-server', '--save', '', '--appendonly', 'no'],
    healthcheck: ['CMD', 'redis-cli', 'ping'],
    url: (host, port) => `redis://${host}:${port}`,
  },
  memcached: {
    image: 'memcached:1.6.45',
    port: 11211,
    environment: {},
    // The image ships no memcached client; bash's /dev/tcp speaks the text protocol's `version` command.
    healthcheck: [
      'CMD',
      'bash',
      '-c',
      'exec 3<>/dev/tcp/127.0.0.1/11211 && echo version >&3 && timeout 2 head -n 1 <&3 | grep -q VERSION',
    ],
    url: (host, port) => `memcached://${host}:${port}`,
  },
  clickhouse: {
    image: 'clickhouse/clickhouse-server:26.8.15.10',
    port: 8123,
    // Without it the entrypoint restricts the password-less `default` user to connections from inside the
    // container; with it, `default` with an empty password works from the host, as on the local server.
    environment: { CLICKHOUSE_SKIP_USER_SETUP: '1' },
    healthcheck: ['CMD', 'clickhouse-client', '--query', 'SELECT 1'],
    // ClickHouse's Docker documentation asks for this many open files.
    nofile: 262144,
    url: (host, port) => `http://${host}:${port}`,
  },
  mongodb: {
    image: 'mongo:8.0.32',
    port: 27017,
    environment: {},
    // A one-node replica set: multi-document transactions and change streams need one.
    command: ['--replSet', 'rs0', '--bind_ip_all'],
    healthcheck: ['CMD', 'mongosh', '--quiet', '--eval', MONGO_HEALTH_SCRIPT],
    url: (host, port) => `mongodb://${host}:${port}/?directConnection=true`,
  },
  neo4j: {
    image: 'neo4j:5.26.31-community',
    port: 7687,
    // Authentication off, as the local server; memory kept modest for laptops (the local server uses 128m).
    environment: {
      NEO4J_AUTH: 'none',
      NEO4J_server_memory_pagecache_size: '256m',
      NEO4J_server_memory_heap_max__size: '1g',
    },
    // Over Bolt, the protocol the adapter uses; cypher-shell is on the image's PATH.
    healthcheck: ['CMD', 'cypher-shell', '-a', 'bolt://127.0.0.1:7687', 'RETURN 1'],
    url: (host, port) => `bolt://${host}:${port}`,
  },
};

export function engineContainer(engine: string): EngineContainer | undefined {
  return Object.hasOwn(ENGINE_CONTAINERS, engine) ? ENGINE_CONTAINERS[engine] : undefined;
}
