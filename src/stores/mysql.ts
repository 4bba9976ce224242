// MySQL and MariaDB servers (one protocol, one adapter): every role and the atomic checkout in a database of the
// tool's own, named by settings.namespace, created on open and dropped on close. Other databases on the server
// are never touched.
import { ROLE_NAMES } from '../roles.js';
import { attachMysql } from './mysql/attach.js';
import { openOwnDatabase } from './mysql/database.js';
import { mysqlStore } from './mysql/mysql-store.js';
import { poolClient } from './mysql/pool-client.js';
import { DEFAULT_MYSQL_URL, mysqlServer, mysqlSettings } from './mysql/settings.js';
import type { StoreFactory } from './types.js';

export const mysqlFactory: StoreFactory = {
  kind: 'mysql',
  roles: ROLE_NAMES,
  embedded: false,
  async create(options = {}) {
    const settings = mysqlSettings(options.settings);
    const server = mysqlServer(options.url ?? DEFAULT_MYSQL_URL);
    // A worker of `run --workers N`: the owner's database, on a pool of its own (mysql/attach.ts).
    if (options.attach) return attachMysql(server, settings);
    const database = await openOwnDatabase(server, settings, options.onWarning);
    return mysqlStore({
      info: database.info,
      db: poolClient(database.pool),
      close: database.drop,
      warnings: database.warnings,
    });
  },
};
