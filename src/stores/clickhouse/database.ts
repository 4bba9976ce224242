// The store's own database: taken under a lease (lease.ts) so a second run on the same namespace is refused rather
// than dropping this one's tables; emptied on open (a leftover is an earlier run of the tool that did not close),
// dropped on close. Queries name tables as `database`.`table`, so one client serves set-up and
// roles, and no statement can reach another database by default.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { StoreInfo } from '../types.js';
import { acquireLease, type NamespaceLease } from '../namespace-lease.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { openFailure } from './errors.js';
import { clickhouseLease, dropLeftovers } from './lease.js';
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
  await dropLeftovers(client, database);
  try {
    await client.command({ query: salesTableDdl(database) });
  } catch (error) {
    await client
      .command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` })
      .catch(() => undefined);
    throw error;
  }
}

/** A client of the store's own on the server (the owner's, or an attached instance's: each has its own). */
export function serverClient(server: ClickhouseServer): ClickHouseClient {
  return createClient({
    url: server.origin,
    username: server.username,
    password: server.password,
    // Failures reach the caller as errors (a UserError at open, a counted error during a run); the client's own
    // logging would print each one a second time, with a stack, in the middle of the run's output.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/** The server's version, once it answered; throws what the caller turns into the open failure. */
export async function reachServer(client: ClickHouseClient): Promise<string> {
  // /ping answers without credentials: it tells "no server there" apart from the login failing just after.
  const ping = await client.ping();
  if (!ping.success) throw ping.error;
  return serverVersion(client);
}

export async function openOwnDatabase(server: ClickhouseServer, database: string): Promise<OwnDatabase> {
  const client = serverClient(server);
  let info: StoreInfo;
  let lease: NamespaceLease;
  try {
    const version = await reachServer(client);
    lease = await acquireLease(
      { store: `store clickhouse at ${server.address}`, namespace: database },
      clickhouseLease(client, database),
    );
    await recreate(client, database).catch((error: unknown) => {
      lease.stop();
      throw error;
    });
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
      lease.stop();
      try {
        // The lease goes with the database; a run whose lease was taken over as stale drops nothing.
        if (lease.stillOurs()) {
          await withinDeadline(
            client.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` }),
            CLEANUP_DEADLINE_MS,
            `store clickhouse at ${server.address}: clean-up`,
          );
        }
      } finally {
        await client.close();
      }
    },
  };
}
