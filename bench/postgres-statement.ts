// One statement on a PostgreSQL server outside any store (CREATE/DROP DATABASE for a bench's own database).
import pg from 'pg';

export async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
