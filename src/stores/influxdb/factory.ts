// The InfluxDB store: a database of its own (settings.namespace), created fresh on open and dropped on close;
// other databases on the server are never touched.
import { InfluxDB } from 'influx';
import { UserError, errorMessage } from '../../errors.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../types.js';
import { influxAnalytics } from './analytics.js';
import { influxFootprint } from './footprint.js';
import { DEFAULT_INFLUXDB_URL, influxSettings } from './settings.js';

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
      // What an earlier run left under the same name is dropped first.
      await influx.dropDatabase(settings.database);
      await influx.createDatabase(settings.database);
    } catch (error) {
      throw new UserError(`store influxdb at ${settings.address}: ${errorMessage(error)}`);
    }
    return {
      kind: 'influxdb',
      info: { engine: 'InfluxDB', version: host.version, embedded: false, address: settings.address },
      roles: { analytics: influxAnalytics(influx) },
      footprint: () => influxFootprint(influx, settings.database),
      close: () => influx.dropDatabase(settings.database),
    };
  },
};
