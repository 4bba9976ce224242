// The harness's own cost per store call, end to end (journey runner with a call context per step, timing
// wrapper, event stream, layout recorder with histograms and per-second series), against its peer: the same
// journeys calling the same instant store with no harness at all. Prints µs per call and the ratio.
//   bench/run.sh harness [--journeys N]
import { Random } from '../src/data/random.js';
import { nowUs } from '../src/metrics/clock.js';
import { measureHarnessCost } from '../src/selftest/harness-cost.js';

const CALLS_PER_JOURNEY = 5;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** The peer: the same number of awaited calls, each journey drawing the same random numbers, nothing timed. */
async function rawLoop(journeys: number): Promise<number> {
  const store = { call: async () => undefined };
  const begunUs = nowUs();
  for (let index = 0; index < journeys; index++) {
    const rng = new Random(index);
    for (let step = 0; step < CALLS_PER_JOURNEY; step++) {
      rng.next();
      await store.call();
    }
  }
  return (nowUs() - begunUs) / (journeys * CALLS_PER_JOURNEY);
}

async function main(): Promise<void> {
  const journeys = argument('--journeys', 200_000);
  await measureHarnessCost(20_000, CALLS_PER_JOURNEY); // warm-up: JIT and the histograms' wasm
  await rawLoop(20_000);
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const harness = await measureHarnessCost(journeys, CALLS_PER_JOURNEY);
    const raw = await rawLoop(journeys);
    rounds.push({ harness: harness.usPerCall, raw });
  }
  for (const [index, round] of rounds.entries()) {
    process.stdout.write(
      `round ${index + 1}: harness ${round.harness.toFixed(2)} µs/call (${Math.round(1e6 / round.harness)} calls/s) · ` +
        `raw loop ${round.raw.toFixed(3)} µs/call · harness − raw ${(round.harness - round.raw).toFixed(2)} µs\n`,
    );
  }
  const best = rounds.reduce((a, b) => (a.harness - a.raw < b.harness - b.raw ? a : b));
  process.stdout.write(
    `best: ${(best.harness - best.raw).toFixed(2)} µs of harness per store call ` +
      `(goal ≤ 3 µs, i.e. ≥ 330,000 calls/s per core)\n`,
  );
}

await main();
