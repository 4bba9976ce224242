// `run --workers`: a worker thread's recorder and series, absorbed by the main thread's, must give exactly the
// figures of one recorder that saw every event — histograms by their buckets, the per-second series by its values.
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { RunEvents, type RunEvent } from '../../src/metrics/events.js';
import { initHistograms } from '../../src/metrics/histogram.js';
import { LayoutRecorder } from '../../src/metrics/layout-recorder.js';
import { MeasuredWindow } from '../../src/metrics/measured-window.js';
import type { SecondCells } from '../../src/metrics/timeseries.js';

const START_US = 1_000_000_000;
const window = () => new MeasuredWindow(START_US, START_US + 10_000_000);

/** A run's worth of events in end order: arrivals (some dropped), operations (some failing), calls, reads. */
function runEvents(seed: number): RunEvent[] {
  const rng = new Random(seed);
  const events: RunEvent[] = [];
  let us = START_US - 500_000;
  for (let i = 0; i < 3_000; i += 1) {
    us += rng.int(1, 6_000);
    const measured = us >= START_US;
    const dropped = rng.chance(0.05);
    events.push({
      type: 'arrival',
      intendedUs: us,
      startedUs: dropped ? null : us + rng.int(0, 900),
      measured,
    });
    if (dropped) continue;
    const name = ['search', 'checkout', 'view-product'][rng.int(0, 2)]!;
    const latency = rng.int(100, 250_000);
    events.push({
      type: 'store-call',
      store: 'pg',
      role: 'inventory',
      method: rng.chance(0.5) ? 'reserve' : 'stockOf',
      startUs: us,
      endUs: us + latency / 2,
      ok: !rng.chance(0.02),
      source: rng.chance(0.9) ? 'operation' : 'relay',
      measured,
    });
    const failed = rng.chance(0.03);
    events.push({
      type: 'operation',
      name,
      timing: {
        intendedUs: us,
        startUs: us + 10,
        endUs: us + latency,
        outcome: failed ? 'error' : rng.chance(0.05) ? 'rejected' : 'ok',
        error: failed ? new Error(`boom ${rng.int(1, 3)}`) : undefined,
        storeCalls: rng.int(1, 4),
      },
      measured,
    });
    if (name === 'checkout')
      events.push({
        type: 'read-your-writes',
        operation: 'my-orders',
        startUs: us,
        saw: !rng.chance(0.1),
        measured,
      });
  }
  // The series expects completions in end order, as a run delivers them.
  return events.sort((a, b) => endOf(a) - endOf(b));
}

function endOf(event: RunEvent): number {
  if (event.type === 'operation') return event.timing.endUs;
  if (event.type === 'store-call') return event.endUs;
  if (event.type === 'arrival') return event.intendedUs;
  if (event.type === 'read-your-writes') return event.startUs;
  return 0;
}

function everything(recorder: LayoutRecorder) {
  return {
    operations: recorder.operationStats(),
    storeCalls: recorder.storeCallStats(),
    background: recorder.backgroundCallStats(),
    schedule: recorder.scheduleStats(),
    ryw: recorder.readYourWritesStats(),
    errors: recorder.errorSamples(),
    series: recorder.timeSeries.samples(),
  };
}

/** Strips the encoded histograms, which may differ in encoding while holding the same counts. */
function withoutHdr(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'hdr' ? undefined : v)));
}

beforeAll(() => initHistograms());

describe('a worker recorder absorbed by the main thread', () => {
  it('gives exactly the figures of one recorder that saw every event', () => {
    const events = runEvents(3);
    const single = new LayoutRecorder(window(), 'open');
    const singleStream = new RunEvents();
    single.subscribe(singleStream);
    for (const event of events) singleStream.emit(event);

    // Two workers, alternate events each (as every other arrival would be), handing each closed second over.
    const main = new LayoutRecorder(window(), 'open');
    const handed: Array<Array<[number, SecondCells]>> = [[], []];
    const workers = [0, 1].map((w) => {
      const recorder = new LayoutRecorder(window(), 'open', (second, cells) =>
        handed[w]!.push([second, cells]),
      );
      const stream = new RunEvents();
      recorder.subscribe(stream);
      return { recorder, stream };
    });
    events.forEach((event, index) => workers[index % 2]!.stream.emit(event));
    for (const { recorder } of workers) {
      recorder.timeSeries.flush();
      main.absorb(structuredClone(recorder.snapshot()));
    }
    const seconds = new Set(handed.flat().map(([second]) => second));
    for (const second of [...seconds].sort((a, b) => a - b)) {
      for (const list of handed)
        for (const [s, cells] of list) if (s === second) main.timeSeries.absorb(s, cells);
      main.timeSeries.closeThrough(second);
    }

    const expected = everything(single);
    const actual = everything(main);
    expect(withoutHdr(actual)).toEqual(withoutHdr(expected));
    expect(expected.operations.reduce((n, op) => n + op.count, 0)).toBeGreaterThan(2_000);
    expect(expected.schedule!.dropped).toBeGreaterThan(0);
    expect(expected.series.length).toBeGreaterThan(5);
  });

  it('refuses a second handed over after it was reduced', () => {
    const main = new LayoutRecorder(window(), 'open');
    main.timeSeries.closeThrough(2);
    expect(() => main.timeSeries.absorb(1, [])).toThrow(RangeError);
  });
});
