// Joining the database another instance of this process opened, leased and holds (`run --workers N`, see
// StoreOptions.attach): a client of its own on the same server and database, nothing else. No lease is taken
// (the owner renews its own), nothing is emptied, created or dropped; close() only closes the client.
import type { ClickHouseClient } from '@clickhouse/client';
import { UserError } from '../../errors.js';
import type { StoreInfo } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { reachServer, selectRows, serverClient } from './database.js';
import { openFailure } from './errors.js';
import { SALES_TABLE } from './schema.js';
import type { ClickhouseServer } from './settings.js';
import { sqlString } from './sql.js';

export interface AttachedDatabase {
  client: ClickHouseClient;
  database: string;
  info: StoreInfo;
  /** Closes the client only; a second call does nothing. */
  close(): Promise<void>;
}

export async function attachOwnDatabase(
  server: ClickhouseServer,
  database: string,
): Promise<AttachedDatabase> {
  const client = serverClient(server);
  let version: string;
  try {
    version = await reachServer(client);
    // A read only: an attach to a namespace nobody opened fails here, in one line, not on every call of the run.
    const tables = await selectRows<{ name: string }>(
      client,
      `SELECT name FROM system.tables WHERE database = ${sqlString(database)} AND name = ${sqlString(SALES_TABLE)}`,
    );
    if (tables.length === 0) {
      throw new UserError(
        `store clickhouse at ${server.address}: cannot attach to namespace ${database}: ` +
          'no store of this run has it open',
      );
    }
  } catch (error) {
    await client.close().catch(() => undefined);
    throw openFailure(server.address, error);
  }
  let closed = false;
  return {
    client,
    database,
    info: { engine: 'ClickHouse', version, embedded: false, address: server.address },
    async close() {
      if (closed) return;
      closed = true;
      await withinDeadline(
        client.close(),
        CLEANUP_DEADLINE_MS,
        `store clickhouse at ${server.address}: close`,
      );
    },
  };
}
