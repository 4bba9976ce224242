// PostgreSQL's orders statements: the document is jsonb, and its audit reads the lines out of it.
import type { OrderStatements } from './roles/orders.js';

export const postgresOrders: OrderStatements = {
  insert: 'INSERT INTO orders (id, user_id, created_at, document) VALUES ($1, $2, $3, $4::jsonb)',
  byId: 'SELECT document FROM orders WHERE id = $1',
  ofUser: `
    SELECT document FROM orders
     WHERE user_id = $1
     ORDER BY created_at DESC, id DESC
     LIMIT $2`,
  ofUsers: `
    SELECT document FROM orders
     WHERE user_id IN (SELECT value::integer FROM jsonb_array_elements_text($1::jsonb))
     ORDER BY created_at DESC, id DESC
     LIMIT $2`,
  audit: `
    SELECT o.id AS order_id, 1 AS rows,
           (SELECT sum((line ->> 'quantity')::integer)
              FROM jsonb_array_elements(o.document -> 'lines') AS line) AS units
      FROM orders o`,
};
