// MySQL's graph statements. A purchase's lines arrive as one JSON array, unpacked by JSON_TABLE. Recording an
// order again changes nothing: the no-op update keeps the first edge, and unlike INSERT IGNORE it does not turn
// other errors into warnings. `rows` is quoted: it is a reserved word in MySQL 8.
import type { GraphStatements } from '../sql/roles/graph.js';
import { visibleOrdersIn } from './visible-orders.js';

export const mysqlGraph: GraphStatements = {
  insertPurchases: `
    INSERT INTO purchases (order_id, user_id, product_id, quantity, created_at)
    SELECT ?, ?, line.product_id, line.quantity, ?
      FROM JSON_TABLE(?, '$[*]' COLUMNS (product_id INT PATH '$.productId', quantity INT PATH '$.quantity')) AS line
    ON DUPLICATE KEY UPDATE order_id = purchases.order_id`,

  alsoBought: `
    SELECT other.product_id, COUNT(DISTINCT other.user_id) AS score
      FROM (SELECT DISTINCT user_id FROM purchases WHERE product_id = ?) AS buyers
      JOIN purchases other ON other.user_id = buyers.user_id
     WHERE other.product_id <> ?
     GROUP BY other.product_id
     ORDER BY score DESC, other.product_id
     LIMIT ?`,

  friendsLiked: `
    SELECT liked.product_id, COUNT(DISTINCT liked.user_id) AS score
      FROM follows f
      JOIN likes liked ON liked.user_id = f.followee_id
     WHERE f.follower_id = ?
     GROUP BY liked.product_id
     ORDER BY score DESC, liked.product_id
     LIMIT ?`,

  recentPurchases: `
    SELECT order_id, product_id FROM purchases
     WHERE user_id = ?
     ORDER BY created_at DESC, order_id DESC, product_id
     LIMIT ?`,

  following: 'SELECT followee_id FROM follows WHERE follower_id = ? ORDER BY followee_id LIMIT ?',

  orderBuyers: `
    SELECT b.order_id, b.user_id, (SELECT COUNT(*) FROM follows f WHERE f.followee_id = b.user_id) AS followers
      FROM (SELECT DISTINCT order_id, user_id FROM purchases WHERE created_at >= ?) AS b
     ORDER BY b.order_id`,

  hasOrder: 'SELECT 1 FROM purchases WHERE order_id = ? LIMIT 1',
  deletePurchases: 'DELETE FROM purchases WHERE order_id = ?',

  visibleOrders: visibleOrdersIn('purchases'),

  audit: 'SELECT order_id, COUNT(*) AS `rows`, SUM(quantity) AS units FROM purchases GROUP BY order_id',
};
