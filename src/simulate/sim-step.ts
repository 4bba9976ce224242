// One operation of a simulated journey, resolved once per layout and run: its calls' kinds, what each means to
// the checkout (step-calls.ts effects) as small integers, and the derived store each apply or read-your-writes
// read concerns as a target index, so a simulated call reads arrays instead of comparing names
// (docs/measurements.md, "Simulated figures").
import type { DerivedRole } from '../propagation/targets.js';
import type { PlannedCall, TargetSpec } from './model.js';
import { rywOf } from './step-calls.js';

export const EFFECT_NONE = 0;
export const EFFECT_COMMIT = 1;
export const EFFECT_PLACE = 2;
export const EFFECT_APPLY = 3;
export const EFFECT_RYW = 4;

const EFFECT_CODES = { commit: EFFECT_COMMIT, place: EFFECT_PLACE, apply: EFFECT_APPLY, ryw: EFFECT_RYW };

export interface SimStep {
  name: string;
  /** The recorder's index for the operation. */
  op: number;
  optional: boolean;
  /** Per call, in the order the workload makes them. */
  kinds: Int32Array;
  effects: Uint8Array;
  /** Made only when the journey placed an order before this step (also-bought starts from it). */
  afterCheckoutOnly: Uint8Array;
  /** Apply: the derived target it writes (−1: not one of the layout's targets). Read-your-writes: the target
   * it reads (−1: the order's own store, written in the request). */
  targets: Int32Array;
  /** Read-your-writes: the operation the check is counted under. */
  rywOperations: Array<string | null>;
}

export function compileStep(
  name: string,
  op: number,
  optional: boolean,
  calls: readonly PlannedCall[],
  targets: readonly TargetSpec[],
): SimStep {
  const targetOf = (role: DerivedRole | null | undefined) =>
    role ? targets.findIndex((target) => target.role === role) : -1;
  return {
    name,
    op,
    optional,
    kinds: Int32Array.from(calls, (call) => call.kind),
    effects: Uint8Array.from(calls, (call) =>
      call.spec.effect ? EFFECT_CODES[call.spec.effect] : EFFECT_NONE,
    ),
    afterCheckoutOnly: Uint8Array.from(calls, (call) => (call.spec.afterCheckoutOnly ? 1 : 0)),
    targets: Int32Array.from(calls, (call) =>
      call.spec.effect === 'apply' ? targetOf(call.spec.derived) : targetOf(rywOf(call.spec)?.derived),
    ),
    rywOperations: calls.map((call) => rywOf(call.spec)?.operation ?? null),
  };
}
