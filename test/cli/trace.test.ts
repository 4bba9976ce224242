// `trace` on the shipped quickstart: one buy journey per layout on embedded engines, as a waterfall, Mermaid and
// JSON. No timings are asserted: only what the output holds.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JourneyTrace } from '../../src/metrics/types.js';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/polyglot-bench.js', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('polyglot-bench trace', () => {
  it('shows a waterfall per layout, the side-by-side steps and the Mermaid diagrams', async () => {
    const result = await cli('trace', 'scenarios/quickstart.yaml', '--journey', 'buy');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('baseline — buy journey');
    expect(out).toContain('polyglot — buy journey');
    // The checkout's calls, attributed to their stores, on the critical path.
    expect(out).toMatch(/\*\s+inventory\.checkoutAtomic\s+pglite/);
    expect(out).toMatch(/\*\s+inventory\.reserve\s+pglite/);
    // The propagation that follows in the polyglot layout: the relay's apply and the derived store's times.
    expect(out).toMatch(/graph\.recordPurchase\s+kuzu/);
    expect(out).toMatch(/graph@kuzu\s+A \+/);
    expect(out).toContain('the shopper waited');
    expect(out).toContain('same journey, side by side');
    expect(out.match(/```mermaid\nsequenceDiagram/g)).toHaveLength(2);
  }, 120_000);

  it('prints the report-shaped trace data with --json, for one layout', async () => {
    const result = await cli('trace', 'scenarios/quickstart.yaml', '--layout', 'polyglot', '--json');
    expect(result.code).toBe(0);
    const [only, ...rest] = JSON.parse(result.stdout) as Array<{ layout: string; trace: JourneyTrace }>;
    expect(rest).toHaveLength(0);
    expect(only!.layout).toBe('polyglot');
    const trace = only!.trace;
    expect(trace.steps.map((s) => s.name)).toContain('checkout');
    expect(trace.calls.some((c) => c.source === 'relay')).toBe(true);
    expect(trace.calls.filter((c) => c.source === 'operation').every((c) => c.step !== null)).toBe(true);
    expect(trace.propagation.map((p) => p.target)).toContain('graph@kuzu');
  }, 120_000);

  it('refuses an unknown journey or layout, naming it, exit 2', async () => {
    const journey = await cli('trace', 'scenarios/quickstart.yaml', '--journey', 'window-shopping');
    expect(journey.code).toBe(2);
    expect(journey.stderr.split('\n')[0]).toContain('browse, shop, buy, social');
    const layout = await cli('trace', 'scenarios/quickstart.yaml', '--layout', 'mainframe');
    expect(layout.code).toBe(2);
    expect(layout.stderr.trim().split('\n')).toEqual([
      'polyglot-bench: --layout: "mainframe" is not a layout of this scenario (it has: baseline, polyglot)',
    ]);
  });
});
