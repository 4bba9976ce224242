// Puts a FaultGate in front of every method of an in-process store's role objects (and its one-transaction
// checkout), below the timing wrapper, so the store calls the report times include what the fault did.
import type { RoleImpls, RoleName } from '../roles.js';
import { ROLE_NAMES } from '../roles.js';
import { wrapMethods } from '../wrap-methods.js';
import type { FaultGate } from './gate.js';

export function gatedObject<T extends object>(impl: T, gate: FaultGate): T {
  return wrapMethods(impl, (_name, call) => async (...args: unknown[]) => {
    if (gate.fault !== null) await gate.pass();
    return call(args);
  });
}

/** The roles with a gate in front of each role served by a gated store; other roles untouched. */
export function gatedRoles(
  roles: RoleImpls,
  storeOf: Record<RoleName, string>,
  gates: ReadonlyMap<string, FaultGate>,
): RoleImpls {
  const result = { ...roles } as Record<RoleName, unknown>;
  for (const role of ROLE_NAMES) {
    const gate = gates.get(storeOf[role]);
    if (gate) result[role] = gatedObject(roles[role] as object, gate);
  }
  return result as unknown as RoleImpls;
}
