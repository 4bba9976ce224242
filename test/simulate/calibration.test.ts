// The model on a real calibration run: a small embedded run of both layouts, its operations' calls checked
// against the model's step → calls table, the run re-simulated into a finite validation table and a report
// marked SIMULATED; and every bad input one clear line (exit 2): another scenario, another schema version,
// missing layouts, a role.method the calibration never observed.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { UserError } from '../../src/errors.js';
import type { LayoutResult, Report } from '../../src/metrics/types.js';
import type { Mechanism } from '../../src/propagation/write-path.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { checkCalibration, readCalibration } from '../../src/simulate/calibration.js';
import { buildLayoutSpec } from '../../src/simulate/model.js';
import { calibrate, predict } from '../../src/simulate/simulate-scenario.js';
import { oneStatementQueriesOf, stepCalls } from '../../src/simulate/step-calls.js';
import { runEmbedded, SMALL_DATA } from '../lifecycle/run-embedded.js';

const YAML = `
name: sim-calibration
seed: 11
${SMALL_DATA}
layouts: [baseline, polyglot]
warmup: 500ms
load:
  model: open
  arrivals: poisson
  phases: [{ duration: 2s, arrivalRate: 25 }]
journeys:
  preset: ordering
  thinkTime: { min: 0ms, max: 10ms }
analysts: { every: 500ms, window: 1h }
consistency: { probeSample: 0.5, probeInterval: 2ms, drainTimeout: 5s }
`;

let report: Report;
let scenario: Scenario;
let dir: string;
let reportFile: string;

beforeAll(async () => {
  scenario = parseScenario(YAML, 'sim-calibration.yaml');
  report = (await runEmbedded(YAML)).report;
  dir = await mkdtemp(join(tmpdir(), 'pb-sim-'));
  reportFile = join(dir, 'calibration.json');
  await writeFile(reportFile, JSON.stringify(report));
  await writeFile(join(dir, 'scenario.yaml'), YAML);
}, 180_000);

/** Calls per role.method the table predicts from the operation counts. */
function expectedCalls(layout: LayoutResult): Map<string, number> {
  const atomicClearsCart = !layout.storeCalls.some((c) => c.role === 'sessions' && c.method === 'clearCart');
  const options = {
    mechanism: layout.propagation as Mechanism,
    atomicClearsCart,
    crossStore: oneStatementQueriesOf(layout.storeCalls),
  };
  const checkout = layout.operations.find((op) => op.name === 'checkout');
  const placed = checkout ? checkout.count - checkout.rejected - checkout.errors : 0;
  const expected = new Map<string, number>();
  for (const op of layout.operations) {
    for (const call of stepCalls(op.name, options)) {
      const key = `${call.role}.${call.method}`;
      // also-bought reads the newest purchase only after the journey's own checkout (every buy journey has one).
      const times = call.afterCheckoutOnly ? placed : op.count;
      expected.set(key, (expected.get(key) ?? 0) + times);
    }
  }
  return expected;
}

describe('calibration on a real embedded run', () => {
  it("the model's calls per operation are the calls the run made", () => {
    for (const layout of report.layouts) {
      const measured = new Map(layout.storeCalls.map((c) => [`${c.role}.${c.method}`, c.count]));
      expect(Object.fromEntries(measured), layout.layout).toEqual(Object.fromEntries(expectedCalls(layout)));
    }
  });

  it('re-simulating the calibration run gives a finite validation table and a SIMULATED report', () => {
    const model = calibrate(checkCalibration('calibration.json', report, scenario), { withRelease: false });
    const rows = model.validation;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows.filter((r) => !r.figure.endsWith('(count)'))) {
      expect(Number.isFinite(row.predictedUs), row.figure).toBe(true);
      expect(Number.isFinite(row.measuredUs), row.figure).toBe(true);
      expect(Number.isFinite(row.relativeError), row.figure).toBe(true);
    }
    expect(rows.some((r) => r.figure.startsWith('apply lag'))).toBe(true);
    const { report: simulated, calls } = predict(model, scenario, [], ['rate ×2'], {
      name: 'pb',
      version: 't',
    });
    expect(calls).toBeGreaterThan(0);
    expect(simulated.simulation?.validation).toBe(rows);
    const text = renderTerminal(simulated);
    expect(text.split('\n')[0]).toMatch(/^SIMULATED · /);
    expect(text).toContain('SIMULATED — not measured');
    // Same traffic as measured: the same arrivals, the same journeys.
    for (const [i, layout] of simulated.layouts.entries()) {
      expect(layout.schedule?.intended).toBe(report.layouts[i]!.schedule?.intended);
      expect(layout.operations.find((o) => o.name === 'start-session')?.count).toBe(
        report.layouts[i]!.operations.find((o) => o.name === 'start-session')?.count,
      );
    }
  });
});

describe('a simulation is a pure function of its inputs', () => {
  it('the same model and scenario give the same report, figure for figure', () => {
    const model = calibrate(checkCalibration('calibration.json', report, scenario), { withRelease: false });
    const tool = { name: 'pb', version: 't' };
    const once = predict(model, scenario, [], [], tool).report.layouts;
    const twice = predict(model, scenario, [], [], tool).report.layouts;
    expect(twice).toEqual(once);
  });
});

describe('bad calibration input is one clear line', () => {
  const oneLine = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).not.toContain('\n');
      return (error as Error).message;
    }
    throw new Error('expected a UserError');
  };

  it('a report of another scenario', () => {
    const other = { ...report, scenario: { ...report.scenario, name: 'black-friday' } };
    expect(oneLine(() => checkCalibration('r.json', other, scenario))).toMatch(
      /scenario "black-friday", not of "sim-calibration"/,
    );
  });

  it('a report missing one of the layouts', () => {
    const partial = { ...report, layouts: report.layouts.slice(0, 1) };
    expect(oneLine(() => checkCalibration('r.json', partial, scenario))).toMatch(/missing: polyglot/);
  });

  it('another schema version, through the command (exit 2)', async () => {
    const file = join(dir, 'old.json');
    await writeFile(file, JSON.stringify({ ...report, schemaVersion: 99 }));
    await expect(readCalibration(file, scenario)).rejects.toThrow(/schema version 99/);
    expect(
      await main(['node', 'pb', 'simulate', join(dir, 'scenario.yaml'), '--calibrate', file, '--no-report']),
    ).toBe(2);
  });

  it('a role.method never observed is named with its stand-in; a role never observed is refused', () => {
    const polyglot = report.layouts.find((l) => l.layout === 'polyglot')!;
    const withoutGetCart = {
      ...polyglot,
      storeCalls: polyglot.storeCalls.filter((c) => c.method !== 'getCart'),
    };
    const spec = buildLayoutSpec(withoutGetCart, scenario, { withRelease: false });
    expect(spec.substitutions.join('\n')).toMatch(
      /sessions\.getCart on ttlcache never observed.*uses sessions\.\w+'s service times/,
    );
    const withoutSessions = {
      ...polyglot,
      storeCalls: polyglot.storeCalls.filter((c) => c.role !== 'sessions'),
    };
    expect(oneLine(() => buildLayoutSpec(withoutSessions, scenario, { withRelease: false }))).toMatch(
      /no sessions calls on ttlcache .*cannot model sessions\.startSession/,
    );
  });

  it('the command runs end to end on the calibration (exit 0)', async () => {
    const code = await main([
      'node',
      'pb',
      'simulate',
      join(dir, 'scenario.yaml'),
      '--calibrate',
      reportFile,
      '--rate',
      '2x',
      '--no-report',
    ]);
    expect(code).toBe(0);
  });
});
