// Store kinds a scenario may name. Embedded kinds run in-process (zero setup); server kinds need a URL.
export const EMBEDDED_STORE_KINDS = ['pglite', 'duckdb', 'kuzu', 'docstore', 'ttlcache'] as const;
export const SERVER_STORE_KINDS = [
  'postgres',
  'mysql',
  'redis',
  'memcached',
  'clickhouse',
  'mongodb',
  'neo4j',
  'couchdb',
] as const;
export const STORE_KINDS: readonly string[] = [...EMBEDDED_STORE_KINDS, ...SERVER_STORE_KINDS];

/** Layouts every scenario can name without defining them (baseline-mongo needs real servers: --stores). */
export const BUILTIN_LAYOUTS = ['baseline', 'polyglot', 'baseline-mongo'] as const;

/** What a scenario runs when it names no layouts. */
export const DEFAULT_LAYOUTS = ['baseline', 'polyglot'] as const;
