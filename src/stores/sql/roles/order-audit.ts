// The per-order copies a role's table holds, as every audit statement returns them (order_id, rows, units), for
// reconciliation across stores.
import type { OrderAudit } from '../../../roles.js';
import { toNumber, type SqlNumber } from '../client.js';

export interface OrderAuditRow {
  order_id: string;
  rows: SqlNumber;
  /** null when the order's copy holds no lines. */
  units: SqlNumber | null;
}

export function toOrderAudit(row: OrderAuditRow): OrderAudit {
  return { orderId: row.order_id, rows: toNumber(row.rows), units: toNumber(row.units) };
}
