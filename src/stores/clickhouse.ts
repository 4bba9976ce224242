// ClickHouse as the polyglot layout's analytics store: a columnar server for the dashboards' aggregates. Written
// for the oldest server it meets (Debian's 18.16, the only one obtainable on the CI machines) so it also runs on
// current ClickHouse. Everything lives in a database of its own, named by settings.namespace, created on open and
// dropped on close; other databases on the server are never touched. An attached instance (StoreOptions.attach)
// joins that database with a client of its own: the role holds no state in the process, so any number of
// instances serve it side by side.
import { selectRows } from './clickhouse/database.js';
import { sqlString } from './clickhouse/sql.js';
import { clickhouseAnalytics } from './clickhouse/analytics.js';
import { attachOwnDatabase } from './clickhouse/attach.js';
import { SALES_TABLE } from './clickhouse/schema.js';
import { openOwnDatabase } from './clickhouse/database.js';
import { clickhouseNamespace, clickhouseServer, DEFAULT_CLICKHOUSE_URL } from './clickhouse/settings.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';

export const clickhouseFactory: StoreFactory = {
  kind: 'clickhouse',
  roles: ['analytics'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const namespace = clickhouseNamespace(options.settings);
    const server = clickhouseServer(options.url ?? DEFAULT_CLICKHOUSE_URL);
    // An attached instance is the same adapter less what only the owner does: drop, footprint.
    const serving = (
      handle: Pick<Awaited<ReturnType<typeof attachOwnDatabase>>, 'info' | 'client' | 'database'>,
    ) => ({
      kind: 'clickhouse',
      info: handle.info,
      roles: { analytics: clickhouseAnalytics(handle.client, handle.database) },
    });
    if (options.attach) {
      const attached = await attachOwnDatabase(server, namespace);
      return { ...serving(attached), close: attached.close };
    }
    const own = await openOwnDatabase(server, namespace);
    return {
      ...serving(own),
      close: own.drop,
      async footprint() {
        const tables = await selectRows<{ table: string; bytes: string | number }>(
          own.client,
          `SELECT table, sum(bytes_on_disk) AS bytes FROM system.parts
            WHERE active AND database = ${sqlString(own.database)} GROUP BY table`,
        );
        const bytesOf = (table: string) => Number(tables.find((row) => row.table === table)?.bytes ?? 0);
        return {
          dataBytes: tables.reduce((sum, row) => sum + Number(row.bytes), 0),
          source: `system.parts (active, bytes_on_disk) of database ${own.database}`,
          orderCopyBytes: { analytics: bytesOf(SALES_TABLE) },
        };
      },
    };
  },
};
