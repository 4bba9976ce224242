// MySQL's cross-store statements: order documents unpacked with JSON_TABLE (FOR ORDINALITY keeps the lines'
// order); a LIMIT inside IN (…) is not allowed, so the friends are a joined derived table.
import { followerBandSql, type CrossStoreStatements } from '../sql/roles/cross-store.js';

export const mysqlCrossStore: CrossStoreStatements = {
  orderDetails: `
    SELECT mine.id AS order_id, mine.created_at, line.n AS line_no, line.product_id, p.name, line.quantity,
           line.unit_price_cents, s.price_cents AS current_price_cents, s.stock
      FROM (SELECT id, created_at, document FROM orders
             WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?) AS mine
      LEFT JOIN JSON_TABLE(mine.document, '$.lines[*]' COLUMNS (
             n FOR ORDINALITY,
             product_id INT PATH '$.productId',
             quantity INT PATH '$.quantity',
             unit_price_cents INT PATH '$.unitPriceCents')) AS line ON TRUE
      LEFT JOIN products p ON p.id = line.product_id
      LEFT JOIN stock s ON s.product_id = line.product_id
     ORDER BY mine.created_at DESC, mine.id DESC, line.n`,

  friendsBought: `
    SELECT line.product_id, COUNT(DISTINCT recent.user_id) AS friends, s.stock
      FROM (SELECT o.user_id, o.document FROM orders o
              JOIN (SELECT followee_id FROM follows WHERE follower_id = ? ORDER BY followee_id LIMIT ?) AS f
                ON f.followee_id = o.user_id
             ORDER BY o.created_at DESC, o.id DESC LIMIT ?) AS recent
      JOIN JSON_TABLE(recent.document, '$.lines[*]' COLUMNS (product_id INT PATH '$.productId')) AS line
      JOIN stock s ON s.product_id = line.product_id
     WHERE s.stock > 0
     GROUP BY line.product_id, s.stock
     ORDER BY friends DESC, line.product_id
     LIMIT ?`,

  revenueByFollowerBand: `
    SELECT ${followerBandSql('COALESCE(fans.followers, 0)')} AS band,
           COUNT(DISTINCT buyers.user_id) AS buyers, COUNT(*) AS orders, SUM(rev.revenue_cents) AS revenue_cents
      FROM (SELECT DISTINCT order_id, user_id FROM purchases WHERE created_at >= ?) AS buyers
      JOIN (SELECT order_id, SUM(quantity * unit_price_cents) AS revenue_cents
              FROM sales WHERE created_at >= ? GROUP BY order_id) AS rev ON rev.order_id = buyers.order_id
      LEFT JOIN (SELECT followee_id AS user_id, COUNT(*) AS followers FROM follows GROUP BY followee_id) AS fans
        ON fans.user_id = buyers.user_id
     GROUP BY band`,
};
