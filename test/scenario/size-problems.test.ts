// The history streams into server stores, so there it costs this process its reconciliation audit, not the whole
// dataset; an embedded store still holds every order in this process, and the refusal says so in one line.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkDataSize } from '../../src/provision/check-data-size.js';
import { parseScenario } from '../../src/scenario/load.js';
import { sizeProblems, sizeProblemsFor } from '../../src/scenario/size-problems.js';
import type { DataSpec } from '../../src/scenario/types.js';
import { ROLE_NAMES } from '../../src/roles.js';
import type { RoleMapping } from '../../src/layouts/builtin.js';

const LOAD = 'load: { phases: [{ duration: 2s, arrivalRate: 5 }] }';
/** A fixed heap, so the answers do not depend on the machine's default. */
const HEAP = 4e9;

function scenarioWith(data: string, layouts = '[baseline, polyglot]') {
  return parseScenario(`name: sizes\ndata: { ${data} }\nlayouts: ${layouts}\n${LOAD}\n`, 'sizes.yaml');
}

const data = (historicalOrders: number): DataSpec => ({
  ...scenarioWith('users: 1000').data,
  historicalOrders,
});

function allOn(store: string): { name: string; roles: RoleMapping } {
  return { name: store, roles: Object.fromEntries(ROLE_NAMES.map((role) => [role, store])) as RoleMapping };
}

describe('data sizes with the history streaming', () => {
  it('lets ten million historical orders through on servers, but not into an embedded store', () => {
    expect(sizeProblemsFor(data(10_000_000), 'on-servers', HEAP)).toEqual([]);
    const [problem, ...more] = sizeProblemsFor(data(10_000_000), 'in-process', HEAP);
    expect(more).toEqual([]);
    expect(problem!.path).toEqual(['data', 'historicalOrders']);
    expect(problem!.message).toMatch(
      /^the data would need about 13\.\d GB of memory to generate, load and reconcile \(an embedded store keeps all the data in this process\), more than this process may use \(4\.0 GB heap; node --max-old-space-size=<MB> raises it\): make data smaller$/,
    );
  });

  it('lets follows stream to servers a chunk of users at a time, but not into an embedded graph', () => {
    const social: DataSpec = { ...data(0), users: 1_000_000, followsPerUser: 500 };
    expect(sizeProblemsFor(social, 'on-servers', HEAP)).toEqual([]);
    expect(sizeProblemsFor(social, 'in-process', HEAP).map((problem) => problem.path)).toEqual([
      ['data', 'followsPerUser'],
    ]);
  });

  it('still refuses on servers what reconciliation cannot hold: an audit row per order', () => {
    const [problem] = sizeProblemsFor(data(100_000_000), 'on-servers', HEAP);
    expect(problem!.path).toEqual(['data', 'historicalOrders']);
    expect(problem!.message).not.toMatch(/embedded/);
  });

  it('judges from the file alone only the layouts it maps to embedded stores by name', () => {
    // Five million orders: about 1 GB on servers, 6.6 GB in process, on either side of any default heap.
    expect(sizeProblems(scenarioWith('historicalOrders: 5000000'), HEAP)).toEqual([]);
    expect(() => scenarioWith('historicalOrders: 5000000')).not.toThrow();
    expect(() =>
      scenarioWith(
        'historicalOrders: 5000000',
        '[{ name: mine, roles: { default: postgres, orders: docstore } }]',
      ),
    ).toThrow(/^sizes\.yaml:2:\d+: data\.historicalOrders: .*\(an embedded store keeps all the data/);
  });

  it('checks the run’s resolved layouts before anything loads: embedded engines count the whole history', () => {
    const stores = { postgres: { engine: 'postgres', url: 'postgres://db/x', pool: null, options: {} } };
    expect(() => checkDataSize(data(10_000_000), [allOn('postgres')], stores, HEAP)).not.toThrow();
    const refusal = () => checkDataSize(data(10_000_000), [allOn('postgres'), allOn('pglite')], stores, HEAP);
    expect(refusal).toThrow(UserError);
    expect(refusal).toThrow(/^data\.historicalOrders: the data would need about .* in this process\)/);
  });
});
