// ClickHouse as the polyglot layout's analytics store: a columnar server for the dashboards' aggregates. Written
// for the oldest server it meets (Debian's 18.16, the only one obtainable on the CI machines) so it also runs on
// current ClickHouse. Everything lives in a database of its own, named by settings.namespace, created on open and
// dropped on close; other databases on the server are never touched.
import { clickhouseAnalytics } from './clickhouse/analytics.js';
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
    const own = await openOwnDatabase(server, namespace);
    return {
      kind: 'clickhouse',
      info: own.info,
      roles: { analytics: clickhouseAnalytics(own.client, own.database) },
      close: own.drop,
    };
  },
};
