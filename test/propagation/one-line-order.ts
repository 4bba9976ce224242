// The smallest order the propagation tests need: one line of one unit.
import type { Order } from '../../src/domain.js';

export const oneLineOrder = (id: string): Order => ({
  id,
  userId: 1,
  createdAt: 0,
  totalCents: 100,
  lines: [{ productId: 1, categoryId: 1, quantity: 1, unitPriceCents: 100 }],
});
