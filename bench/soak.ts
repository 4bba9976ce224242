// Soak: one long run of a real-servers scenario (default 30 minutes of scenarios/real-servers.yaml's polyglot
// layout on the local servers), sampling every 10 s what grows when something leaks: RSS, heap, event-loop delay
// and the open TCP connections. Prints the curve as it goes and its first and last rows at the end.
//   scripts/local-stores.sh up && eval "$(scripts/local-stores.sh env)"
//   bench/run.sh soak [--minutes N] [--scenario file] [--layout name] [--out dir]
// --out writes the run's JSON report there (read its layouts[].errors and invariants.stores).
// It runs in a namespace and a PostgreSQL database of its own, so test suites and other runs are not disturbed.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { provideStores } from '../src/provision/provide.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { applyOverrides } from '../src/scenario/overrides.js';
import { isEmbeddedKind } from '../src/provision/plan.js';
import { withRunNamespace } from '../src/stores/namespace-setting.js';
import { writeJsonReport } from '../src/report/json.js';
import { onServer } from './postgres-statement.js';

const SAMPLE_EVERY_MS = 10_000;

interface Sample {
  atS: number;
  rssMb: number;
  heapMb: number;
  loopP99Ms: number;
  loopMaxMs: number;
  tcp: number;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function row(s: Sample): string {
  return [
    `${s.atS.toFixed(0).padStart(5)} s`,
    `rss ${s.rssMb.toFixed(0).padStart(5)} MB`,
    `heap ${s.heapMb.toFixed(0).padStart(5)} MB`,
    `loop p99 ${s.loopP99Ms.toFixed(1).padStart(6)} ms`,
    `max ${s.loopMaxMs.toFixed(1).padStart(6)} ms`,
    `tcp ${String(s.tcp).padStart(4)}`,
  ].join('  ');
}

/** Open TCP sockets of this process: the drivers' connections (and any the tool forgot to close). */
function openConnections(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
}

async function main(): Promise<void> {
  const minutes = Number(argument('minutes', '30'));
  const file = argument('scenario', 'scenarios/real-servers.yaml');
  const layout = argument('layout', 'polyglot-servers');
  const base = await loadScenario(file);
  const scenario = applyOverrides(base, { durationMs: minutes * 60_000, layouts: [layout] });

  const serverUrl = process.env.POLYGLOT_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `pgb_soak_${process.pid}`;
  const own = new URL(serverUrl);
  own.pathname = `/${database}`;
  await onServer(serverUrl, `CREATE DATABASE ${database}`);
  const env = { ...process.env, POLYGLOT_BENCH_POSTGRES_URL: own.toString() };

  const samples: Sample[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const sample = () => {
    const memory = process.memoryUsage();
    const s: Sample = {
      atS: (performance.now() - started) / 1000,
      rssMb: memory.rss / 1e6,
      heapMb: memory.heapUsed / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMaxMs: delay.max / 1e6,
      tcp: openConnections(),
    };
    delay.reset();
    samples.push(s);
    process.stdout.write(`${row(s)}\n`);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);

  const provided = await provideStores(scenario, 'local', env, (line) => process.stderr.write(`${line}\n`));
  withRunNamespace(provided.plan.stores, `soak_${process.pid}`, isEmbeddedKind);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    process.stdout.write(
      `soak: ${minutes} min of ${file} (${layout}), a sample every ${SAMPLE_EVERY_MS / 1000} s\n`,
    );
    sample();
    const report = await runScenario({
      scenario,
      scenarioFile: file,
      plan: provided.plan,
      signal: controller.signal,
      tool: { name: 'polyglot-bench soak', version: 'bench' },
    });
    const out = argument('out', '');
    if (out !== '') process.stdout.write(`report: ${await writeJsonReport(report, out)}\n`);
    const result = report.layouts[0];
    const ops = result?.operations.reduce((sum, op) => sum + op.count, 0) ?? 0;
    const errors = result?.operations.reduce((sum, op) => sum + op.errors, 0) ?? 0;
    process.stdout.write(
      `run: ${ops} operations, ${errors} errors, invariants ${result?.invariants.ok ? 'OK' : 'FAILED'}\n`,
    );
  } finally {
    clearInterval(timer);
    sample();
    await provided.release();
    await onServer(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  }
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  process.stdout.write(`\nstart ${row(first)}\nend   ${row(last)}\n`);
}

await main();
