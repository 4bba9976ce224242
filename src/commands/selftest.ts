// `polyglot-bench selftest`: what a user runs to trust this machine before trusting a benchmark on it — does the
// tool recover a known stall's response-time percentiles, and what does it cost per store call here?
import type { Command } from 'commander';
import { formatDuration } from '../report/format.js';
import { measureHarnessCost } from '../selftest/harness-cost.js';
import { runSelftest, type SelftestResult } from '../selftest/run-selftest.js';
import { durationOption } from './options.js';
import type { CommandContext } from './program.js';

interface SelftestFlags {
  pause: number;
  every: number;
  rate: number;
  duration: number;
}

export function registerSelftest(program: Command, { setExit }: CommandContext): void {
  program
    .command('selftest')
    .description(
      'recover a known stall pattern within 5 % and print this machine’s harness cost per store call',
    )
    .option('--pause <duration>', 'length of each stall', durationOption('--pause'), 1000)
    .option('--every <duration>', 'one stall every', durationOption('--every'), 10_000)
    .option('--rate <n>', 'arrivals per second', (value) => Number(value), 100)
    .option('--duration <duration>', 'how long to drive the load', durationOption('--duration'), 30_000)
    .action(async (flags: SelftestFlags) => {
      process.stderr.write(
        `selftest: ${flags.rate}/s for ${flags.duration / 1000} s, a ${flags.pause} ms stall every ` +
          `${flags.every / 1000} s…\n`,
      );
      const result = await runSelftest({
        pattern: { pauseUs: flags.pause * 1000, everyUs: flags.every * 1000 },
        ratePerSecond: flags.rate,
        durationMs: flags.duration,
        tolerance: 0.05,
      });
      const cost = await measureHarnessCost();
      process.stdout.write(renderSelftest(result, cost));
      setExit(result.ok ? 0 : 1);
    });
}

function renderSelftest(
  result: SelftestResult,
  cost: Awaited<ReturnType<typeof measureHarnessCost>>,
): string {
  const lines = [
    `${result.arrivals} arrivals, ${result.pauses} stalls`,
    'response time   expected   measured   error',
    ...result.response.map(
      (check) =>
        `  p${String(check.percentile).padEnd(5)}       ${formatDuration(check.expectedUs).padStart(8)} ` +
        `${formatDuration(check.measuredUs).padStart(10)}   ${(check.relativeError * 100).toFixed(1)} %` +
        `${check.ok ? '' : '  ✗ beyond 5 %'}`,
    ),
    `service time p99 ${formatDuration(result.serviceP99Us)} (must stay far below the stall: ` +
      `${result.serviceOk ? 'yes' : 'NO — the tool charged the stall to service time'})`,
    `harness cost: ${cost.usPerCall.toFixed(2)} µs per store call, ` +
      `${Math.round(cost.callsPerSecond).toLocaleString('en-US')} store calls/s on one core ` +
      `(journey runner, timing wrapper, event stream, recorder)`,
    result.ok ? 'selftest: OK' : 'selftest: FAILED — do not trust latency figures from this machine as it is',
  ];
  return `${lines.join('\n')}\n`;
}
