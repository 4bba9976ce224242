// How fast the simulator is, on one core: simulated store calls per second (goal ≥ 2 M/s), one hour of
// black-friday at 10× simulated (goal under a minute), and the heap it keeps after 10, 30 and 60 simulated
// minutes (goal: flat). Run with --expose-gc (bench/run.sh passes NODE_OPTIONS) for the retained heap.
//   bench/run.sh simulate-speed [--calibrate <black-friday report.json>] [--save-calibration <dir>]
//                               [--speed-run <minutes>x<rate>, e.g. 60x0.1] [--repeat N]
// Without a report it first calibrates on a short embedded black-friday run (its rates ×0.2, 4 s), in process;
// --save-calibration writes that run's report into <dir>, so later runs can time the same model with --calibrate.
// A calibration from a busy machine can leave the model saturated at the scenario's own rate (most arrivals
// dropped, few journeys run); --speed-run adds a first run at a rate where they do. Seconds are wall-clock and
// the process's CPU time (the compiler's and collector's threads included); --repeat N simulates each run N
// times and prints the fastest (the first includes compiling the simulator's code).
import { initHistograms } from '../src/metrics/histogram.js';
import type { Report } from '../src/metrics/types.js';
import { provideStores } from '../src/provision/provide.js';
import { readJsonReport, writeJsonReport } from '../src/report/json.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { applyOverrides } from '../src/scenario/overrides.js';
import { checkCalibration } from '../src/simulate/calibration.js';
import { buildLayoutSpec } from '../src/simulate/model.js';
import { calibrate } from '../src/simulate/simulate-scenario.js';
import { simulateLayout } from '../src/simulate/simulate-layout.js';
import { applyScenarioWhatIfs } from '../src/simulate/what-if.js';

const SCENARIO = 'scenarios/black-friday.yaml';

async function calibrationReport(): Promise<Report> {
  const flag = process.argv.indexOf('--calibrate');
  if (flag > 0) return readJsonReport(process.argv[flag + 1]!);
  const base = applyOverrides(await loadScenario(SCENARIO), { durationMs: 4000, warmupMs: 1000 });
  const scenario = applyScenarioWhatIfs(base, 0.2, []);
  process.stderr.write('calibrating on a short embedded black-friday run (rates ×0.2, 4 s)…\n');
  const provided = await provideStores(scenario, 'embedded', {});
  try {
    return await runScenario({
      scenario,
      scenarioFile: SCENARIO,
      plan: provided.plan,
      signal: new AbortController().signal,
      tool: { name: 'polyglot-bench', version: 'bench' },
    });
  } finally {
    await provided.release();
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  await initHistograms();
  const report = await calibrationReport();
  const save = process.argv.indexOf('--save-calibration');
  if (save > 0)
    process.stderr.write(`calibration report: ${await writeJsonReport(report, process.argv[save + 1])}\n`);
  const scenario = await loadScenario(SCENARIO);
  const model = calibrate(checkCalibration('calibration', report, scenario), { withRelease: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  // Store calls per second at the scenario's own rate (journeys run rather than arrivals dropped), then one hour
  // at ×10 in three lengths, for the time it takes and the memory it keeps.
  const speedRun = process.argv.indexOf('--speed-run');
  const [speedMinutes, speedRate] = speedRun > 0 ? process.argv[speedRun + 1]!.split('x').map(Number) : [];
  const repeatAt = process.argv.indexOf('--repeat');
  const repeat = repeatAt > 0 ? Math.max(1, Number(process.argv[repeatAt + 1])) : 1;
  const runs = [
    ...(speedMinutes && speedRate ? [{ minutes: speedMinutes, rate: speedRate }] : []),
    { minutes: 30, rate: 1 },
    { minutes: 10, rate: 10 },
    { minutes: 30, rate: 10 },
    { minutes: 60, rate: 10 },
  ];
  for (const { minutes, rate } of runs) {
    const target = applyScenarioWhatIfs(applyOverrides(scenario, { durationMs: minutes * 60_000 }), rate, []);
    for (const spec of model.specs) {
      const fresh = buildLayoutSpec(spec.calibration, model.calibration.scenario, { withRelease: false });
      // The fitted factors, carried over.
      fresh.kinds.forEach((kind, k) => (kind.dist.scale = spec.kinds[k]!.dist.scale));
      fresh.hostStalls = spec.hostStalls;
      let best: { run: ReturnType<typeof simulateLayout>; seconds: number; cpuSeconds: number } | null = null;
      for (let round = 0; round < repeat; round++) {
        gc?.();
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const run = simulateLayout(fresh, target);
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuStarted);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        if (!best || seconds < best.seconds) best = { run, seconds, cpuSeconds };
      }
      const { run, seconds, cpuSeconds } = best!;
      // What the run still holds once its garbage is collected (the result stays alive until printed).
      gc?.();
      const arrivals = run.result.schedule?.intended ?? 0;
      const dropped = run.result.schedule?.dropped ?? 0;
      process.stdout.write(
        `${minutes} min of black-friday ×${rate} · ${spec.name}: ${arrivals.toLocaleString('en-US')} arrivals ` +
          `(${dropped.toLocaleString('en-US')} dropped), ${run.calls.toLocaleString('en-US')} store calls, ` +
          `${run.events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s) → ` +
          `${(run.calls / seconds / 1e6).toFixed(2)} M calls/s (CPU: ${(run.calls / cpuSeconds / 1e6).toFixed(2)}); ` +
          `heap retained ${mb(process.memoryUsage().heapUsed)}, ` +
          `rss ${mb(process.memoryUsage().rss)}${gc ? '' : ' (run with --expose-gc for steadier figures)'}\n`,
      );
    }
  }
}

await main();
