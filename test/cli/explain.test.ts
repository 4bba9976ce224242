// `explain` on the shipped quickstart: text by default, Mermaid on request, user errors in one line.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/polyglot-bench.js', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('polyglot-bench explain', () => {
  it("prints each layout's roles, actions, propagation and stale reads", async () => {
    const result = await cli('explain', 'scenarios/quickstart.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('layout baseline — propagation single-transaction');
    expect(result.stdout).toContain('layout polyglot — propagation outbox');
    expect(result.stdout).toMatch(/graph\s+kuzu\s+Kuzu \(embedded\)/);
    expect(result.stdout).toContain('write inventory.reserve @ pglite');
    expect(result.stdout).toContain('read-your-writes risk');
  });

  it('prints Mermaid flowcharts with --mermaid', async () => {
    const result = await cli('explain', 'scenarios/quickstart.yaml', '--mermaid');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('```mermaid\nflowchart LR');
    expect(result.stdout).toContain('-.->|"outbox relay"|');
  });

  it('prints the data with --json', async () => {
    const result = await cli('explain', 'scenarios/quickstart.yaml', '--json');
    const flows = JSON.parse(result.stdout) as Array<{ layout: string; plan: { propagation: string } }>;
    expect(flows.map((f) => `${f.layout}:${f.plan.propagation}`)).toEqual([
      'baseline:single-transaction',
      'polyglot:outbox',
    ]);
  });

  it('refuses a missing scenario in one line, exit 2', async () => {
    const result = await cli('explain', 'no-such.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
