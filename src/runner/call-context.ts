// Who is making a store call. The timing wrapper (instrument.ts) reads it so that every call is attributed to
// its source — a measured operation, the relay, a probe, reconciliation — without the workloads or the
// propagation code passing anything along: async continuations inherit the context they were started in.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallSource } from '../metrics/events.js';

export interface CallContext {
  source: CallSource;
  /** Operations only: whether the journey making the call is measured (measured-window.ts). */
  measured: boolean;
  /** Operations only: the store calls this one execution of a step has made so far (its round trips). */
  counter?: { calls: number };
}

/** The context of one execution of an operation: its journey's window decision and its own call counter. */
export function operationContext(measured: boolean): CallContext & { counter: { calls: number } } {
  return { source: 'operation', measured, counter: { calls: 0 } };
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs fn with every store call it makes (directly or in what it starts) attributed to context. */
export function withCallContext<T>(context: CallContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the call being made now; undefined outside any (data loading). */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}

export const UNMEASURED_OPERATION: CallContext = Object.freeze({ source: 'operation', measured: false });
export const RELAY_CONTEXT: CallContext = Object.freeze({ source: 'relay', measured: false });
export const PROBE_CONTEXT: CallContext = Object.freeze({ source: 'probe', measured: false });
export const RECONCILE_CONTEXT: CallContext = Object.freeze({ source: 'reconcile', measured: false });
