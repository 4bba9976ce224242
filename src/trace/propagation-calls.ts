// The relay's calls that carried the traced write: the read that found it, the applies to the derived stores,
// and the mark that closed it. The relay also polls when there is nothing to carry, and calls carry no order id,
// so they are picked by time around the applies (nothing else is committed while a trace runs).
import type { EventOf } from '../metrics/events.js';
import type { RoleName } from '../roles.js';

type StoreCall = EventOf<'store-call'>;

export function relayCallsOfWrite(
  relayCalls: readonly StoreCall[],
  commitAckUs: number,
  derivedRoles: ReadonlySet<RoleName>,
): StoreCall[] {
  const after = relayCalls.filter((call) => call.endUs >= commitAckUs).sort((a, b) => a.startUs - b.startUs);
  const applies = after.filter((call) => derivedRoles.has(call.role));
  if (applies.length === 0) return [];
  const firstApplyUs = Math.min(...applies.map((call) => call.startUs));
  const lastApplyEndUs = Math.max(...applies.map((call) => call.endUs));
  const source = after.filter((call) => !derivedRoles.has(call.role));
  const found = source.filter((call) => call.endUs <= firstApplyUs).pop();
  const closed = source.find((call) => call.startUs >= lastApplyEndUs);
  return [...(found ? [found] : []), ...applies, ...(closed ? [closed] : [])];
}
