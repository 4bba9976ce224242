// What explain tells a user about a layout, derived from the run's own plan: who serves each role, what a
// checkout touches, how it propagates, and which reads can miss it.
import { describe, expect, it } from 'vitest';
import { explainScenario } from '../../src/explain/explain-scenario.js';
import type { LayoutFlow } from '../../src/explain/layout-flow.js';
import { renderExplainMermaid } from '../../src/explain/render-explain-mermaid.js';
import { renderExplainText } from '../../src/explain/render-explain-text.js';
import { parseScenario } from '../../src/scenario/index.js';

const scenario = parseScenario(
  `
name: explained
layouts:
  - baseline
  - polyglot
  - { base: polyglot, propagation: dual-write }
load: { model: open, phases: [{ duration: 1s, arrivalRate: 1 }] }
journeys: { preset: shopping }
analysts: { every: 1s }
`,
  'explained.yaml',
);
const flows = explainScenario(scenario, 'embedded');
const flow = (name: string): LayoutFlow => flows.find((f) => f.layout === name)!;
const checkout = (f: LayoutFlow) => f.actions.find((a) => a.operation === 'checkout')!.calls;

describe('explain', () => {
  it('names the store and engine serving each role, as the layout resolves', () => {
    const polyglot = flow('polyglot');
    expect(polyglot.roles.find((r) => r.role === 'inventory')).toMatchObject({
      store: 'pglite',
      embedded: true,
    });
    expect(polyglot.roles.find((r) => r.role === 'graph')).toMatchObject({ store: 'kuzu', engine: 'Kuzu' });
    expect(new Set(flow('baseline').roles.map((r) => r.store))).toEqual(new Set(['pglite']));
  });

  it("shows a checkout's calls in order, per propagation", () => {
    expect(checkout(flow('baseline')).map((c) => `${c.role}.${c.method}`)).toEqual([
      'sessions.getCart',
      'inventory.checkoutAtomic',
    ]);
    expect(checkout(flow('polyglot')).map((c) => `${c.role}.${c.method}@${c.store}`)).toEqual([
      'sessions.getCart@ttlcache',
      'inventory.reserve@pglite',
      'orders.insertOrder@docstore',
      'sessions.clearCart@ttlcache',
    ]);
    const dual = checkout(flow('polyglot-dual-write')).map((c) => `${c.role}.${c.method}`);
    expect(dual).toContain('graph.recordPurchase');
    expect(dual).toContain('analytics.recordOrder');
  });

  it('says nothing can be read stale in one transaction', () => {
    expect(flow('baseline').plan.propagation).toBe('single-transaction');
    expect(flow('baseline').stale.every((s) => s.window === null)).toBe(true);
  });

  it("flags the outbox layout's also-bought read right after checkout as a read-your-writes risk", () => {
    const polyglot = flow('polyglot');
    expect(polyglot.plan.propagation).toBe('outbox');
    const graph = polyglot.stale.find((s) => s.target === 'graph@kuzu')!;
    expect(graph.window).toContain('until the relay applies');
    const risky = graph.readers
      .filter((r) => r.readYourWritesRisk)
      .map((r) => `${r.operation}:${r.call.method}`);
    expect(risky).toEqual(['also-bought:recentPurchases']);
    // Friends' likes are not written by checkouts: not a stale read of them.
    expect(graph.readers.map((r) => r.operation)).not.toContain('friends-liked');
    const analytics = polyglot.stale.find((s) => s.target === 'analytics@duckdb')!;
    expect(analytics.readers.map((r) => r.operation)).toContain('top-products');
  });

  it('puts no read-your-writes risk on a dual write, which the request applies before answering', () => {
    const dual = flow('polyglot-dual-write');
    expect(dual.stale.flatMap((s) => s.readers).some((r) => r.readYourWritesRisk)).toBe(false);
    expect(dual.writes.every((w) => w.by === 'by the request')).toBe(true);
  });

  it("folds a journey's repeated steps into ranges from the scenario's own counts", () => {
    const buy = flow('polyglot').journeys.find((j) => j.name === 'buy')!;
    expect(buy.steps.find((s) => s.operations.includes('add-to-cart'))).toMatchObject({ min: 1, max: 3 });
  });

  it('renders text and Mermaid from the same data', () => {
    const text = renderExplainText(flows);
    expect(text).toContain('layout polyglot — propagation outbox');
    expect(text).toContain('read-your-writes risk');
    const mermaid = renderExplainMermaid(flows);
    expect(mermaid.match(/```mermaid\nflowchart LR/g)).toHaveLength(3);
    // The relay's path is drawn only where there is a relay.
    expect(mermaid).toContain('s_pglite -.->|"outbox relay"| s_kuzu');
    expect(mermaid.split('```mermaid')[3]).not.toContain('-.->');
  });

  it('resolves the built-in layouts to servers with --stores local', () => {
    const local = explainScenario(scenario, 'local');
    expect(local.find((f) => f.layout === 'polyglot')!.roles.find((r) => r.role === 'graph')).toMatchObject({
      store: 'neo4j',
      embedded: false,
    });
  });
});
