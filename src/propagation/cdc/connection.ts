// Short-lived ordinary connections for the feed's side jobs: publication DDL, the settings check, the
// catch-up read, waiting for slots to go.
import pg from 'pg';
import { announcedSocket } from '../../stores/announced-socket.js';

export const CONNECT_TIMEOUT_MS = 5000;

export async function withConnection<T>(url: string, job: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    stream: announcedSocket,
  });
  // A connection dropped by the server fails the job's query; the 'error' event must not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await job(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
