// Finding 2 of the lifecycle issue: Ctrl-C during a hung outage ends the fault and the waits it holds at once,
// and the report states the measured time actually run — not the fault's scheduled end.
import { describe, expect, it } from 'vitest';
import { runEmbedded, SMALL_DATA } from './run-embedded.js';

const HUNG = `
name: interrupt-hung
seed: 3
${SMALL_DATA}
layouts: [polyglot]
warmup: 0s
load:
  model: open
  phases: [{ duration: 10s, arrivalRate: 50 }]
journeys: { mix: { shop: 1 }, thinkTime: { min: 0ms, max: 5ms } }
faults:
  - { role: sessions, from: 1s, to: 8s, outage: hung }
`;

describe('Ctrl-C during a hung outage', () => {
  it('ends the fault at the signal and reports the time actually measured', async () => {
    const controller = new AbortController();
    let measureStartedMs = 0;
    const run = runEmbedded(HUNG, {
      signal: controller.signal,
      onMeasureStart: () => (measureStartedMs = performance.now()),
    });
    // The first progress report comes within 250 ms of the measured window's start (no warm-up here).
    while (measureStartedMs === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    controller.abort();
    const { report } = await run;

    const layout = report.layouts[0]!;
    expect(report.interrupted).toBe(true);
    // Signalled 1.5–1.75 s into measurement: not the 8 s at which the hang was scheduled to end.
    expect(layout.measuredSeconds).toBeGreaterThan(1.3);
    expect(layout.measuredSeconds).toBeLessThan(2.5);
    const fault = layout.faults[0]!;
    expect(fault.startedAtS).not.toBeNull();
    expect(fault.endedAtS!).toBeLessThan(2.5);
    // ops/s stays honest: about 50 arrivals a second were started over the time that was measured.
    const schedule = layout.schedule!;
    expect(schedule.intended / layout.measuredSeconds).toBeGreaterThan(40);
    expect(schedule.intended / layout.measuredSeconds).toBeLessThan(60);
  }, 60_000);
});
