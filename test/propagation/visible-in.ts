// A fake derived store's probe read (targets.ts, visibleOrders): of the ids asked about, those it holds.
export function visibleIn(held: ReadonlySet<string>) {
  return async (orderIds: readonly string[]): Promise<Set<string>> =>
    new Set(orderIds.filter((id) => held.has(id)));
}
