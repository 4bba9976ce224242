// Issue 14, defects 7, 8 and 9, in process: data sizes that cannot fit, role mappings no engine can serve, and
// windows too short to measure are refused up front as one-line user errors with where they are; a layout that
// fails later never takes the earlier layouts' results with it.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { UserError } from '../../src/errors.js';
import { provideStores } from '../../src/provision/provide.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { parseScenario } from '../../src/scenario/load.js';
import { applyOverrides } from '../../src/scenario/overrides.js';

const LOAD = 'load: { phases: [{ duration: 2s, arrivalRate: 5 }] }';

function refusal(yaml: string): string {
  try {
    parseScenario(yaml, 'limits.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
}

describe('data sizes (defect 7)', () => {
  it.each([
    ['users: 100000000', 2, '(users|followsPerUser)'],
    ['historicalOrders: 1000000000', 2, 'historicalOrders'],
    // Follows stream a chunk of users at a time to servers: only a chunk's edges past the heap is refused here
    // (test/scenario/size-problems.test.ts has what an embedded store refuses).
    ['users: 1000000, followsPerUser: 5000', 2, 'followsPerUser'],
  ])('refuses %s, naming the limit and where', (data, line, field) => {
    const message = refusal(`name: big\ndata: { ${data} }\n${LOAD}\n`);
    expect(message).toMatch(
      new RegExp(
        `^limits\\.yaml:${line}:\\d+: data\\.${field}: the data would need about [\\d.]+ [GM]B of memory`,
      ),
    );
    expect(message).toMatch(/heap; node --max-old-space-size=<MB> raises it/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('accepts every shipped size', () => {
    expect(() =>
      parseScenario(
        `name: ok\ndata: { users: 5000, products: 5000, historicalOrders: 100000 }\n${LOAD}\n`,
        'ok.yaml',
      ),
    ).not.toThrow();
  });
});

describe('role mappings (defect 8)', () => {
  it('refuses sessions on ClickHouse at validate time, with where', () => {
    const message = refusal(
      `name: bad\nlayouts: [{ name: wrong, roles: { sessions: clickhouse, default: pglite } }]\n${LOAD}\n`,
    );
    expect(message).toMatch(/^limits\.yaml:2:\d+: layouts\[0\]\.roles\.sessions: .*cannot serve sessions/);
  });

  it('refuses an impossible mapping before any layout loads', async () => {
    const scenario = parseScenario(`name: ok\nlayouts: [baseline]\n${LOAD}\n`, 'ok.yaml');
    const provided = await provideStores(scenario, 'embedded', {});
    // As a plan could come to hold it from elsewhere (a built-in on another preset): sessions on ClickHouse.
    provided.plan.layouts.push({
      ...provided.plan.layouts[0]!,
      name: 'wrong',
      roles: { ...provided.plan.layouts[0]!.roles, sessions: 'clickhouse' },
    });
    const started: string[] = [];
    const run = runScenario({
      scenario,
      scenarioFile: 'ok.yaml',
      plan: provided.plan,
      signal: new AbortController().signal,
      tool: { name: 'polyglot-bench', version: 'test' },
      onLayoutStart: (layout) => started.push(layout.name),
    });
    await expect(run).rejects.toThrow(
      /^layout "wrong" puts role sessions on store "clickhouse" \(clickhouse\), which serves only: analytics/,
    );
    expect(started).toEqual([]);
  });

  it("keeps the earlier layouts' results when a later one fails, and records the failure", async () => {
    const scenario = parseScenario(
      `name: later\nseed: 2\ndata: { users: 30, products: 30, categories: 3, historicalOrders: 10 }\n` +
        `layouts: [baseline, { name: gone, roles: { sessions: away, default: pglite } }]\n` +
        `stores: { away: { engine: redis, url: "redis://127.0.0.1:1" } }\n` +
        `warmup: 0s\nload: { phases: [{ duration: 1s, arrivalRate: 5 }] }\n`,
      'later.yaml',
    );
    const provided = await provideStores(scenario, 'embedded', {});
    const failed: string[] = [];
    const report = await runScenario({
      scenario,
      scenarioFile: 'later.yaml',
      plan: provided.plan,
      signal: new AbortController().signal,
      tool: { name: 'polyglot-bench', version: 'test' },
      onLayoutFailed: (layout, message) => failed.push(`${layout.name}: ${message}`),
    });
    await provided.release();
    expect(report.layouts.map((layout) => layout.layout)).toEqual(['baseline']);
    expect(report.failedLayouts).toEqual([
      {
        layout: 'gone',
        error: expect.stringMatching(/^store redis at redis:\/\/127\.0\.0\.1:1: connection refused/),
        userError: true,
      },
    ]);
    expect(failed).toHaveLength(1);
  }, 60_000);
});

describe('windows too short to measure (defect 9)', () => {
  it.each(['500ms', '0.2s'])('refuses a scenario measuring %s', (duration) => {
    const message = refusal(`name: short\nload: { phases: [{ duration: ${duration}, arrivalRate: 5 }] }\n`);
    expect(message).toMatch(
      /^limits\.yaml:2:\d+: load\.phases: expected a measured window of at least 1s, got .*mean nothing$/,
    );
  });

  it.each([0, 1])('refuses --duration of %i ms', (durationMs) => {
    const scenario = parseScenario(`name: ok\n${LOAD}\n`, 'ok.yaml');
    expect(() => applyOverrides(scenario, { durationMs })).toThrow(
      /^--duration: expected a measured window of at least 1s/,
    );
  });

  it('makes `run --duration 1ms` a one-line user error, exit 2', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['node', 'polyglot-bench', 'run', 'scenarios/quickstart.yaml', '--duration', '1ms']);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(2);
    expect(errors.join('')).toMatch(
      /^polyglot-bench: --duration: expected a measured window of at least 1s, got 1ms/,
    );
  });
});
