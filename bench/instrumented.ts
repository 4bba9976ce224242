// The tool's real per-call path for a bench: the role wrapped by the runner's own instrumentObject, its calls
// going into a run event stream whose subscriber records each latency into a LatencyHistogram, as the layout
// recorder does for store calls.
import { RunEvents } from '../src/metrics/events.js';
import { LatencyHistogram } from '../src/metrics/histogram.js';
import type { RoleImpls, RoleName } from '../src/roles.js';
import { instrumentObject } from '../src/runner/instrument.js';

export interface Instrumented<R extends RoleName> {
  role: RoleImpls[R];
  /** Latency of every call of `method`, µs. */
  histogram(method: string): LatencyHistogram;
  /** Forgets what was recorded so far (the warm-up). */
  reset(): void;
  destroy(): void;
}

export function instrumented<R extends RoleName>(
  role: R,
  store: string,
  impl: RoleImpls[R],
): Instrumented<R> {
  const histograms = new Map<string, LatencyHistogram>();
  const histogram = (method: string) => {
    let found = histograms.get(method);
    if (!found) {
      found = new LatencyHistogram();
      histograms.set(method, found);
    }
    return found;
  };
  const events = new RunEvents();
  events.on('store-call', (call) => histogram(call.method).record(call.endUs - call.startUs));
  return {
    role: instrumentObject(role, store, impl, events),
    histogram,
    reset() {
      histograms.forEach((h) => h.destroy());
      histograms.clear();
    },
    destroy: () => histograms.forEach((h) => h.destroy()),
  };
}
