// `run --workers 2` against real servers: inventory on PostgreSQL (outbox, relayed by the main thread) and sessions
// on Redis — each worker attached to the namespace the main thread loaded — the rest embedded (reached through the
// main thread), against one thread on the same scenario and seed. Each run in its own namespace.
import { describe } from 'vitest';
import { engineUrlVariable } from '../../../src/provision/local-endpoints.js';
import { describeWithServer, serverUrl } from '../../servers/server.js';
import { describeWorkersRun } from './workers-run.js';

await describeWithServer('redis', () =>
  describeWithServer('postgres', () => {
    describe('run --workers 2 on PostgreSQL and Redis', () => {
      describeWorkersRun({
        scenario: 'test/merge/shard-servers.yaml',
        args: (run) => ['--stores', 'local', '--namespace', `pgb_workers_${run}`],
        env: {
          [engineUrlVariable('postgres')]: serverUrl('postgres'),
          [engineUrlVariable('redis')]: serverUrl('redis'),
        },
      });
    });
  }),
);
