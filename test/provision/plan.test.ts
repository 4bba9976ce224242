// Where a run's stores come from: presets, the scenario's stores: section, and environment overrides.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { LOCAL_URLS } from '../../src/provision/local-endpoints.js';
import { resolveLayout } from '../../src/layouts/resolve.js';
import { enginesWithoutUrl, planLayouts, planStores } from '../../src/provision/plan.js';
import { hasStoreAdapter } from '../../src/stores/registry.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = (extra = '') =>
  parseScenario(`name: t\nload: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n${extra}`, 't.yaml');

describe('store plan', () => {
  it('keeps the built-in layouts on embedded engines by default', () => {
    const plan = planStores(scenario(), 'embedded', LOCAL_URLS, {});
    expect(plan.layouts.map((l) => l.roles.graph)).toEqual(['pglite', 'kuzu']);
    expect(Object.values(plan.stores).every((s) => s.url === null)).toBe(true);
    expect(plan.notes).toEqual([]);
  });

  it('puts the built-in layouts on servers for a server preset, with stand-ins named where no adapter exists', () => {
    const plan = planStores(scenario(), 'local', LOCAL_URLS, {});
    const [baseline, polyglot] = plan.layouts;
    expect(Object.values(baseline!.roles)).toEqual(Array(7).fill('postgres'));
    expect(polyglot!.roles).toMatchObject({
      sessions: 'redis',
      inventory: 'postgres',
      analytics: 'clickhouse',
      search: 'opensearch',
    });
    expect(plan.stores.redis!.url).toBe(LOCAL_URLS.redis);
    // A role whose server adapter this version lacks keeps its embedded stand-in, and the run says so.
    const wanted = { catalog: 'mongodb', orders: 'mongodb', graph: 'neo4j' } as const;
    for (const [role, kind] of Object.entries(wanted) as Array<[keyof typeof wanted, string]>) {
      if (hasStoreAdapter(kind)) {
        expect(polyglot!.roles[role]).toBe(kind);
      } else {
        expect(polyglot!.roles[role]).not.toBe(kind);
        expect(plan.notes.join('\n')).toContain(
          `${role} on ${polyglot!.roles[role]} (no ${kind} adapter yet)`,
        );
      }
    }
  });

  it('names the stand-ins when an adapter is missing', () => {
    const { notes, layout } = resolveLayout(
      { builtin: 'polyglot' },
      { servers: true, hasAdapter: (k) => k !== 'neo4j' },
    );
    expect(layout.roles.graph).toBe('kuzu');
    expect(notes).toEqual(['layout polyglot: embedded stand-ins for graph on kuzu (no neo4j adapter yet)']);
  });

  it('runs baseline-mongo on real servers only', () => {
    expect(() => planStores(scenario('layouts: [baseline-mongo]\n'), 'embedded', LOCAL_URLS, {})).toThrow(
      /layout "baseline-mongo" runs on real servers only: add --stores local, compose or docker/,
    );
    const plan = planStores(scenario('layouts: [baseline-mongo]\n'), 'local', LOCAL_URLS, {});
    // Every role on MongoDB but search, which MongoDB cannot serve: its index is on OpenSearch.
    const { search, ...rest } = plan.layouts[0]!.roles;
    expect(Object.values(rest)).toEqual(Array(6).fill('mongodb'));
    expect(search).toBe('opensearch');
  });

  it('lets the environment override an engine URL and a named store URL', () => {
    const withPg = scenario(
      'stores:\n  pg: { engine: postgres, url: "postgres://a@h:1/x" }\n' +
        'layouts: [{ name: mine, roles: { sessions: redis, default: pg } }]\n',
    );
    const plan = planStores(withPg, 'embedded', LOCAL_URLS, {
      POLYGLOT_BENCH_STORE_PG_URL: 'postgres://b@h:2/y',
      POLYGLOT_BENCH_REDIS_URL: 'redis://10.0.0.1:7000',
    });
    expect(plan.stores.pg!.url).toBe('postgres://b@h:2/y');
    // Engine overrides apply to the preset's endpoints, which the caller builds with withEnvOverrides.
    expect(plan.stores.redis!.url).toBe(LOCAL_URLS.redis);
  });

  it('refuses a server store with no URL anywhere, naming how to give one', () => {
    const s = scenario('layouts: [{ name: mine, roles: { sessions: redis, default: pglite } }]\n');
    const attempt = () => planStores(s, 'embedded', {}, {});
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(
      /store "redis" \(redis\) needs a server URL: set stores\.redis\.url, POLYGLOT_BENCH_REDIS_URL/,
    );
  });

  it('tells docker provisioning which engines to start: only servers without a URL', () => {
    const s = scenario(
      'stores:\n  pg: { engine: postgres, url: "postgres://a@h:1/x" }\n' +
        'layouts: [{ name: mine, roles: { sessions: redis, inventory: pg, analytics: clickhouse, default: pglite } }]\n',
    );
    const { layouts } = planLayouts(s, 'docker');
    // pg has a URL and pglite is embedded: only redis and clickhouse need containers.
    expect(enginesWithoutUrl(s, layouts, {})).toEqual(['clickhouse', 'redis']);
    expect(enginesWithoutUrl(s, layouts, { POLYGLOT_BENCH_STORE_REDIS_URL: 'redis://x' })).toEqual([
      'clickhouse',
    ]);
  });
});
