// Stock reservation that never oversells, on any SQL dialect. Each line is a conditional decrement that takes
// the row's lock and re-checks the stock left on the locked row (never on a snapshot), so concurrent
// reservations of one product queue on the lock and each sees what its predecessor left. Locks are held to
// commit; a refused line throws a Rollback, so the caller's transaction undoes the lines already taken.
import type { OrderLine } from '../../../domain.js';
import type { ReserveLine, Reservation } from '../../../roles.js';
import { Rollback, type SqlRunner } from '../client.js';

/** What taking stock came to: every line's unit price, or the first product that could not be taken. */
export type TakenStock =
  { taken: true; priceOf: ReadonlyMap<number, number> } | { taken: false; productId: number };

export interface ReserveStatements<C> {
  /**
   * Decrements each line's stock, in the order given, while enough is left; inside the caller's transaction.
   * How a price comes back differs by dialect (RETURNING, or a read of the rows it now holds locked).
   */
  takeStock(tx: C, lines: readonly ReserveLine[]): Promise<TakenStock>;
  /** [productId] → a row when the product is stocked at all. */
  stockedProduct: string;
}

/** Locks and decrements in productId order, so two reservations of the same products can never deadlock. */
export function inLockOrder<T extends { productId: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.productId - b.productId);
}

/** Decrements and prices every line; must run inside a transaction (see inTransaction). */
export async function reserveLines<C extends SqlRunner<C>>(
  tx: C,
  statements: ReserveStatements<C>,
  lines: readonly ReserveLine[],
): Promise<OrderLine[]> {
  const taken = await statements.takeStock(tx, inLockOrder(lines));
  if (!taken.taken) {
    const known = await tx.query(statements.stockedProduct, [taken.productId]);
    throw new Rollback<Reservation>({
      ok: false,
      reason: known.length > 0 ? 'out-of-stock' : 'unknown-product',
      productId: taken.productId,
    });
  }
  return lines.map((line) => ({
    productId: line.productId,
    categoryId: line.categoryId,
    quantity: line.quantity,
    unitPriceCents: taken.priceOf.get(line.productId) ?? 0,
  }));
}
