// The InfluxDB store: a database of its own (settings.namespace), created fresh on open and dropped on close;
// other databases on the server are never touched. An attached instance (StoreOptions.attach) joins the database
// its owner created with a client of its own: the role writes every point when asked (nothing buffered in the
// process) and keeps no other state, so any number of instances serve it side by side.
import { InfluxDB } from 'influx';
import { UserError, errorMessage } from '../../errors.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../types.js';
import { influxAnalytics } from './analytics.js';
import { influxFootprint } from './footprint.js';
import { DEFAULT_INFLUXDB_URL, influxSettings, type InfluxSettings } from './settings.js';

/** An attach only looks: a namespace nobody opened fails at once, in one line, not on every call of the run. */
async function checkOpened(influx: InfluxDB, settings: InfluxSettings): Promise<void> {
  if (!(await influx.getDatabaseNames()).includes(settings.database)) {
    throw new UserError(
      `store influxdb at ${settings.address}: cannot attach to namespace ${settings.database}: ` +
        'no store of this run has it open',
    );
  }
}

/** What an earlier run left under the same name is dropped first. */
async function recreate(influx: InfluxDB, settings: InfluxSettings): Promise<void> {
  await influx.dropDatabase(settings.database);
  await influx.createDatabase(settings.database);
}

export const influxdbFactory: StoreFactory = {
  kind: 'influxdb',
  roles: ['analytics'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const settings = influxSettings(options.url ?? DEFAULT_INFLUXDB_URL, options.settings);
    const influx = new InfluxDB({
      protocol: settings.protocol,
      host: settings.host,
      port: settings.port,
      username: settings.username || undefined,
      password: settings.password || undefined,
      database: settings.database,
    });
    const [host] = await influx.ping(5000);
    if (!host?.online) {
      throw new UserError(`store influxdb at ${settings.address} does not answer /ping`);
    }
    try {
      await (options.attach ? checkOpened : recreate)(influx, settings);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`store influxdb at ${settings.address}: ${errorMessage(error)}`);
    }
    const info = { engine: 'InfluxDB', version: host.version, embedded: false, address: settings.address };
    const roles = { analytics: influxAnalytics(influx) };
    // The client holds no connection between requests: an attached instance has nothing to close.
    if (options.attach) return { kind: 'influxdb', info, roles, close: async () => undefined };
    return {
      kind: 'influxdb',
      info,
      roles,
      footprint: () => influxFootprint(influx, settings.database),
      close: () => influx.dropDatabase(settings.database),
    };
  },
};
