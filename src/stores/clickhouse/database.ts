// The store's own database: created fresh on open (a leftover of the same name is an earlier run of the tool that
// did not close), dropped on close. Queries name tables as `database`.`table`, so one client serves set-up and
// roles, and no statement can reach another database by default.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { StoreInfo } from '../types.js';
import { openFailure } from './errors.js';
import { salesTableDdl } from './schema.js';
import type { ClickhouseServer } from './settings.js';
import { sqlIdentifier } from './sql.js';

export interface OwnDatabase {
  client: ClickHouseClient;
  /** The namespace, a checked identifier. */
  database: string;
  info: StoreInfo;
  /** Drops the database (only it) and closes the client; a second call does nothing. */
  drop(): Promise<void>;
}

/** Rows of a SELECT, in JSONEachRow (a format every ClickHouse version speaks). */
export async function selectRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const result = await client.query({ query, format: 'JSONEachRow' });
  return result.json<T>();
}

async function serverVersion(client: ClickHouseClient): Promise<string> {
  const [row] = await selectRows<{ version: string }>(client, 'SELECT version() AS version');
  return row?.version ?? 'unknown';
}

async function recreate(client: ClickHouseClient, database: string): Promise<void> {
  await client.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
  await client.command({ query: `CREATE DATABASE ${sqlIdentifier(database)}` });
  try {
    await client.command({ query: salesTableDdl(database) });
  } catch (error) {
    await client
      .command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` })
      .catch(() => undefined);
    throw error;
  }
}

export async function openOwnDatabase(server: ClickhouseServer, database: string): Promise<OwnDatabase> {
  const client = createClient({
    url: server.origin,
    username: server.username,
    password: server.password,
    // Failures reach the caller as errors (a UserError at open, a counted error during a run); the client's own
    // logging would print each one a second time, with a stack, in the middle of the run's output.
    log: { level: ClickHouseLogLevel.OFF },
  });
  let info: StoreInfo;
  try {
    // /ping answers without credentials: it tells "no server there" apart from the login failing just after.
    const ping = await client.ping();
    if (!ping.success) throw ping.error;
    const version = await serverVersion(client);
    await recreate(client, database);
    info = { engine: 'ClickHouse', version, embedded: false, address: server.address };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw openFailure(server.address, error);
  }

  let dropped = false;
  return {
    client,
    database,
    info,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await client.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
      } finally {
        await client.close();
      }
    },
  };
}
