// More of the messages, from inline YAML: positions, document order, and the wording of each kind of problem.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';

const LOAD = 'load: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n';

function messageOf(yaml: string): string {
  try {
    parseScenario(yaml, 'bad.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario messages', () => {
  it.each([
    // An unknown key far from any allowed one lists what is allowed instead of guessing.
    [
      `name: x\nfoo: 1\n${LOAD}`,
      'bad.yaml:2:1: foo: unknown key; allowed here: name, description, seed, data, layouts, stores, load, warmup, ' +
        'journeys, analysts, propagation, consistency, sessions, faults, thresholds',
    ],
    // A misspelt required key is reported as the typo, before the "missing" it causes.
    [
      'name: x\nlaod: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n',
      'bad.yaml:2:1: laod: unknown key (did you mean "load"?)',
    ],
    // A missing key inside a flow mapping points at the mapping.
    [
      'name: x\nload:\n  phases:\n    - { arrivalRate: 5 }\n',
      'bad.yaml:4:7: load.phases[0].duration: required key is missing (expected a duration > 0 like 250ms, 10s, ' +
        '2m, 1h or a number of seconds)',
    ],
    // An empty value points at its key, not at the next line.
    [
      'name: x\nload:\nseed: 3\n',
      'bad.yaml:2:1: load: expected a mapping with model and phases, got nothing',
    ],
    // Two problems: the first in the file wins, whatever order the schema checks them in.
    [
      `name: x\nsessions: { ttl: forever }\n${LOAD}data: { users: -1 }\n`,
      'bad.yaml:2:18: sessions.ttl: expected a duration > 0 like 250ms, 10s, 2m, 1h or a number of seconds, got "forever"',
    ],
    [
      `name: x\ndata: { users: 1.5 }\n${LOAD}`,
      'bad.yaml:2:16: data.users: expected a whole number ≥ 1, got 1.5',
    ],
    [
      `name: Black Friday\n${LOAD}`,
      'bad.yaml:1:7: name: expected a name of lowercase letters, digits and dashes, got "Black Friday"',
    ],
    [
      '',
      'bad.yaml:1:1: (top level): expected a mapping of scenario keys (at least name and load), got nothing',
    ],
    [
      '- name: x\n',
      'bad.yaml:1:1: (top level): expected a mapping of scenario keys (at least name and load), got a list',
    ],
    [`name: x\n${LOAD}name: y\n`, 'bad.yaml:3:1: YAML syntax error: Map keys must be unique'],
    // Kept inline rather than as a fixture: an unparsable .yaml file would fail the repo's prettier --check.
    [
      'name: x\nload:\n  phases:\n    - { duration: 5s, arrivalRate: 10\nwarmup: 1s\n',
      'bad.yaml:5:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
    ],
    [
      'name: x\nload: *traffic\n',
      'bad.yaml:2:7: YAML error: Unresolved alias (the anchor must be set before the alias): traffic',
    ],
    // A merged mapping's problem is reported where the user wrote the merge.
    [
      'name: x\nload:\n  phases:\n    - &base { duration: 5s, arrivalRate: 1 }\n    - { <<: *base, rampTo: x }\n',
      'bad.yaml:5:28: load.phases[1].rampTo: expected a number ≥ 0, got "x"',
    ],
    [
      'name: x\nload: { model: opne, phases: [] }\n',
      'bad.yaml:2:16: load.model: expected open or closed, got "opne" (did you mean "open"?)',
    ],
    ['name: x\nload: { phases: [] }\n', 'bad.yaml:2:17: load.phases: expected at least one phase'],
    [
      'name: x\nload: { arrivals: Poisson, phases: [{ duration: 1s, arrivalRate: 1 }] }\n',
      'bad.yaml:2:19: load.arrivals: expected uniform or poisson, got "Poisson" (did you mean "poisson"?)',
    ],
    [
      'name: x\nload: { model: closed, maxInFlight: 5, phases: [{ duration: 1s, users: 1 }] }\n',
      'bad.yaml:2:24: load.maxInFlight: maxInFlight only applies to the open model (load.model: open); ' +
        'closed phases take duration and users',
    ],
    [
      'name: x\nload: { phases: [{ duration: 1s, users: 3 }] }\n',
      'bad.yaml:2:34: load.phases[0].users: users only applies to the closed model (load.model: closed); ' +
        'open phases take duration, arrivalRate and rampTo',
    ],
    [
      `name: x\njourneys: { cartItems: { min: 3, max: 1 } }\n${LOAD}`,
      'bad.yaml:2:24: journeys.cartItems: expected min ≤ max, got min 3 and max 1',
    ],
    [
      `name: x\njourneys: { thinkTime: { min: 2s, max: 500ms } }\n${LOAD}`,
      'bad.yaml:2:24: journeys.thinkTime: expected min ≤ max, got min 2s and max 500ms',
    ],
    [
      `name: x\njourneys: { mix: { browse: 0, buy: 0 } }\n${LOAD}`,
      'bad.yaml:2:18: journeys.mix: expected at least one weight above 0, got all 0',
    ],
    [
      `name: x\njourneys: { mix: { browse: 1, checkout: 2 } }\n${LOAD}`,
      'bad.yaml:2:31: journeys.mix.checkout: unknown key; allowed here: browse, shop, buy, social',
    ],
    [
      `name: x\njourneys: { hotProducts: { count: 10, probability: 0.5 } }\ndata: { products: 5 }\n${LOAD}`,
      'bad.yaml:2:35: journeys.hotProducts.count: expected at most data.products (5) hot products, got 10',
    ],
    [
      `name: x\nanalysts: sometimes\n${LOAD}`,
      'bad.yaml:2:11: analysts: expected off or a mapping with every, window and queries, got "sometimes"',
    ],
    [
      `name: x\nanalysts: { queries: [top-products, best-sellers] }\n${LOAD}`,
      'bad.yaml:2:37: analysts.queries[1]: expected one of top-products, revenue-by-category, search-categories, revenue-by-follower-band, got "best-sellers"',
    ],
    [
      `name: x\npropagation: { strategy: dual-writes }\n${LOAD}`,
      'bad.yaml:2:26: propagation.strategy: expected one of outbox, dual-write, cdc, got "dual-writes" ' +
        '(did you mean "dual-write"?)',
    ],
    [
      `name: x\nlayouts: [baseline, { base: polyglot, propagation: cdx }]\n${LOAD}`,
      'bad.yaml:2:52: layouts[1].propagation: expected one of outbox, dual-write, cdc, got "cdx" (did you mean "cdc"?)',
    ],
    [
      `name: x\nlayouts: [{ base: polyglot, roles: { default: pglite } }]\n${LOAD}`,
      'bad.yaml:2:11: layouts[0]: expected either roles or base, not both',
    ],
    [
      `name: x\nlayouts: [{ base: polyglott, propagation: dual-write }]\n${LOAD}`,
      'bad.yaml:2:19: layouts[0].base: unknown layout "polyglott" (did you mean "polyglot"?); expected a built-in ' +
        'layout (baseline, polyglot, baseline-mongo) or one defined inline as {name, roles}',
    ],
    [
      `name: x\nlayouts: [polyglot, { base: polyglot, propagation: outbox, name: polyglot }]\n${LOAD}`,
      'bad.yaml:2:21: layouts[1]: layout "polyglot" is listed twice',
    ],
    [
      `name: x\nfaults: [{ role: sessions, from: 1s, to: 2s }]\n${LOAD}`,
      'bad.yaml:2:10: faults[0]: expected exactly one of latency, outage or slowRelay, got none',
    ],
    [
      `name: x\nfaults: [{ role: session, from: 0s, to: 1s, outage: refused }]\n${LOAD}`,
      'bad.yaml:2:18: faults[0].role: expected one of sessions, catalog, inventory, orders, graph, analytics, ' +
        'search, got "session" (did you mean "sessions"?)',
    ],
    [
      `name: x\nfaults: [{ role: sessions, from: 0s, to: 1s, outage: down }]\n${LOAD}`,
      'bad.yaml:2:54: faults[0].outage: expected refused or hung, got "down"',
    ],
    [
      `name: x\nfaults: [{ role: sessions, from: 0.5s, to: 0.5s, latency: 5ms }]\n${LOAD}`,
      'bad.yaml:2:10: faults[0]: expected to after from, got from 0.5s and to 0.5s',
    ],
    [
      `name: x\nfaults: [{ role: graph, from: 0s, to: 1s, slowRelay: 1s }]\n${LOAD}`,
      'bad.yaml:2:10: faults[0]: slowRelay slows the relay itself; it takes no role or store',
    ],
    [
      `name: x\nfaults: [{ store: redis-main, from: 0s, to: 1s, outage: hung }]\n${LOAD}`,
      'bad.yaml:2:19: faults[0].store: unknown store "redis-main"; expected a store kind or a name defined under stores:',
    ],
    [
      `name: x\nfaults: [{ role: sessions, from: 0s, to: 5s, outage: hung }]\n${LOAD}`,
      'bad.yaml:2:42: faults[0].to: expected the fault to end within the measured run (1s), got 5s',
    ],
    [
      `name: x\nconsistency: { probeSample: 1.5 }\n${LOAD}`,
      'bad.yaml:2:29: consistency.probeSample: expected a number between 0 and 1, got 1.5',
    ],
    [
      `name: x\nstores: { pg: { engine: postgress } }\n${LOAD}`,
      'bad.yaml:2:25: stores.pg.engine: expected one of pglite, duckdb, kuzu, docstore, ttlcache, minisearch, ' +
        'postgres, mysql, redis, memcached, clickhouse, mongodb, neo4j, couchdb, opensearch, influxdb, ' +
        'got "postgress" (did you mean "postgres"?)',
    ],
  ])('%j', (yaml, expected) => {
    expect(messageOf(yaml)).toBe(expected);
  });
});

describe('layout messages', () => {
  const layouts = (items: string) => messageOf(`name: x\nlayouts: ${items}\n${LOAD}`);

  it('checks inline layouts: role names, coverage, store names', () => {
    expect(layouts('[{ name: mine, roles: { session: ttlcache, default: pglite } }]')).toBe(
      'bad.yaml:2:34: layouts[0].roles.session: unknown key (did you mean "sessions"?)',
    );
    expect(layouts('[{ name: mine, roles: { sessions: ttlcache, graph: kuzu } }]')).toBe(
      'bad.yaml:2:32: layouts[0].roles: expected a store for every role, got none for catalog, inventory, orders, ' +
        'analytics and search (name them, or add default: <store>)',
    );
    expect(layouts('[{ name: mine, roles: { default: pglite, sessions: memcache } }]')).toBe(
      'bad.yaml:2:61: layouts[0].roles.sessions: unknown store "memcache" (did you mean "memcached"?); expected a ' +
        'store kind (pglite, duckdb, kuzu, docstore, ttlcache, minisearch, postgres, mysql, redis, memcached, ' +
        'clickhouse, mongodb, neo4j, couchdb, opensearch, influxdb) or a name defined under stores:',
    );
    expect(layouts('[{ nme: mine, roles: { default: pglite } }]')).toBe(
      'bad.yaml:2:13: layouts[0].nme: unknown key (did you mean "name"?)',
    );
  });

  it('rejects a list item that is neither a name nor a mapping, duplicates and shadowed built-ins', () => {
    expect(layouts('[baseline, 3]')).toBe(
      'bad.yaml:2:21: layouts[1]: expected a built-in layout name (baseline, polyglot, baseline-mongo), a mapping {name, roles} or {base, propagation}, got 3',
    );
    expect(layouts('[baseline, polyglot, baseline]')).toBe(
      'bad.yaml:2:31: layouts[2]: layout "baseline" is listed twice',
    );
    expect(layouts('[{ name: baseline, roles: { default: pglite } }]')).toBe(
      'bad.yaml:2:19: layouts[0].name: "baseline" is a built-in layout; give your layout another name',
    );
    expect(layouts('[]')).toBe('bad.yaml:2:10: layouts: expected at least one layout');
  });
});
