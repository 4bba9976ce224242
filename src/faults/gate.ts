// A fault between the tool and an in-process store (PGlite, DuckDB, Kuzu, the document store, the TTL cache):
// there is no socket to cut, so every call to the store passes this gate first. It does what the TCP proxy
// does to a server: adds latency, refuses at once, or holds the call until the fault ends.
import { nowUs } from '../metrics/clock.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import type { FaultEffect } from '../scenario/types.js';

export type StoreFault = Exclude<FaultEffect, { kind: 'slow-relay' }>;

/** What a call to a store refused by an injected outage throws, worded like the driver error it stands for. */
export class InjectedOutage extends Error {
  constructor(store: string) {
    super(`connection refused: ${store} is down (injected fault)`);
    this.name = 'InjectedOutage';
  }
}

export class FaultGate {
  private current: StoreFault | null = null;
  /** Calls held by a hung outage, released when it ends. */
  private held: Array<() => void> = [];

  constructor(readonly store: string) {}

  get fault(): StoreFault | null {
    return this.current;
  }

  set(fault: StoreFault | null): void {
    this.current = fault;
    if (fault?.kind === 'outage' && fault.mode === 'hung') return;
    const released = this.held;
    this.held = [];
    for (const release of released) release();
  }

  /** Waits, throws or passes, as the fault in force when the call is made says. */
  async pass(): Promise<void> {
    for (;;) {
      const fault = this.current;
      if (fault === null) return;
      // Never less than the stated latency (a plain timer can fire a millisecond early).
      if (fault.kind === 'latency') return sleepUntilUs(nowUs() + fault.ms * 1000);
      if (fault.mode === 'refused') throw new InjectedOutage(this.store);
      // Hung: wait for the fault to change, then obey whatever is in force then.
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
  }
}
