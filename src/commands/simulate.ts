// `polyglot-bench simulate <scenario> --calibrate <report.json>`: predict what a measured run would do at another
// rate, with a store slower, a pool resized, the relay retuned or a store down — by a queueing model calibrated
// on that measured run. The model is first checked against the run it was calibrated on, and that error is
// printed before anything else and carried by every simulated report (src/simulate/).
import { Option, type Command } from 'commander';
import { initHistograms } from '../metrics/histogram.js';
import { renderTerminal } from '../report/terminal.js';
import { writeReportFiles } from '../report/write-reports.js';
import { loadScenario } from '../scenario/load.js';
import { applyOverrides } from '../scenario/overrides.js';
import { measuredDurationMs, type Scenario } from '../scenario/types.js';
import { UserError } from '../errors.js';
import { readCalibration } from '../simulate/calibration.js';
import { predictCapacity, renderCapacity } from '../simulate/capacity-search.js';
import { calibrate, modelStatement, predict, type CalibratedModel } from '../simulate/simulate-scenario.js';
import { parseSlo } from '../simulate/slo.js';
import { parseSweep, renderSweep, runSweep } from '../simulate/sweep.js';
import { compareLayout, errorSummary, renderErrorSummary, renderValidation } from '../simulate/validation.js';
import { readJsonReport } from '../report/json.js';
import type { Report } from '../metrics/types.js';
import { applyScenarioWhatIfs, checkWhatIfNames, parseFactor, parseWhatIf } from '../simulate/what-if.js';
import { durationOption } from './options.js';
import type { CommandContext } from './program.js';

interface SimulateFlags {
  calibrate: string;
  rate: string;
  whatIf: string[];
  sweep?: string;
  capacity?: boolean;
  slo?: string;
  layouts?: string;
  duration?: number;
  warmup?: number;
  against?: string;
  out: string;
  report: boolean;
}

export interface LoadedModel {
  model: CalibratedModel;
  /** The scenario as the calibration ran it, with the command's overrides: what predictions change. */
  base: Scenario;
}

/** Loads the scenario and the calibration, checks one against the other and fits the model. */
export async function loadModel(
  file: string,
  calibrationFile: string,
  flags: { layouts?: string; duration?: number; warmup?: number },
): Promise<LoadedModel> {
  await initHistograms();
  const scenario = applyOverrides(await loadScenario(file), {
    layouts: flags.layouts?.split(',').map((name) => name.trim()),
  });
  const calibration = await readCalibration(calibrationFile, scenario);
  // The calibration run's durations unless told otherwise: `run --duration 5s` then `simulate` predicts that run.
  const ran = calibration.scenario;
  const base = applyOverrides(scenario, {
    durationMs: flags.duration ?? measuredDurationMs(ran.load),
    warmupMs: flags.warmup ?? ran.warmupMs,
  });
  const model = calibrate(calibration, { withRelease: base.faults.length > 0 });
  return { model, base };
}

function validationTitle(model: CalibratedModel): string {
  const { median, worst } = errorSummary(model.validation);
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(0)} %`);
  return (
    `model check: the calibration run (${model.calibration.file}) re-simulated vs measured — ` +
    `median error ${pct(median)}, largest ${pct(worst)}`
  );
}

async function simulateCommand(file: string, flags: SimulateFlags, tool: { name: string; version: string }) {
  const rate = parseFactor(flags.rate);
  if (rate === null) throw new UserError(`--rate ${flags.rate}: expected a factor like 10x`);
  const whatIfs = flags.whatIf.map(parseWhatIf);
  const { model, base } = await loadModel(file, flags.calibrate, flags);
  checkWhatIfNames(model.specs, whatIfs);
  // A model not checked against measurement is not shown as a prediction.
  if (model.validation.length === 0)
    throw new UserError(`${flags.calibrate}: nothing measured to check the model against (no operations)`);
  const color = process.stdout.isTTY === true;
  process.stdout.write(
    `the model (SIMULATED figures follow):\n${modelStatement(model)
      .map((line) => `  ${line}\n`)
      .join('')}\n`,
  );
  process.stdout.write(renderValidation(validationTitle(model), model.validation, color));
  process.stdout.write(renderErrorSummary('model check, summary', model.validation, color));
  const labels = [...(rate !== 1 ? [`rate ×${rate}`] : []), ...whatIfs.map((w) => w.text)];

  if (flags.sweep) {
    const sweep = parseSweep(flags.sweep);
    const rows = runSweep(model, base, sweep, whatIfs, tool);
    process.stdout.write(`\n${renderSweep(rows, model, color)}`);
    return 0;
  }
  if (flags.capacity) {
    if (!flags.slo) throw new UserError("--capacity needs --slo, e.g. --slo 'checkout p99 < 250ms'");
    const slo = parseSlo(flags.slo);
    const predicted = await predictCapacity(model, applyScenarioWhatIfs(base, 1, whatIfs), slo, whatIfs);
    process.stdout.write(`\n${renderCapacity(slo, predicted, null, color)}`);
    return 0;
  }
  const target = applyScenarioWhatIfs(base, rate, whatIfs);
  const started = performance.now();
  const prediction = predict(model, target, whatIfs, labels, tool);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${renderTerminal(prediction.report, { color })}`);
  if (flags.against)
    process.stdout.write(`\n${await againstMeasured(prediction.report, flags.against, color)}`);
  process.stderr.write(
    `simulated ${prediction.calls.toLocaleString('en-US')} store calls ` +
      `(${(prediction.simulatedUs / 1e6).toFixed(0)} s of simulated time) in ${seconds.toFixed(2)} s\n`,
  );
  if (flags.report) {
    const written = await writeReportFiles(prediction.report, flags.out);
    process.stdout.write(`\nreport (SIMULATED): ${written.json}\n`);
    if (written.html) process.stdout.write(`report (SIMULATED): ${written.html}\n`);
  }
  return 0;
}

/** The prediction beside a measured run of the same changed scenario: the model's error where it matters. */
async function againstMeasured(predicted: Report, file: string, color: boolean): Promise<string> {
  const measured = await readJsonReport(file);
  const rows = predicted.layouts.flatMap((layout) => {
    const other = measured.layouts.find((m) => m.layout === layout.layout);
    return other ? compareLayout(layout, other) : [];
  });
  const title = `prediction vs measurement (${file})`;
  return `${renderValidation(title, rows, color)}\n${renderErrorSummary(`${title}, summary`, rows, color)}`;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSimulate(program: Command, { tool, setExit }: CommandContext): void {
  program
    .command('simulate')
    .description(
      'predict a scenario at other rates or with what-ifs, from a model calibrated on a measured run',
    )
    .argument('<scenario>', 'scenario YAML file (the one the calibration report ran)')
    .requiredOption('--calibrate <report.json>', 'a measured JSON report of this scenario')
    .option('--rate <factor>', 'arrival rate of every phase × factor, e.g. 10x', '1x')
    .option(
      '--what-if <change>',
      'graph.slower=2x, pool.inventory=16, relay.interval=50ms, down.graph=10s-20s (repeatable)',
      collect,
      [],
    )
    .option('--sweep <range>', 'rate=1x..20x: p99, lag and drops per rate, and each layout’s knee')
    .option('--capacity', 'predict the highest rate each layout sustains within --slo')
    .option('--slo <objective>', "e.g. 'checkout p99 < 250ms'")
    .option('--against <report.json>', 'a measured run of the changed scenario: print predicted vs measured')
    .option('--layouts <names>', "comma-separated subset of the scenario's layouts")
    .option(
      '--duration <duration>',
      'measured duration (default: the calibration run’s)',
      durationOption('--duration'),
    )
    .option('--warmup <duration>', 'warm-up (default: the calibration run’s)', durationOption('--warmup'))
    .addOption(new Option('--out <dir>', 'directory for the JSON report').default('reports'))
    .option('--no-report', 'print only, write no report file')
    .action(async (file: string, flags: SimulateFlags) => setExit(await simulateCommand(file, flags, tool)));
}
