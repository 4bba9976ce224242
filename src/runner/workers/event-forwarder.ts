// A worker thread's side of the event stream (`run --workers`): the events only the main thread can count — the
// ledger's commits and placed orders, compensations, dual-write applies, search listings, and where faults run
// the measured operations and the faulted stores' calls — batched per turn of the event loop (setImmediate), so
// the main thread hears of them within a fraction of a millisecond and at a few hundred messages a second.
import type { RunEvents } from '../../metrics/events.js';
import type { SearchHit } from '../../roles.js';
import { currentCallContext } from '../call-context.js';
import type { ForwardedEvent } from './protocol.js';

export class EventForwarder {
  private batch: ForwardedEvent[] = [];
  private scheduled = false;

  constructor(private readonly send: (batch: ForwardedEvent[]) => void) {}

  /** Subscribes to the worker's stream: what goes to the main thread. */
  forward(events: RunEvents, faultedStores: readonly string[]): void {
    events.on('commit', (event) => this.push(event));
    events.on('placed', (event) => this.push(event));
    events.on('compensated', (event) => this.push(event));
    events.on('applied', (event) => this.push(event));
    if (faultedStores.length === 0) return;
    // The fault isolation needs raw facts: only the outcome of an error, not the error (it may not clone).
    events.on('operation', (event) => {
      if (event.measured) this.push({ ...event, timing: { ...event.timing, error: undefined } });
    });
    const faulted = new Set(faultedStores);
    events.on('store-call', (event) => {
      if (faulted.has(event.store)) this.push(event);
    });
  }

  /** A search page as the shopper saw it, judged in the main thread against every worker's placed orders. */
  listed(hits: readonly SearchHit[]): void {
    this.push({ type: 'listed', hits: [...hits], measured: currentCallContext()?.measured ?? false });
  }

  /** Sends what is queued now (before the worker's final report, which must come after every event). */
  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.send(batch);
  }

  private push(event: ForwardedEvent): void {
    this.batch.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
