// The one wrapper that times and attributes every store call (YCSB's DBWrapper): adapters stay unaware
// of metrics, workloads stay unaware of which store serves a role.
import { nowUs } from '../metrics/clock.js';
import type { RoleImpls, RoleName } from '../roles.js';
import { wrapMethods } from '../wrap-methods.js';

export type StoreCallSink = (
  store: string,
  role: RoleName,
  method: string,
  startUs: number,
  endUs: number,
  ok: boolean,
) => void;

export function instrumentRole<R extends RoleName>(
  role: R,
  store: string,
  impl: RoleImpls[R],
  sink: StoreCallSink,
): RoleImpls[R] {
  return instrumentObject(role, store, impl, sink);
}

/**
 * Times every async method of an object that talks to a store, attributing calls to (store, role, method).
 * Also used for the single-transaction checkout, attributed to the inventory role that leads it.
 */
export function instrumentObject<T extends object>(
  role: RoleName,
  store: string,
  impl: T,
  sink: StoreCallSink,
): T {
  return wrapMethods(impl, (property, call) => async (...args: unknown[]) => {
    const startUs = nowUs();
    try {
      const result = await call(args);
      sink(store, role, property, startUs, nowUs(), true);
      return result;
    } catch (error) {
      sink(store, role, property, startUs, nowUs(), false);
      throw error;
    }
  });
}
