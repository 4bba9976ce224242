// Where the local servers of scripts/local-stores.sh listen (and the machine's own PostgreSQL, MariaDB,
// Redis). POLYGLOT_BENCH_<ENGINE>_URL, as `scripts/local-stores.sh env` prints, overrides each.
export const LOCAL_URLS: Readonly<Record<string, string>> = {
  postgres: 'postgres://postgres@127.0.0.1:5432/test',
  mysql: 'mysql://root@127.0.0.1:3306/test',
  redis: 'redis://127.0.0.1:6379',
  memcached: 'memcached://127.0.0.1:11211',
  clickhouse: 'http://127.0.0.1:8123',
  mongodb: 'mongodb://127.0.0.1:27017',
  neo4j: 'bolt://127.0.0.1:7687',
  couchdb: 'http://127.0.0.1:5984',
};

export function engineUrlVariable(engine: string): string {
  return `POLYGLOT_BENCH_${engine.toUpperCase()}_URL`;
}

/** A named store's URL override: stores.<name> in the scenario → POLYGLOT_BENCH_STORE_<NAME>_URL. */
export function storeUrlVariable(storeName: string): string {
  return `POLYGLOT_BENCH_STORE_${storeName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** The engine URLs of a preset with the environment's overrides applied. */
export function withEnvOverrides(
  urls: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const result: Record<string, string> = { ...urls };
  for (const engine of Object.keys(urls)) {
    const override = env[engineUrlVariable(engine)];
    if (override) result[engine] = override;
  }
  return result;
}
