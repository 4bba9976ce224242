// How wrong the simulator is: the validation table. Calibrates the model on a measured run at rate r (the first
// of --rates), predicts r (the calibration run re-simulated), 2r and 4r, measures 2r and 4r, and prints per layout
// predicted / measured (relative error) for every figure `simulate --against` compares, then per rate the median
// |error| per family of figures, each column judged against the targets (15 % at p50, 25 % at p99).
//   bench/run.sh simulate-accuracy [--scenario FILE] [--stores embedded|local] [--duration 8s] [--warmup 1s]
//                                  [--rates 1,2,4] [--out DIR] [--calibrate FILE] [--measured 2=FILE,4=FILE]
// Why a bench script and not a test: the accuracy targets are a measurement of the machine as much as of
// the model (seconds of real load per rate, and CPU taken by whatever else runs shifts the knee), so they are
// printed beside the result rather than asserted by a timed test that would fail on a busy CI runner.
// Every measured run is written as a JSON report (--out, default a new temporary directory) and its path printed;
// --calibrate and --measured f=FILE reuse such reports instead of measuring, so the table can be printed again
// (or after a change to the model) without the minutes of load. --stores local runs on the local servers
// (scripts/local-stores.sh up && eval "$(scripts/local-stores.sh env)"), in a namespace of its own.
// Calibration, prediction and comparison are those of `polyglot-bench simulate --calibrate … --rate … --against …`
// (loadModel, predict, compareLayout, errorSummary, renderErrorSummary), not a copy of them.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { loadModel, type LoadedModel } from '../src/commands/simulate.js';
import { errorMessage, UserError } from '../src/errors.js';
import { initHistograms } from '../src/metrics/histogram.js';
import type { Report, SimulationValidationRow } from '../src/metrics/types.js';
import { checkPropagation } from '../src/provision/check-propagation.js';
import { preflight } from '../src/provision/check-stores.js';
import { isEmbeddedKind } from '../src/provision/plan.js';
import { provideStores } from '../src/provision/provide.js';
import { formatDuration } from '../src/report/format.js';
import { readJsonReport, writeJsonReport } from '../src/report/json.js';
import { compactTable } from '../src/report/summary-style.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { parseDuration } from '../src/scenario/duration.js';
import { loadScenario } from '../src/scenario/load.js';
import { applyOverrides } from '../src/scenario/overrides.js';
import { measuredDurationMs, type Scenario } from '../src/scenario/types.js';
import { predict } from '../src/simulate/simulate-scenario.js';
import { compareLayout, errorSummary, percent, renderErrorSummary } from '../src/simulate/validation.js';
import { applyScenarioWhatIfs, parseFactor } from '../src/simulate/what-if.js';
import { withRunNamespace } from '../src/stores/namespace-setting.js';

const TOOL = { name: 'polyglot-bench', version: 'bench' };
/** The goal: median |error| within 15 % over the p50 figures and 25 % over the p99 figures. */
const TARGETS = { p50: 0.15, p99: 0.25 } as const;
const DEFAULTS = {
  scenario: 'scenarios/quickstart.yaml',
  durationMs: 8000,
  warmupMs: 1000,
  rates: [1, 2, 4],
};
/** Local servers are shared with test suites and other runs: this script's keys and tables stay apart. */
const LOCAL_NAMESPACE = 'polyglot_bench_accuracy';

interface Flags {
  scenario: string;
  stores: 'embedded' | 'local';
  /** Unset when not given: then the calibration report's own (when reused) or the defaults. */
  durationMs?: number;
  warmupMs?: number;
  rates: number[];
  out?: string;
  calibrate?: string;
  measured: Map<number, string>;
}

/** What the machine was doing during one measured run: model error follows CPU the model cannot see. */
interface RunHealth {
  loadStart: number;
  loadEnd: number;
  cpuPercent: number;
  wallSeconds: number;
}

interface MeasuredRun {
  factor: number;
  file: string;
  report: Report;
  /** Null for a reused report: this process did not watch it run. */
  health: RunHealth | null;
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UserError(`--${name}: missing value`);
  return value;
}

function factorOf(text: string, flag: string): number {
  const factor = parseFactor(text.trim());
  if (factor === null) throw new UserError(`${flag}: "${text}" is not a factor like 2 or 2x`);
  return factor;
}

/** --measured 2=a.json,4=b.json → factor → file. */
function parseMeasured(text: string | undefined): Map<number, string> {
  const files = new Map<number, string>();
  for (const item of text ? text.split(',') : []) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new UserError(`--measured: "${item}" is not factor=FILE`);
    files.set(factorOf(item.slice(0, eq), '--measured'), item.slice(eq + 1).trim());
  }
  return files;
}

function parseFlags(argv: readonly string[]): Flags {
  const stores = flagValue(argv, 'stores') ?? 'embedded';
  if (stores !== 'embedded' && stores !== 'local')
    throw new UserError(`--stores: "${stores}" (expected embedded or local)`);
  const rates = (flagValue(argv, 'rates') ?? DEFAULTS.rates.join(','))
    .split(',')
    .map((r) => factorOf(r, '--rates'));
  const measured = parseMeasured(flagValue(argv, 'measured'));
  const calibrate = flagValue(argv, 'calibrate');
  for (const factor of measured.keys())
    if (!rates.includes(factor) || factor === rates[0])
      throw new UserError(
        `--measured ${factor}=…: not one of the predicted rates ${rates.slice(1).join(', ')} ` +
          '(the calibration run, the first of --rates, is --calibrate)',
      );
  if (measured.size > 0 && !calibrate)
    throw new UserError('--measured needs --calibrate: predictions come from a model calibrated on that run');
  const duration = flagValue(argv, 'duration');
  const warmup = flagValue(argv, 'warmup');
  return {
    scenario: flagValue(argv, 'scenario') ?? DEFAULTS.scenario,
    stores,
    durationMs: duration === undefined ? undefined : parseDuration(duration),
    warmupMs: warmup === undefined ? undefined : parseDuration(warmup),
    rates,
    out: flagValue(argv, 'out'),
    calibrate,
    measured,
  };
}

/**
 * The durations every run and prediction uses: the flags, else a reused calibration's own (so newly measured
 * rates run as long as the run they are predicted from), else the defaults.
 */
function windowOf(flags: Flags, calibration: Report | null): { durationMs: number; warmupMs: number } {
  const ran = calibration?.scenario.config as Scenario | undefined;
  return {
    durationMs: flags.durationMs ?? (ran ? measuredDurationMs(ran.load) : DEFAULTS.durationMs),
    warmupMs: flags.warmupMs ?? ran?.warmupMs ?? DEFAULTS.warmupMs,
  };
}

/** Scenario at factor f: the measured window first, then every phase's arrival rate ×f (as `simulate --rate`). */
function scenarioAt(
  base: Scenario,
  window: { durationMs: number; warmupMs: number },
  factor: number,
): Scenario {
  return applyScenarioWhatIfs(applyOverrides(base, window), factor, []);
}

/** One in-process run, as `polyglot-bench run` does it (stores checked first), watched for load and CPU. */
async function measure(
  scenario: Scenario,
  file: string,
  stores: Flags['stores'],
): Promise<{ report: Report; health: RunHealth }> {
  const provided = await provideStores(scenario, stores, process.env, (line) =>
    process.stderr.write(`${line}\n`),
  );
  if (stores === 'local') withRunNamespace(provided.plan.stores, LOCAL_NAMESPACE, isEmbeddedKind);
  try {
    await preflight(provided.plan.stores, isEmbeddedKind);
    await checkPropagation(scenario, provided.plan.layouts, provided.plan.stores);
    const loadStart = os.loadavg()[0]!;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const report = await runScenario({
      scenario,
      scenarioFile: file,
      plan: provided.plan,
      signal: new AbortController().signal,
      tool: TOOL,
      onLayoutStart: (layout) => process.stderr.write(`  layout ${layout.name}: loading and running…\n`),
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const health = {
      loadStart,
      loadEnd: os.loadavg()[0]!,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
      wallSeconds: wallMs / 1000,
    };
    return { report, health };
  } finally {
    await provided.release();
  }
}

/** Creates the default output directory only once something is measured. */
function outputDir(flags: Flags): () => Promise<string> {
  let dir: Promise<string> | null = flags.out ? Promise.resolve(flags.out) : null;
  return () => (dir ??= mkdtemp(join(os.tmpdir(), 'simulate-accuracy-')));
}

/** Every rate's measured report: reused when given, else measured now and written. The calibration first. */
async function measuredRuns(flags: Flags): Promise<MeasuredRun[]> {
  const calibration = flags.calibrate ? await readJsonReport(flags.calibrate) : null;
  const window = windowOf(flags, calibration);
  const base = await loadScenario(flags.scenario);
  const dir = outputDir(flags);
  const runs: MeasuredRun[] = [];
  for (const [index, factor] of flags.rates.entries()) {
    const reused = index === 0 ? flags.calibrate : flags.measured.get(factor);
    if (reused) {
      runs.push({
        factor,
        file: reused,
        report: index === 0 ? calibration! : await readJsonReport(reused),
        health: null,
      });
      continue;
    }
    process.stderr.write(
      `measuring ×${factor} (${flags.stores}, ${formatDuration(window.durationMs * 1000)} measured after ` +
        `${formatDuration(window.warmupMs * 1000)} warm-up)…\n`,
    );
    const { report, health } = await measure(scenarioAt(base, window, factor), flags.scenario, flags.stores);
    const file = await writeJsonReport(report, await dir());
    process.stdout.write(`measured ×${factor}: ${file}\n`);
    runs.push({ factor, file, report, health });
  }
  return runs;
}

function healthLine(run: MeasuredRun): string {
  const layouts = run.report.layouts
    .map(
      (l) =>
        `${l.layout} ${l.health.cpuPercent.toFixed(0)} % of a core over its ${l.measuredSeconds.toFixed(1)} s`,
    )
    .join(', ');
  const window = `measured window (report): ${layouts}`;
  if (!run.health) return `×${run.factor}: reused ${run.file}; ${window}`;
  const h = run.health;
  return (
    `×${run.factor}: wall-clock ${h.wallSeconds.toFixed(1)} s, load average (1 min) ${h.loadStart.toFixed(2)} → ` +
    `${h.loadEnd.toFixed(2)} on ${os.cpus().length} CPUs, process CPU ${h.cpuPercent.toFixed(0)} % of a core ` +
    `over the run (loading included); ${window}`
  );
}

/**
 * A reused report of another window or rate than the one predicted would make the error meaningless: said, not
 * hidden (a wrong factor=FILE pairing is the likely cause).
 */
function loadMismatch(target: Scenario, run: MeasuredRun): string | null {
  const ran = run.report.scenario.config as Scenario;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  const phases = target.load.phases as Array<{ durationMs: number; arrivalRate?: number }>;
  const ranPhases = ran.load.phases as Array<{ durationMs: number; arrivalRate?: number }>;
  const same =
    close(target.warmupMs, ran.warmupMs) &&
    phases.length === ranPhases.length &&
    phases.every(
      (p, i) =>
        close(p.durationMs, ranPhases[i]!.durationMs) &&
        close(p.arrivalRate ?? 0, ranPhases[i]!.arrivalRate ?? 0),
    );
  if (same) return null;
  const describe = (s: Scenario) =>
    `${formatDuration(measuredDurationMs(s.load) * 1000)} after ${formatDuration(s.warmupMs * 1000)} warm-up, ` +
    `first phase ${(s.load.phases[0] as { arrivalRate?: number } | undefined)?.arrivalRate ?? '?'} arrivals/s`;
  return `warning: ×${run.factor} predicts ${describe(target)}, but ${run.file} ran ${describe(ran)}`;
}

/** The prediction at one rate beside its measurement: the rows of `simulate --against`. */
function compareRate(
  model: LoadedModel,
  run: MeasuredRun,
): { rows: SimulationValidationRow[]; target: Scenario } {
  const target = applyScenarioWhatIfs(model.base, run.factor, []);
  const prediction = predict(model.model, target, [], [`rate ×${run.factor}`], TOOL);
  const rows = prediction.report.layouts.flatMap((layout) => {
    const measured = run.report.layouts.find((m) => m.layout === layout.layout);
    return measured ? compareLayout(layout, measured) : [];
  });
  return { rows, target };
}

/** A median or largest |error|: no sign. */
function magnitude(error: number | null): string {
  return error === null ? '—' : `${(error * 100).toFixed(0)} %`;
}

function cell(row: SimulationValidationRow | undefined): string {
  if (!row) return '—';
  const counts = row.figure.endsWith('(count)');
  const show = (v: number | null) =>
    v === null ? '—' : counts ? v.toLocaleString('en-US') : formatDuration(v);
  return `${show(row.predictedUs)} / ${show(row.measuredUs)} (${percent(row.relativeError)})`;
}

/** A figure can be missing at one rate (no drops at r): every rate's figures, operations, then lag, then counts. */
function figuresOf(rows: readonly SimulationValidationRow[]): string[] {
  const rank = (figure: string) => (figure.endsWith('(count)') ? 2 : / lag /.test(` ${figure}`) ? 1 : 0);
  const figures = [...new Set(rows.map((r) => r.figure))];
  return figures
    .map((figure, order) => ({ figure, order }))
    .sort((a, b) => rank(a.figure) - rank(b.figure) || a.order - b.order)
    .map((f) => f.figure);
}

/** Median |error| over a column's p50 and p99 figures (operations and lag alike), and whether the targets hold. */
function targetCheck(rows: readonly SimulationValidationRow[]): {
  p50: number | null;
  p99: number | null;
  met: boolean;
} {
  const p50 = errorSummary(rows.filter((r) => r.figure.endsWith(' p50'))).median;
  const p99 = errorSummary(rows.filter((r) => r.figure.endsWith(' p99'))).median;
  return { p50, p99, met: p50 !== null && p99 !== null && p50 <= TARGETS.p50 && p99 <= TARGETS.p99 };
}

function targetCell(rows: readonly SimulationValidationRow[]): string {
  const { p50, p99, met } = targetCheck(rows);
  return `p50 ${magnitude(p50)} · p99 ${magnitude(p99)}: ${met ? 'met' : 'NOT met'}`;
}

interface Column {
  factor: number;
  calibration: boolean;
  rows: SimulationValidationRow[];
}

function renderLayout(layout: string, columns: readonly Column[], color: boolean): string {
  const head = columns.map(
    (c) => `×${c.factor} ${c.calibration ? 're-simulated' : 'predicted'} / measured (error)`,
  );
  // No rules between rows: a layout has some 50 figures, and the table should stay one screen or two tall.
  const table = compactTable(['figure', ...head], color);
  const own = columns.map((c) => c.rows.filter((r) => r.layout === layout));
  for (const figure of figuresOf(own.flat()))
    table.push([figure, ...own.map((rows) => cell(rows.find((r) => r.figure === figure)))]);
  table.push(['median |error| vs targets', ...own.map(targetCell)]);
  return `layout ${layout}\n${table.toString()}\n`;
}

/** Each rate's prediction beside its measurement, with a warning for a reused report of another load. */
function columnsOf(
  model: LoadedModel,
  runs: readonly MeasuredRun[],
): { columns: Column[]; warnings: string[] } {
  const columns: Column[] = [];
  const warnings: string[] = [];
  for (const [index, run] of runs.entries()) {
    const { rows, target } = compareRate(model, run);
    const mismatch = loadMismatch(target, run);
    if (mismatch) warnings.push(mismatch);
    columns.push({ factor: run.factor, calibration: index === 0, rows });
  }
  return { columns, warnings };
}

/** The machine first (the likeliest cause of error), then the tables, then how to print them again. */
function render(flags: Flags, model: LoadedModel, runs: readonly MeasuredRun[], color: boolean): string {
  const { columns, warnings } = columnsOf(model, runs);
  const check = errorSummary(model.model.validation);
  const out: string[] = [
    '',
    ...runs.map(healthLine),
    '',
    `model check (the fit's own re-simulation, as \`simulate\` prints it): median error ` +
      `${magnitude(check.median)}, largest ${magnitude(check.worst)}`,
    ...warnings,
    `targets: ${TARGETS.p50 * 100} % at p50, ${TARGETS.p99 * 100} % at p99 — the median |error| of each ` +
      "column's p50 figures, and of its p99 figures (operations and lag alike)",
    '',
  ];
  const layouts = [...new Set(columns.flatMap((c) => c.rows.map((r) => r.layout)))];
  for (const layout of layouts) out.push(renderLayout(layout, columns, color));
  for (const c of columns) {
    const { median, worst } = errorSummary(c.rows);
    const title = `×${c.factor}: median |error| ${magnitude(median)}, largest ${magnitude(worst)}`;
    out.push(renderErrorSummary(title, c.rows, color));
  }
  const predicted = runs.slice(1).map((r) => `${r.factor}=${r.file}`);
  out.push(
    'again without measuring: bench/run.sh simulate-accuracy ' +
      `--scenario ${flags.scenario} --rates ${flags.rates.join(',')} --calibrate ${runs[0]!.file}` +
      (predicted.length > 0 ? ` --measured ${predicted.join(',')}` : ''),
  );
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  await initHistograms();
  const runs = await measuredRuns(flags);
  // The model exactly as `simulate --calibrate` builds it, in the window the runs were measured in.
  const window = windowOf(flags, runs[0]!.report);
  const model = await loadModel(flags.scenario, runs[0]!.file, {
    duration: window.durationMs,
    warmup: window.warmupMs,
  });
  process.stdout.write(render(flags, model, runs, process.stdout.isTTY === true));
}

try {
  await main();
} catch (error) {
  // A flag or file the user can fix: one line, as the CLI prints it, not a stack trace.
  if (!(error instanceof UserError)) throw error;
  process.stderr.write(`simulate-accuracy: ${errorMessage(error)}\n`);
  process.exitCode = error.exitCode;
}
