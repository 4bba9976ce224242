// One function decides a layout's propagation for `validate`, the pre-load checks and the run: the layout's own
// choice wins; one store that commits a checkout at once needs no propagation; otherwise the scenario's strategy;
// and cdc is refused, in one line, where the source store is not PostgreSQL.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { resolveLayout, type ResolvedLayout } from '../../src/layouts/resolve.js';
import {
  capabilitiesBeforeOpening,
  planPropagation,
  type PropagationCapabilities,
} from '../../src/propagation/plan.js';
import { capabilitiesOfOpened, chooseMechanism } from '../../src/runner/propagation-setup.js';
import { parseScenario } from '../../src/scenario/index.js';
import type { StoreAdapter } from '../../src/stores/types.js';

function scenarioWith(lines: string[] = []) {
  return parseScenario(
    ['name: x', 'load: { phases: [{ duration: 1s, arrivalRate: 1 }] }', ...lines].join('\n'),
    'x.yaml',
  );
}

const outboxScenario = scenarioWith();
const dualWriteScenario = scenarioWith(['propagation: { strategy: dual-write }']);

function builtin(name: string, extra: Partial<ResolvedLayout> = {}): ResolvedLayout {
  const servers = name === 'baseline-mongo';
  const { layout } = resolveLayout({ builtin: name }, { servers, hasAdapter: () => true });
  return { ...layout, ...extra };
}

/**
 * Every role on one MongoDB. Not a built-in any more (MongoDB cannot serve search, so baseline-mongo keeps its
 * index on OpenSearch), but the planning rule for one store without transactions is the same.
 */
function allOnMongo(): ResolvedLayout {
  const roles = { ...builtin('baseline').roles };
  for (const role of Object.keys(roles) as (keyof ResolvedLayout['roles'])[]) roles[role] = 'mongodb';
  return { name: 'all-mongo', roles };
}

const atomic: PropagationCapabilities = { atomicCheckout: true, sourceEngine: 'pglite' };
const spread: PropagationCapabilities = { atomicCheckout: false, sourceEngine: 'pglite' };

describe('planPropagation', () => {
  it('takes the layout’s own propagation over one transaction and over the scenario’s strategy', () => {
    const plan = planPropagation(builtin('baseline', { propagation: 'dual-write' }), outboxScenario, atomic);
    expect(plan).toMatchObject({ propagation: 'dual-write', reason: 'layout', relay: false });
    const polyglot = planPropagation(
      builtin('polyglot', { propagation: 'outbox' }),
      dualWriteScenario,
      spread,
    );
    expect(polyglot).toMatchObject({ propagation: 'outbox', reason: 'layout', relay: true });
  });

  it('commits in one transaction where one store holds every checkout write and can commit them at once', () => {
    expect(planPropagation(builtin('baseline'), dualWriteScenario, atomic)).toEqual({
      layout: 'baseline',
      propagation: 'single-transaction',
      reason: 'one-transaction',
      source: 'pglite',
      targets: [
        { role: 'graph', store: 'pglite' },
        { role: 'analytics', store: 'pglite' },
        { role: 'search', store: 'pglite' },
      ],
      relay: false,
    });
  });

  it('falls back to the scenario’s strategy where the one store has no transactions', () => {
    const noTransactions = { atomicCheckout: false, sourceEngine: 'mongodb' };
    const plan = planPropagation(allOnMongo(), dualWriteScenario, noTransactions);
    expect(plan).toMatchObject({
      propagation: 'dual-write',
      reason: 'no-transactions',
      source: 'mongodb',
      relay: false,
    });
  });

  it('uses the scenario’s strategy, relay and all, where the checkout spans several stores', () => {
    expect(planPropagation(builtin('polyglot'), outboxScenario, spread)).toEqual({
      layout: 'polyglot',
      propagation: 'outbox',
      reason: 'scenario',
      source: 'pglite',
      targets: [
        { role: 'graph', store: 'kuzu' },
        { role: 'analytics', store: 'duckdb' },
        { role: 'search', store: 'minisearch' },
      ],
      relay: true,
    });
  });

  it('refuses cdc on a source that is not PostgreSQL with one line saying why and what to do', () => {
    const layout = builtin('polyglot', { name: 'polyglot-cdc', propagation: 'cdc' });
    const refuse = () => planPropagation(layout, outboxScenario, spread);
    expect(refuse).toThrow(UserError);
    expect(refuse).toThrow(
      "layout polyglot-cdc: propagation cdc reads PostgreSQL's change log, but inventory is on pglite " +
        '(embedded PGlite has no logical decoding); run with --stores local or compose, or choose outbox or ' +
        'dual-write',
    );
    const cdcScenario = scenarioWith(['propagation: { strategy: cdc }']);
    const mysql = { atomicCheckout: false, sourceEngine: 'mysql' };
    expect(() => planPropagation(builtin('polyglot'), cdcScenario, mysql)).toThrow(
      'but inventory is on pglite (mysql is not PostgreSQL)',
    );
  });

  it('plans cdc with a relay on PostgreSQL, and where the source engine is not known yet', () => {
    const layout = builtin('polyglot', { propagation: 'cdc' });
    const onPostgres = planPropagation(layout, outboxScenario, {
      atomicCheckout: false,
      sourceEngine: 'postgres',
    });
    expect(onPostgres).toMatchObject({ propagation: 'cdc', reason: 'layout', relay: true });
    const unknown = planPropagation(layout, outboxScenario, { atomicCheckout: false, sourceEngine: null });
    expect(unknown.propagation).toBe('cdc');
  });
});

describe('capabilitiesBeforeOpening', () => {
  it('counts one store whose engine offers a one-transaction checkout as atomic', () => {
    expect(capabilitiesBeforeOpening(builtin('baseline'), {})).toEqual(atomic);
    expect(capabilitiesBeforeOpening(allOnMongo(), {})).toEqual({
      atomicCheckout: true,
      sourceEngine: 'mongodb',
    });
  });

  it('does not where the checkout spans several stores or the store is told not to use transactions', () => {
    expect(capabilitiesBeforeOpening(builtin('polyglot'), {})).toEqual(spread);
    const mongo = { engine: 'mongodb', url: null, pool: null, options: { transactions: false } };
    const layout: ResolvedLayout = { name: 'm', roles: { ...builtin('baseline-mongo').roles } };
    for (const role of Object.keys(layout.roles) as (keyof ResolvedLayout['roles'])[])
      layout.roles[role] = 'doc';
    expect(capabilitiesBeforeOpening(layout, { doc: mongo })).toEqual({
      atomicCheckout: false,
      sourceEngine: 'mongodb',
    });
  });

  it('reads a named store’s engine from the scenario’s stores', () => {
    const pg = { engine: 'postgres', url: 'postgres://h/db', pool: null, options: {} };
    const layout: ResolvedLayout = { name: 'p', roles: { ...builtin('polyglot').roles, inventory: 'pg' } };
    expect(capabilitiesBeforeOpening(layout, { pg })).toEqual({
      atomicCheckout: false,
      sourceEngine: 'postgres',
    });
  });
});

describe('the run’s side', () => {
  it('takes the capabilities from the opened adapters', () => {
    const adapter = { kind: 'postgres' } as StoreAdapter;
    const opened = {
      atomicCheckout: null,
      storeOf: builtin('polyglot').roles,
      adapters: new Map([['pglite', adapter]]),
    };
    expect(capabilitiesOfOpened(opened)).toEqual({ atomicCheckout: false, sourceEngine: 'postgres' });
  });

  it('chooseMechanism is the plan’s propagation', () => {
    expect(chooseMechanism(builtin('baseline'), true, outboxScenario)).toBe('single-transaction');
    expect(chooseMechanism(builtin('baseline'), false, dualWriteScenario)).toBe('dual-write');
    expect(chooseMechanism(builtin('polyglot', { propagation: 'cdc' }), false, outboxScenario)).toBe('cdc');
  });
});
