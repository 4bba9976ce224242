// What the visibility probes rely on from every derived role's batched presence read (roles.ts, VisibleOrders;
// docs/measurements.md, "Consistency lag"): exactly the listed orders the store holds, unknown ids left out, a
// repeated id once, an empty list answered without error, a full probe batch answered in one call.
import { expect, it } from 'vitest';
import { PROBE_BATCH_MAX } from '../../src/propagation/probes.js';
import type { VisibleOrders } from '../../src/roles.js';
import { eventually, uniqueId } from './fixture.js';

/**
 * Cases for a contract's describe block. held: the ids of orders the store holds once the contract's setup ran
 * (called once; it may apply orders of its own first).
 */
export function visibleOrdersCases(
  roleOf: () => { visibleOrders: VisibleOrders },
  held: () => Promise<string[]>,
): void {
  let heldIds: Promise<string[]> | null = null;
  const known = () => (heldIds ??= held());
  const sorted = (found: Set<string>) => [...found].sort();

  it('visibleOrders lists the orders it holds among those asked about, unknown ids left out, repeats once', async () => {
    const ids = await known();
    const asked = [uniqueId('never'), ...ids, ids[0]!, 'no-such-order', ...ids];
    await eventually(async () =>
      expect(sorted(await roleOf().visibleOrders(asked))).toEqual([...ids].sort()),
    );
    expect(await roleOf().visibleOrders([uniqueId('never'), 'no-such-order'])).toEqual(new Set());
  });

  it('visibleOrders answers an empty list with an empty set', async () => {
    expect(await roleOf().visibleOrders([])).toEqual(new Set());
  });

  it('visibleOrders answers a full probe batch in one call', async () => {
    const ids = await known();
    const unknown = Array.from({ length: PROBE_BATCH_MAX - ids.length }, () => uniqueId('never'));
    const asked = [...unknown.slice(0, 100), ...ids, ...unknown.slice(100)];
    expect(asked).toHaveLength(PROBE_BATCH_MAX);
    await eventually(async () =>
      expect(sorted(await roleOf().visibleOrders(asked))).toEqual([...ids].sort()),
    );
  });
}
