// Stock and price, never oversold, plus the outbox that carries placed orders (and the retractions of compensated
// ones) to the derived stores. With
// transactions, a reservation and its outbox row commit together; without them (mongo-java-server, a standalone
// mongod) refused lines are compensated and a failed outbox insert puts the units back.
import type { ClientSession, MongoClient } from 'mongodb';
import { placedOrder } from '../../domain.js';
import type { InventoryRole, OutboxRow, ReserveRequest, Reservation } from '../../roles.js';
import { insertInBatches } from './bulk.js';
import { Refusal, putBack, reserveLines, writeOutboxRow } from './reservation.js';
import type { Collections } from './schema.js';
import { inTransaction } from './transaction.js';

/** The client when reservations run in transactions, null when they compensate instead. */
export type TransactionClient = MongoClient | null;

async function reserveInTransaction(
  client: MongoClient,
  c: Collections,
  request: ReserveRequest,
): Promise<Reservation> {
  return inTransaction(client, async (session): Promise<Reservation> => {
    const lines = await reserveLines(c, request.lines, session);
    if (request.writeOutbox) await writeOutboxRow(c, placedOrder(request, lines), session);
    return { ok: true, lines };
  });
}

async function reserveCompensating(c: Collections, request: ReserveRequest): Promise<Reservation> {
  let lines;
  try {
    lines = await reserveLines(c, request.lines);
  } catch (error) {
    if (error instanceof Refusal) return error.reservation;
    throw error;
  }
  if (request.writeOutbox) {
    try {
      await writeOutboxRow(c, placedOrder(request, lines));
    } catch (error) {
      // No order will follow a reservation whose outbox row is missing: the units go back.
      await putBack(c, request.lines);
      throw error;
    }
  }
  return { ok: true, lines };
}

export function mongoInventory(c: Collections, transactions: TransactionClient): InventoryRole {
  return {
    async loadStock(items) {
      await insertInBatches(
        c.stock,
        items.map(({ productId, priceCents, stock }) => ({
          _id: productId,
          priceCents,
          stock,
          initialStock: stock,
        })),
      );
    },

    reserve: (request) =>
      transactions ? reserveInTransaction(transactions, c, request) : reserveCompensating(c, request),

    async release(orderId, lines) {
      // The retraction is written whenever the order has a purchase row, before that row is dropped (see
      // InventoryRole.release): a relay may have read the purchase already.
      const undo = async (session?: ClientSession) => {
        await putBack(c, lines, session);
        const purchase = await c.outbox.findOne({ orderId, kind: 'purchase' }, { session });
        if (!purchase) return;
        await writeOutboxRow(c, purchase.order, session, 'retraction');
        await c.outbox.deleteOne({ orderId, kind: 'purchase', applied: false }, { session });
      };
      if (transactions) await inTransaction(transactions, undo);
      else await undo();
    },

    async getStock(productId) {
      const found = await c.stock.findOne({ _id: productId });
      return found ? { productId: found._id, priceCents: found.priceCents, stock: found.stock } : null;
    },

    async getStocks(productIds) {
      if (productIds.length === 0) return [];
      const found = await c.stock
        .find({ _id: { $in: [...productIds] } })
        .sort({ _id: 1 })
        .toArray();
      return found.map((doc) => ({ productId: doc._id, priceCents: doc.priceCents, stock: doc.stock }));
    },

    async stockAudit() {
      const [row] = await c.stock
        .aggregate<{ products: number; negative: number; decremented: number }>([
          {
            $group: {
              _id: null,
              products: { $sum: 1 },
              negative: { $sum: { $cond: [{ $lt: ['$stock', 0] }, 1, 0] } },
              decremented: { $sum: { $subtract: ['$initialStock', '$stock'] } },
            },
          },
        ])
        .toArray();
      return {
        products: row?.products ?? 0,
        negative: row?.negative ?? 0,
        unitsDecremented: row?.decremented ?? 0,
      };
    },

    async pendingOutbox(limit) {
      if (limit <= 0) return [];
      const rows = await c.outbox.find({ applied: false }).sort({ _id: 1 }).limit(limit).toArray();
      return rows.map((row): OutboxRow => ({ seq: row._id, kind: row.kind, order: row.order }));
    },

    async markOutboxApplied(seqs) {
      if (seqs.length === 0) return;
      await c.outbox.updateMany(
        { _id: { $in: [...seqs] }, applied: false },
        { $set: { applied: true, appliedAt: new Date() } },
      );
    },
  };
}
