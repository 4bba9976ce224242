// A run on a real PostgreSQL whose namespace lock is taken by another session mid-run (its connection
// terminated, the lock grabbed before the store can take it back): the run goes on, says so as it happens
// (the line the CLI prints on stderr) and in the layout's notes, and leaves the schema in place at the end.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideStores } from '../../src/provision/provide.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { parseScenario } from '../../src/scenario/load.js';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { LOCK_HOLDER, takeLockFrom } from '../servers/postgres-namespace-lock.js';
import { describeWithServer } from '../servers/server.js';
import { SMALL_DATA } from './run-embedded.js';

await describeWithServer('postgres', (serverUrl) => {
  const database = ownPostgresDatabase(serverUrl, 'pgb_lost_lock');
  beforeAll(() => database.create());
  afterAll(() => database.drop());

  describe('a run that loses its PostgreSQL namespace lock', () => {
    it('goes on, says so at once and in the layout notes, and leaves the schema in place', async () => {
      const scenario = parseScenario(
        `name: lost-lock
seed: 5
${SMALL_DATA}
stores:
  pg: { engine: postgres, url: '${database.url}', pool: 2 }
layouts:
  - name: pg-only
    roles: { default: pg }
warmup: 0ms
load:
  model: open
  phases: [{ duration: 2s, arrivalRate: 10 }]
journeys: { mix: { browse: 1 }, thinkTime: { min: 0ms, max: 5ms } }
`,
        'lost-lock.yaml',
      );
      const side = new pg.Client({ connectionString: database.url });
      await side.connect();
      const provided = await provideStores(scenario, 'local', {});
      const announced: string[] = [];
      let takeover: Promise<unknown> | null = null;
      try {
        const report = await runScenario({
          scenario,
          scenarioFile: 'lost-lock.yaml',
          plan: provided.plan,
          signal: new AbortController().signal,
          tool: { name: 'polyglot-bench', version: 'test' },
          // Once measuring: another session queues for the lock, then the holder is terminated, so the lock
          // goes to that session before the store can reconnect.
          onProgress: () => {
            takeover ??= (async () => {
              const { rows } = await side.query<{ pid: number }>(LOCK_HOLDER);
              await takeLockFrom(side, database.url, rows[0]!.pid);
            })();
          },
          onStoreWarning: (layout, line) => announced.push(`${layout.name}: ${line}`),
        });
        await takeover;
        expect(takeover).not.toBeNull();
        expect(announced).toHaveLength(1);
        expect(announced[0]).toMatch(
          /^pg-only: store postgres at .+: lost the lock on namespace polyglot_bench/,
        );
        const [layout] = report.layouts;
        expect(layout!.notes).toContain(announced[0]!.replace(/^pg-only: /, ''));
        expect(layout!.operations.reduce((sum, op) => sum + op.count, 0)).toBeGreaterThan(0);
        const schemas = await side.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
          DEFAULT_NAMESPACE,
        ]);
        expect(schemas.rowCount).toBe(1);
      } finally {
        await provided.release();
        await side.query('SELECT pg_advisory_unlock_all()');
        await side.query(`DROP SCHEMA IF EXISTS ${DEFAULT_NAMESPACE} CASCADE`);
        await side.end();
      }
    }, 60_000);
  });
});
