// MySQL's orders statements: the document is a JSON column, and its audit reads the lines out of it with
// JSON_TABLE. `rows` is quoted: it is a reserved word in MySQL 8.
import type { OrderStatements } from '../sql/roles/orders.js';

export const mysqlOrders: OrderStatements = {
  insert: 'INSERT INTO orders (id, user_id, created_at, document) VALUES (?, ?, ?, ?)',
  byId: 'SELECT document FROM orders WHERE id = ?',
  // A backward scan of orders_by_user serves created_at DESC, id DESC.
  ofUser: `
    SELECT document FROM orders
     WHERE user_id = ?
     ORDER BY created_at DESC, id DESC
     LIMIT ?`,
  ofUsers: `
    SELECT document FROM orders
     WHERE user_id IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' COLUMNS (v INT PATH '$')) AS j)
     ORDER BY created_at DESC, id DESC
     LIMIT ?`,
  audit: `
    SELECT o.id AS order_id, 1 AS \`rows\`, SUM(line.quantity) AS units
      FROM orders o
      LEFT JOIN JSON_TABLE(o.document, '$.lines[*]' COLUMNS (quantity INT PATH '$.quantity')) AS line ON TRUE
     GROUP BY o.id`,
};
