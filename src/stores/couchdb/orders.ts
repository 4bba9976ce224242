// Completed orders as CouchDB documents with _id = the order id, so a second insert of the same order is refused
// (409) instead of silently becoming a new revision. "My orders" is a Mango query over a JSON index on
// [userId, createdAt], read descending; the audit pages through _all_docs.
import type nano from 'nano';
import { orderUnits, type Order, type OrderLine } from '../../domain.js';
import type { OrderAudit, OrdersRole } from '../../roles.js';
import { bulkInsert } from './bulk.js';
import { isConflict, isNotFound } from './http-status.js';

interface OrderDocument {
  _id: string;
  userId: number;
  lines: OrderLine[];
  totalCents: number;
  createdAt: number;
}

// Not [userId, createdAt, _id]: pouchdb-find filters every index field after a range condition in memory and then
// ignores the limit, so it would read all of a user's orders for each page (measured: 3.5× slower at 100 orders per
// user). Equal createdAt still come out by _id descending: a CouchDB index orders rows with equal keys by document id,
// and a descending read reverses that too.
const MY_ORDERS_INDEX = 'by-user-created';

/** Rows per _all_docs request in the audit. */
const AUDIT_PAGE = 1000;

export async function createOrdersIndex(db: nano.DocumentScope<unknown>): Promise<void> {
  await db.createIndex({
    index: { fields: ['userId', 'createdAt'] },
    ddoc: MY_ORDERS_INDEX,
    name: MY_ORDERS_INDEX,
    type: 'json',
  });
}

export function couchOrders(db: nano.DocumentScope<unknown>): OrdersRole {
  const orders = db as nano.DocumentScope<OrderDocument>;

  const ordersOfUser = async (userId: number, limit: number): Promise<Order[]> => {
    const found = await orders.find({
      // `createdAt: {$gt: null}` matches every order; it puts each indexed field in the selector, which pouchdb-find
      // needs before it lets the index apply the limit (see catalog.ts). Mango sorts one way only: all descending.
      selector: { userId, createdAt: { $gt: null } },
      sort: [{ userId: 'desc' }, { createdAt: 'desc' }],
      limit,
      use_index: [MY_ORDERS_INDEX, MY_ORDERS_INDEX],
    });
    return found.docs.map(fromOrderDocument);
  };

  return {
    async loadOrders(orderList) {
      await bulkInsert(db, orderList.map(orderDocument), 'orders');
      // Bring the index up to date now rather than in the first timed "my orders" (see catalog.ts).
      const first = orderList[0];
      if (first) await ordersOfUser(first.userId, 1);
    },

    async insertOrder(order) {
      try {
        await orders.insert(orderDocument(order));
      } catch (error) {
        if (isConflict(error))
          throw new Error(`order ${order.id} already exists (CouchDB: document update conflict)`);
        throw error;
      }
    },

    async getOrder(id) {
      // Ids starting with "_" are CouchDB's own (_design/…): no order can have one (orderDocument refuses it).
      if (id.startsWith('_')) return null;
      try {
        return fromOrderDocument(await orders.get(id));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async ordersOfUser(userId, limit) {
      if (limit <= 0) return [];
      return ordersOfUser(userId, limit);
    },

    // Each user's newest page over the "my orders" index, merged: Mango's $in would not use that index.
    async ordersOfUsers(userIds, limit) {
      if (limit <= 0 || userIds.length === 0) return [];
      const pages = await Promise.all([...new Set(userIds)].map((userId) => ordersOfUser(userId, limit)));
      return pages
        .flat()
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .slice(0, limit);
    },

    async auditOrders() {
      const audit: OrderAudit[] = [];
      let startkey: string | undefined;
      for (;;) {
        // One row more than a page: its id is where the next page starts, with no skip for the server to walk.
        const page = await orders.list({
          include_docs: true,
          limit: AUDIT_PAGE + 1,
          ...(startkey === undefined ? {} : { startkey }),
        });
        for (const row of page.rows.slice(0, AUDIT_PAGE)) {
          // The index's design document lives here too; it is no order.
          if (row.id.startsWith('_design/') || !row.doc) continue;
          // Units from the stored document itself, so a document that diverged from what was written shows. One
          // document per id is all CouchDB keeps, so rows is always 1.
          audit.push({ orderId: row.id, rows: 1, units: orderUnits(row.doc) });
        }
        const next = page.rows[AUDIT_PAGE];
        if (!next) return audit;
        startkey = next.id;
      }
    },
  };
}

function orderDocument({ id, userId, lines, totalCents, createdAt }: Order): OrderDocument {
  if (id.startsWith('_'))
    throw new Error(`order id ${JSON.stringify(id)}: CouchDB reserves ids starting with "_"`);
  return { _id: id, userId, lines, totalCents, createdAt };
}

/** Only the domain's fields: CouchDB adds _rev. */
function fromOrderDocument({ _id, userId, lines, totalCents, createdAt }: OrderDocument): Order {
  return { id: _id, userId, lines, totalCents, createdAt };
}
