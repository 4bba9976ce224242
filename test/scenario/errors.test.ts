// The exact one-line messages a user sees for a bad scenario file: <file>:<line>:<column>: <path>: <expected>.
// Each fixture says in its first line what is wrong with it.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadScenario } from '../../src/scenario/index.js';

const DIR = 'test/fixtures/scenarios';

async function errorOf(file: string): Promise<UserError> {
  const error = await loadScenario(file).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UserError))
    throw new Error(`expected a UserError from ${file}, got ${String(error)}`);
  return error;
}

describe('scenario file errors', () => {
  it.each([
    ['unknown-key.yaml', '4:3: data.user: unknown key (did you mean "users"?)'],
    ['wrong-type.yaml', '7:20: load.phases[0].arrivalRate: expected a number ≥ 0, got "fast"'],
    [
      'bad-duration.yaml',
      '5:19: load.phases[0].duration: expected a duration > 0 like 250ms, 10s, 2m, 1h or a number of seconds, got "10 secs"',
    ],
    ['duplicate-key.yaml', '6:1: YAML syntax error: Map keys must be unique'],
    ['missing-load.yaml', '2:1: load: required key is missing (expected a mapping with model and phases)'],
    [
      'unknown-layout.yaml',
      '3:21: layouts[1]: unknown layout "polyglott" (did you mean "polyglot"?); expected a built-in layout ' +
        '(baseline, polyglot, baseline-mongo) or one defined inline as {name, roles}',
    ],
    [
      'unknown-store.yaml',
      '9:14: layouts[1].roles.graph: unknown store "neo" (did you mean "neo4j"?); expected a store kind ' +
        '(pglite, duckdb, kuzu, docstore, ttlcache, minisearch, postgres, mysql, redis, memcached, clickhouse, ' +
        'mongodb, neo4j, couchdb, opensearch, influxdb) or a store defined under stores: (pg)',
    ],
    [
      'preset-and-mix.yaml',
      '8:8: journeys.mix: expected either preset or mix, not both (preset is ordering; remove one)',
    ],
    [
      'closed-ramp.yaml',
      '7:35: load.phases[1].rampTo: rampTo only applies to the open model (load.model: open); ' +
        'closed phases take duration and users',
    ],
  ])('%s', async (name, expected) => {
    const file = `${DIR}/${name}`;
    const error = await errorOf(file);
    // The path exactly as the caller gave it (relative here), never resolved to an absolute machine path.
    expect(error.message).toBe(`${file}:${expected}`);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(2);
  });

  it('names a missing file without a stack trace', async () => {
    expect((await errorOf(`${DIR}/no-such.yaml`)).message).toBe(`${DIR}/no-such.yaml: no such file`);
    expect((await errorOf(DIR)).message).toBe(`${DIR}: is a directory, expected a scenario .yaml file`);
  });
});
