// The inventory role's operations. reserve and release are measured as a pair that leaves stock where it was:
// each reserve is released after it (untimed), each release undoes a reservation made before it (untimed), so
// stock never runs out however long the run. One line of one unit, the smallest real reservation, on products
// drawn as shoppers buy them; writeOutbox as on the outbox layouts, whose release drops the row again and writes
// its retraction (InventoryRole.release). No relay runs here, so the retraction is marked applied untimed.
import type { Dataset } from '../domain.js';
import type { InventoryRole, ReserveLine } from '../roles.js';
import { drawRing, type ArgumentPools } from './arguments.js';
import { ringOperation, type RolePlan } from './operation.js';

const NO_STOCK = 'no product in the dataset has stock';

export function inventoryPlan(inventory: InventoryRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  ringOperation(
    plan,
    'inventory',
    'getStock',
    drawRing(dataset, 'inventory.getStock', pools.productIds),
    'the dataset has no products',
    (productId) => inventory.getStock(productId),
  );

  const categoryOf = new Map(dataset.products.map((product) => [product.id, product.categoryId]));
  const inStock = new Set(dataset.stock.filter((item) => item.stock >= 1).map((item) => item.productId));
  const reservable = pools.productIds.filter((id) => inStock.has(id) && categoryOf.has(id));
  const toReserve = (operation: string) => {
    const ring = drawRing(dataset, `inventory.${operation}`, reservable);
    if (ring === null) {
      plan.skipped.push({ role: 'inventory', operation, reason: NO_STOCK });
      return null;
    }
    let n = 0;
    return () => {
      const productId = ring.take();
      const line: ReserveLine = { productId, categoryId: categoryOf.get(productId)!, quantity: 1 };
      n += 1;
      return { orderId: `micro-${operation}-${n}`, line };
    };
  };
  const reserve = async (request: { orderId: string; line: ReserveLine }) => {
    const result = await inventory.reserve({
      orderId: request.orderId,
      userId: 1,
      createdAt: Date.now(),
      lines: [request.line],
      writeOutbox: true,
    });
    // Every reservation is released before the next, so a refusal means the store lost units: a bug to surface.
    if (!result.ok) throw new Error(`reserve refused (${result.reason}) for product ${result.productId}`);
  };
  const release = (request: { orderId: string; line: ReserveLine }) =>
    inventory.release(request.orderId, [request.line]);
  const markRetractionApplied = async () => {
    const rows = await inventory.pendingOutbox(10);
    await inventory.markOutboxApplied(rows.map((row) => row.seq));
  };

  const nextReserve = toReserve('reserve');
  if (nextReserve) {
    let current = nextReserve();
    plan.operations.push({
      role: 'inventory',
      operation: 'reserve',
      run: () => reserve((current = nextReserve())),
      afterEach: async () => {
        await release(current);
        await markRetractionApplied();
      },
    });
  }
  const nextRelease = toReserve('release');
  if (nextRelease) {
    let current = nextRelease();
    plan.operations.push({
      role: 'inventory',
      operation: 'release',
      beforeEach: () => reserve((current = nextRelease())),
      run: () => release(current),
      afterEach: markRetractionApplied,
    });
  }
  return plan;
}
