// The one wrapper that times and attributes every store call (YCSB's DBWrapper): adapters stay unaware
// of metrics, workloads stay unaware of which store serves a role. Each call goes into the run's event stream
// with its source (call-context.ts): the recorders decide what counts where. Each call also has a deadline
// (call-deadline.ts): one past it ends as a failed call, so a hung server costs errors, never a hung run.
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import type { RoleImpls, RoleName } from '../roles.js';
import { wrapMethods } from '../wrap-methods.js';
import { currentCallContext, UNMEASURED_OPERATION } from './call-context.js';
import { deadlineFor, withCallDeadline } from './call-deadline.js';

export function instrumentRoles(
  raw: RoleImpls,
  storeOf: Record<RoleName, string>,
  events: RunEvents,
  deadlines?: ReadonlyMap<string, number>,
): RoleImpls {
  const wrapped = {} as Record<RoleName, unknown>;
  for (const role of Object.keys(raw) as RoleName[]) {
    wrapped[role] = instrumentObject(role, storeOf[role], raw[role], events, deadlines?.get(storeOf[role]));
  }
  return wrapped as unknown as RoleImpls;
}

/**
 * Times every async method of an object that talks to a store, attributing calls to (store, role, method).
 * Also used for the single-transaction checkout, attributed to the inventory role that leads it.
 */
export function instrumentObject<T extends object>(
  role: RoleName,
  store: string,
  impl: T,
  events: RunEvents,
  deadlineMs?: number,
): T {
  return wrapMethods(impl, (method, call) => async (...args: unknown[]) => {
    // Read before the call: what the call's own awaits do must not change whom it is charged to.
    const context = currentCallContext() ?? UNMEASURED_OPERATION;
    if (context.counter) context.counter.calls += 1;
    const startUs = nowUs();
    let ok = false;
    try {
      const result = await (deadlineMs === undefined
        ? call(args)
        : withCallDeadline(call(args), deadlineFor(deadlineMs, context.source), store, method));
      ok = true;
      return result;
    } finally {
      events.emit({
        type: 'store-call',
        store,
        role,
        method,
        startUs,
        endUs: nowUs(),
        ok,
        source: context.source,
        measured: context.measured,
      });
    }
  });
}
