// The calls the shopper waited for. A step's calls run one after another today, but a step may overlap some
// (a parallel read): walking back from the step's end, the critical chain is the call that ended last, then the
// call that ended last before that one started, and so on. Propagation after the journey is never critical: the
// shopper was not waiting for it.
import type { JourneyTrace, TracedCall } from '../metrics/types.js';

type StepSpan = Pick<JourneyTrace['steps'][number], 'startUs' | 'durationUs'>;

/** The calls with `critical` set; steps are told apart by their spans, since a step may repeat (add-to-cart). */
export function markCriticalPath(calls: readonly TracedCall[], steps: readonly StepSpan[]): TracedCall[] {
  const critical = new Set<TracedCall>();
  for (const step of steps) {
    const endUs = step.startUs + step.durationUs;
    const own = calls.filter(
      (call) => call.source === 'operation' && call.startUs >= step.startUs && call.startUs <= endUs,
    );
    let before = Number.POSITIVE_INFINITY;
    for (;;) {
      let latest: TracedCall | null = null;
      for (const call of own) {
        const end = call.startUs + call.durationUs;
        if (
          end <= before &&
          !critical.has(call) &&
          (latest === null || end > latest.startUs + latest.durationUs)
        )
          latest = call;
      }
      if (latest === null) break;
      critical.add(latest);
      before = latest.startUs;
    }
  }
  return calls.map((call) => ({ ...call, critical: critical.has(call) }));
}
