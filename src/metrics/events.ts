// One typed stream of what happens in a layout run (docs/architecture.md, "The event stream"). The runner, the
// timing wrapper, the write paths, the relays, the probes and the fault injector emit; the recorders, the ledger,
// the probes, the time series and the fault recorder subscribe. Nothing reaches into a recorder from outside, so
// the window rule and the attribution of every figure live with the event that carries them.
import type { Order } from '../domain.js';
import type { ProbeOutcome } from '../propagation/targets.js';
import type { RoleName } from '../roles.js';

export type Outcome = 'ok' | 'rejected' | 'error';

export interface OperationTiming {
  /** Intended start (open model); null in the closed model. */
  intendedUs: number | null;
  startUs: number;
  endUs: number;
  outcome: Outcome;
  error?: unknown;
  /** Store calls the execution made (its round trips); absent where not counted. */
  storeCalls?: number;
}

/** Who made a store call: a shopper's or analyst's operation, the relay, a probe reader, reconciliation. */
export type CallSource = 'operation' | 'relay' | 'probe' | 'reconcile';

export type RunEvent =
  /** An arrival the schedule intended; startedUs null when it was dropped at the in-flight cap. */
  | { type: 'arrival'; intendedUs: number; startedUs: number | null; measured: boolean }
  | { type: 'operation'; name: string; timing: OperationTiming; measured: boolean }
  | {
      type: 'store-call';
      store: string;
      role: RoleName;
      method: string;
      startUs: number;
      endUs: number;
      ok: boolean;
      source: CallSource;
      /** For operation calls: whether the journey making it is measured. */
      measured: boolean;
    }
  /** A shopper's read right after their own checkout: did it see the order? */
  | { type: 'read-your-writes'; operation: string; startUs: number; saw: boolean; measured: boolean }
  /** The source commit (stock reserved) was acknowledged at ackUs, by a measured journey or not. */
  | { type: 'commit'; orderId: string; ackUs: number; measured: boolean }
  /** Durable in inventory and orders: every store deriving from orders must end up holding it. */
  | { type: 'placed'; order: Order }
  /** The order write failed after the commit and the stock was (or was attempted to be) put back. */
  | { type: 'compensated'; orderId: string }
  /** A derived store acknowledged the write of orderId (target: "graph@kuzu"). */
  | { type: 'applied'; target: string; orderId: string; commitUs: number; ackUs: number }
  /** A probed write's outcome in one derived store (see ProbeOutcome). */
  | ({ type: 'probed'; target: string } & ProbeOutcome)
  /** A fault of the timeline switched on or off (index into the injector's plan). */
  | { type: 'fault'; index: number; on: boolean; atUs: number };

export type RunEventType = RunEvent['type'];
export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

export class RunEvents {
  private readonly handlers = new Map<RunEventType, Array<(event: never) => void>>();

  on<T extends RunEventType>(type: T, handler: (event: EventOf<T>) => void): void {
    let list = this.handlers.get(type);
    if (!list) {
      list = [];
      this.handlers.set(type, list);
    }
    list.push(handler as (event: never) => void);
  }

  emit<T extends RunEventType>(event: EventOf<T>): void {
    const list = this.handlers.get(event.type);
    if (!list) return;
    for (const handler of list) (handler as (event: EventOf<T>) => void)(event);
  }
}
