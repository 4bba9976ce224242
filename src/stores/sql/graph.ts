// PostgreSQL's graph statements. A purchase's lines arrive as one jsonb array, unpacked by jsonb_to_recordset
// (quoted names: the keys are the domain's camelCase); ON CONFLICT DO NOTHING keeps the first edge.
import type { GraphStatements } from './roles/graph.js';
import { visibleOrdersIn } from './visible-orders.js';

export const postgresGraph: GraphStatements = {
  insertPurchases: `
    INSERT INTO purchases (order_id, user_id, product_id, quantity, created_at)
    SELECT $1, $2, line."productId", line.quantity, $3
      FROM jsonb_to_recordset($4::jsonb) AS line ("productId" integer, quantity integer)
    ON CONFLICT (order_id, product_id) DO NOTHING`,

  alsoBought: `
    WITH buyers AS (
      SELECT DISTINCT user_id FROM purchases WHERE product_id = $1
    )
    SELECT other.product_id, count(DISTINCT other.user_id) AS score
      FROM buyers
      JOIN purchases other ON other.user_id = buyers.user_id
     WHERE other.product_id <> $2
     GROUP BY other.product_id
     ORDER BY score DESC, other.product_id
     LIMIT $3`,

  friendsLiked: `
    SELECT liked.product_id, count(DISTINCT liked.user_id) AS score
      FROM follows f
      JOIN likes liked ON liked.user_id = f.followee_id
     WHERE f.follower_id = $1
     GROUP BY liked.product_id
     ORDER BY score DESC, liked.product_id
     LIMIT $2`,

  recentPurchases: `
    SELECT order_id, product_id FROM purchases
     WHERE user_id = $1
     ORDER BY created_at DESC, order_id DESC, product_id
     LIMIT $2`,

  following: 'SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY followee_id LIMIT $2',

  orderBuyers: `
    SELECT b.order_id, b.user_id,
           (SELECT count(*) FROM follows f WHERE f.followee_id = b.user_id) AS followers
      FROM (SELECT DISTINCT order_id, user_id FROM purchases WHERE created_at >= $1) AS b
     ORDER BY b.order_id`,

  hasOrder: 'SELECT 1 FROM purchases WHERE order_id = $1 LIMIT 1',
  deletePurchases: 'DELETE FROM purchases WHERE order_id = $1',

  visibleOrders: visibleOrdersIn('purchases'),

  audit: `
    SELECT order_id, count(*) AS rows, sum(quantity) AS units
      FROM purchases GROUP BY order_id`,
};
