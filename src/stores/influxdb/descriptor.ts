// InfluxDB 1.x (InfluxQL over HTTP): the time-series store the shop's design names for analytics and logs.
import type { EngineDescriptor } from '../descriptor.js';
import { influxdbContainer } from './container.js';

export const influxdbEngine: EngineDescriptor = {
  kind: 'influxdb',
  engine: 'InfluxDB',
  roles: ['analytics'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: false,
  load: async () => (await import('./factory.js')).influxdbFactory,
  server: {
    // The client is handed host and port from the URL; one without a port reaches the scheme's.
    defaultPorts: { 'http:': 80, 'https:': 443 },
    local: { url: 'http://127.0.0.1:8086', startedBy: 'scripts/local-stores.d/influxdb.sh' },
    compose: { service: 'influxdb', url: 'http://127.0.0.1:8086' },
    container: influxdbContainer,
  },
};
