// What a minimal scenario resolves to: every default filled, durations in ms, presets as TPC-W weights.
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';

const MINIMAL = 'name: tiny\nload:\n  phases:\n    - { duration: 10s, arrivalRate: 5 }\n';

function parse(extra = ''): Scenario {
  return parseScenario(MINIMAL + extra, 'tiny.yaml');
}

describe('scenario defaults', () => {
  it('fills every default of a minimal file', () => {
    expect(parse()).toEqual({
      name: 'tiny',
      description: '',
      seed: 1,
      data: {
        users: 1000,
        products: 2000,
        categories: 20,
        followsPerUser: 10,
        likesPerUser: 5,
        historicalOrders: 5000,
        historyDays: 30,
        stockPerProduct: 100,
        popularitySkew: 1,
      },
      layouts: [{ builtin: 'baseline' }, { builtin: 'polyglot' }],
      stores: {},
      load: {
        model: 'open',
        maxInFlight: 1000,
        arrivals: 'uniform',
        phases: [{ name: null, durationMs: 10_000, arrivalRate: 5, rampTo: 5 }],
      },
      warmupMs: 0,
      journeys: {
        mix: { browse: 80, shop: 0, buy: 20, social: 0 },
        preset: 'shopping',
        thinkTimeMs: { min: 0, max: 100 },
        cartItems: { min: 1, max: 3 },
        quantity: { min: 1, max: 2 },
        productViews: { min: 1, max: 4 },
        hotProducts: null,
        search: { share: 0.5, words: { min: 1, max: 2 }, skew: 1 },
      },
      analysts: null,
      propagation: { strategy: 'outbox', pollIntervalMs: 10, batchSize: 100 },
      consistency: { probeSample: 0.2, probeIntervalMs: 1, probeTimeoutMs: 10_000, drainTimeoutMs: 30_000 },
      sessions: { ttlSeconds: 1800 },
      faults: [],
    } satisfies Scenario);
  });

  it.each([
    ['browsing', { browse: 95, shop: 0, buy: 5, social: 0 }],
    ['shopping', { browse: 80, shop: 0, buy: 20, social: 0 }],
    ['ordering', { browse: 50, shop: 0, buy: 50, social: 0 }],
  ])('preset %s resolves to the TPC-W weights', (preset, mix) => {
    const { journeys } = parse(`journeys: { preset: ${preset} }\n`);
    expect(journeys.mix).toEqual(mix);
    expect(journeys.preset).toBe(preset);
  });

  it('takes explicit mix weights, missing ones 0, with no preset', () => {
    const { journeys } = parse('journeys: { mix: { browse: 70, social: 5 } }\n');
    expect(journeys.mix).toEqual({ browse: 70, shop: 0, buy: 0, social: 5 });
    expect(journeys.preset).toBeNull();
  });

  it('keeps given ranges and fills the other bound', () => {
    const { journeys } = parse('journeys: { thinkTime: { max: 1.5s }, quantity: { min: 2, max: 5 } }\n');
    expect(journeys.thinkTimeMs).toEqual({ min: 0, max: 1500 });
    expect(journeys.quantity).toEqual({ min: 2, max: 5 });
  });

  it('resolves ramps, bare-number durations and the closed model', () => {
    const open = parse('warmup: 2\n').load;
    expect(open.model).toBe('open');
    const ramp = parseScenario(
      'name: r\nload:\n  arrivals: poisson\n  phases: [{ name: up, duration: 1m, arrivalRate: 10, rampTo: 50 }]\n',
      'r.yaml',
    );
    expect(ramp.load).toEqual({
      model: 'open',
      maxInFlight: 1000,
      arrivals: 'poisson',
      phases: [{ name: 'up', durationMs: 60_000, arrivalRate: 10, rampTo: 50 }],
    });
    expect(parse('warmup: 2\n').warmupMs).toBe(2000);
    const closed = parseScenario(
      'name: c\nload: { model: closed, phases: [{ duration: 30, users: 20 }] }\n',
      'c.yaml',
    );
    expect(closed.load).toEqual({ model: 'closed', phases: [{ name: null, durationMs: 30_000, users: 20 }] });
  });

  it('resolves layouts, stores and analysts', () => {
    const scenario = parse(
      [
        'stores:',
        '  pg: { engine: postgres, url: "postgres://localhost/shop", pool: 8 }',
        '  cache: { engine: redis }',
        'layouts:',
        '  - polyglot',
        '  - { name: pg-redis, roles: { sessions: cache, default: pg } }',
        'analysts: { every: 500ms }',
        '',
      ].join('\n'),
    );
    expect(scenario.layouts).toEqual([
      { builtin: 'polyglot' },
      { name: 'pg-redis', roles: { sessions: 'cache', default: 'pg' } },
    ]);
    expect(scenario.stores).toEqual({
      pg: { engine: 'postgres', url: 'postgres://localhost/shop', pool: 8, options: {} },
      cache: { engine: 'redis', url: null, pool: null, options: {} },
    });
    expect(scenario.analysts).toEqual({
      everyMs: 500,
      windowMs: 3_600_000,
      queries: ['top-products', 'revenue-by-category', 'search-categories', 'revenue-by-follower-band'],
    });
  });

  it.each(['analysts: off\n', 'analysts: false\n', 'analysts:\n'])('%j means no analysts', (line) => {
    expect(parse(line).analysts).toBeNull();
  });

  it('supports anchors and merge keys, so phases can share settings', () => {
    const scenario = parseScenario(
      'name: m\nload:\n  phases:\n    - &base { duration: 5s, arrivalRate: 10 }\n    - { <<: *base, rampTo: 20 }\n',
      'm.yaml',
    );
    expect(scenario.load.phases).toEqual([
      { name: null, durationMs: 5000, arrivalRate: 10, rampTo: 10 },
      { name: null, durationMs: 5000, arrivalRate: 10, rampTo: 20 },
    ]);
  });

  it('lets a layout name a store kind directly', () => {
    const scenario = parse('layouts: [{ name: all-pglite, roles: { default: pglite } }]\n');
    expect(scenario.layouts).toEqual([{ name: 'all-pglite', roles: { default: 'pglite' } }]);
  });
});

describe('default objects', () => {
  it('are fresh for every scenario, so modifying one cannot leak into the next', () => {
    const first = parseScenario(MINIMAL, 'a.yaml');
    first.layouts.push({ builtin: 'extra' });
    Object.assign(first.layouts[0]!, { builtin: 'changed' });
    first.analysts = null;
    const second = parseScenario(`${MINIMAL}analysts: {}\n`, 'b.yaml');
    expect(second.layouts).toEqual([{ builtin: 'baseline' }, { builtin: 'polyglot' }]);
    second.analysts?.queries.pop();
    expect(parseScenario(`${MINIMAL}analysts: {}\n`, 'c.yaml').analysts?.queries).toHaveLength(4);
  });
});
