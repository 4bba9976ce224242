// Orders flattened into purchase lines, one per (order, product): the rows of the analytics fact table and the
// BOUGHT edges of the graph. Both stores key on (order, product), so an order listing a product twice is folded
// into one line with the quantities summed (at the first line's price); the generator never writes such orders,
// but a bulk load must not fail on one.
import type { Order } from '../domain.js';

export interface PurchaseLine {
  orderId: string;
  userId: number;
  productId: number;
  categoryId: number;
  quantity: number;
  unitPriceCents: number;
  createdAt: number;
}

export function purchaseLines(order: Order): PurchaseLine[] {
  const byProduct = new Map<number, PurchaseLine>();
  for (const line of order.lines) {
    const existing = byProduct.get(line.productId);
    if (existing) {
      existing.quantity += line.quantity;
      continue;
    }
    byProduct.set(line.productId, {
      orderId: order.id,
      userId: order.userId,
      productId: line.productId,
      categoryId: line.categoryId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      createdAt: order.createdAt,
    });
  }
  return [...byProduct.values()];
}

/** Lines of many orders, each (order, product) once even when an order appears twice in the list. */
export function purchaseLinesOfOrders(orders: readonly Order[]): PurchaseLine[] {
  const seen = new Set<string>();
  const lines: PurchaseLine[] = [];
  for (const order of orders) {
    for (const line of purchaseLines(order)) {
      const key = `${line.productId}\u0000${line.orderId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(line);
    }
  }
  return lines;
}
