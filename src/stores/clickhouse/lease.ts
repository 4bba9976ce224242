// The namespace lease on ClickHouse, which has no locks: a marker table in the namespace's database, created
// without IF NOT EXISTS (CREATE TABLE is the atomic "create if absent"), whose rows are the holder's record and its
// renewals (this server version has no UPDATE). It lives inside the database the store drops on close, so releasing
// the lease and dropping the data are one DROP DATABASE. A stale lease is broken by RENAME, which only one of two
// runs racing to break it can win.
import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  parseLeaseRecord,
  unknownHolder,
  type LeasePrimitive,
  type LeaseRecord,
} from '../namespace-lease.js';
import { selectRows } from './database.js';
import { sqlIdentifier, sqlString } from './sql.js';

export const LEASE_TABLE = 'polyglot_bench_lease';

/** "Code: 57 … already exists" (old servers) or "Code: 57. DB::Exception …" (current ones). */
function hasCode(error: unknown, code: number): boolean {
  return new RegExp(`^Code: ${code}\\b`).test(String((error as Error)?.message ?? ''));
}

export function clickhouseLease(client: ClickHouseClient, database: string): LeasePrimitive {
  const table = `${sqlIdentifier(database)}.${sqlIdentifier(LEASE_TABLE)}`;
  const append = (record: LeaseRecord) =>
    client.command({
      query:
        `INSERT INTO ${table} (token, renewedAt, record) VALUES ` +
        `(${sqlString(record.token)}, ${record.renewedAt}, ${sqlString(JSON.stringify(record))})`,
    });
  const latest = async (): Promise<LeaseRecord | 'empty'> => {
    const rows = await selectRows<{ record: string }>(
      client,
      `SELECT record FROM ${table} ORDER BY renewedAt DESC LIMIT 1`,
    );
    if (rows.length === 0) return 'empty';
    return parseLeaseRecord(rows[0]!.record) ?? unknownHolder();
  };
  return {
    async claim(mine) {
      await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database)}` });
      try {
        await client.command({
          query: `CREATE TABLE ${table} (token String, renewedAt UInt64, record String) ENGINE = Log`,
        });
      } catch (error) {
        // 81: the database was dropped in between (its holder closing): the caller tries again.
        if (hasCode(error, 81)) return null;
        if (!hasCode(error, 57)) throw error;
        const held = await latest().catch((readError: unknown) => {
          if (hasCode(readError, 60) || hasCode(readError, 81)) return null;
          throw readError;
        });
        // Created but not yet written by its claimer: held, unless the table is older than a lease (a claimer
        // that died in between), which breakStale then removes.
        return held === 'empty' ? { ...unknownHolder(), renewedAt: await createdAt(client, database) } : held;
      }
      await append(mine);
      return 'claimed';
    },
    async renew(current, next) {
      const stored = await latest();
      if (stored === 'empty' || stored.token !== current.token) return false;
      await append(next);
      return true;
    },
    async breakStale() {
      const aside = `${sqlIdentifier(database)}.${sqlIdentifier(`${LEASE_TABLE}_stale_${randomBytes(4).toString('hex')}`)}`;
      try {
        await client.command({ query: `RENAME TABLE ${table} TO ${aside}` });
      } catch {
        // Someone else broke it first (or its holder just dropped the database): nothing to do.
        return;
      }
      await client.command({ query: `DROP TABLE IF EXISTS ${aside}` });
    },
  };
}

/** When the lease table was created (epoch ms), for a lease its claimer never wrote. */
async function createdAt(client: ClickHouseClient, database: string): Promise<number> {
  const rows = await selectRows<{ at: string | number }>(
    client,
    `SELECT toUInt64(metadata_modification_time) AS at FROM system.tables ` +
      `WHERE database = ${sqlString(database)} AND name = ${sqlString(LEASE_TABLE)}`,
  );
  const seconds = Number(rows[0]?.at ?? 0);
  return seconds > 0 ? seconds * 1000 : Date.now();
}

/** Leftovers of a run that did not close: every table of the namespace but the lease, which is now ours. */
export async function dropLeftovers(client: ClickHouseClient, database: string): Promise<void> {
  const rows = await selectRows<{ name: string }>(
    client,
    `SELECT name FROM system.tables WHERE database = ${sqlString(database)} AND name != ${sqlString(LEASE_TABLE)}`,
  );
  for (const { name } of rows) {
    await client.command({
      query: `DROP TABLE IF EXISTS ${sqlIdentifier(database)}.\`${name.replaceAll('`', '\\`')}\``,
    });
  }
}
