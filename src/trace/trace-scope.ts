// Which store calls and step events belong to the traced journey. The trace may run inside a layout run whose
// relay, probes or stragglers still make calls, and the event stream does not say whose journey a call is for;
// an async-local token, set around the journey and inherited by everything it starts (its own probe timers
// included), does, without any code on the call path passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';

export class TraceScope {
  private readonly storage = new AsyncLocalStorage<TraceScope>();

  run<T>(fn: () => T): T {
    return this.storage.run(this, fn);
  }

  /** Whether the code running now was started inside run(). */
  get inside(): boolean {
    return this.storage.getStore() === this;
  }
}
