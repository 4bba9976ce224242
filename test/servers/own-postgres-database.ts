// A PostgreSQL database of a test file's own: suites open stores in the default namespace (schema polyglot_bench,
// guarded by a lock), so suites that run at the same time must not share a database.
import pg from 'pg';

export interface OwnDatabase {
  name: string;
  /** The server's URL pointing at this database. */
  url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function ownPostgresDatabase(serverUrl: string, prefix: string): OwnDatabase {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    create: () => onServer(serverUrl, `CREATE DATABASE ${name}`),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
