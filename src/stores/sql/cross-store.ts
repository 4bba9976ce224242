// PostgreSQL's cross-store statements: order documents unpacked with jsonb_array_elements (WITH ORDINALITY keeps
// the lines' order), joined to products, stock, follows, purchases and sales in the same database.
import { followerBandSql, type CrossStoreStatements } from './roles/cross-store.js';

export const postgresCrossStore: CrossStoreStatements = {
  orderDetails: `
    SELECT mine.id AS order_id, mine.created_at, line.n AS line_no,
           (line.v ->> 'productId')::integer AS product_id, p.name,
           (line.v ->> 'quantity')::integer AS quantity, (line.v ->> 'unitPriceCents')::integer AS unit_price_cents,
           s.price_cents AS current_price_cents, s.stock
      FROM (SELECT id, created_at, document FROM orders
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) AS mine
      LEFT JOIN LATERAL jsonb_array_elements(mine.document -> 'lines') WITH ORDINALITY AS line (v, n) ON true
      LEFT JOIN products p ON p.id = (line.v ->> 'productId')::integer
      LEFT JOIN stock s ON s.product_id = (line.v ->> 'productId')::integer
     ORDER BY mine.created_at DESC, mine.id DESC, line.n`,

  friendsBought: `
    WITH friends AS (
      SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY followee_id LIMIT $2
    ), recent AS (
      SELECT o.user_id, o.document FROM orders o
       WHERE o.user_id IN (SELECT followee_id FROM friends)
       ORDER BY o.created_at DESC, o.id DESC LIMIT $3
    )
    SELECT (line ->> 'productId')::integer AS product_id, count(DISTINCT recent.user_id) AS friends, s.stock
      FROM recent
     CROSS JOIN LATERAL jsonb_array_elements(recent.document -> 'lines') AS line
      JOIN stock s ON s.product_id = (line ->> 'productId')::integer
     WHERE s.stock > 0
     GROUP BY 1, s.stock
     ORDER BY friends DESC, product_id
     LIMIT $4`,

  revenueByFollowerBand: `
    WITH rev AS (
      SELECT order_id, sum(quantity::bigint * unit_price_cents) AS revenue_cents
        FROM sales WHERE created_at >= $1 GROUP BY order_id
    ), buyers AS (
      SELECT DISTINCT order_id, user_id FROM purchases WHERE created_at >= $2
    ), fans AS (
      SELECT followee_id AS user_id, count(*) AS followers FROM follows GROUP BY followee_id
    )
    SELECT ${followerBandSql('coalesce(fans.followers, 0)')} AS band,
           count(DISTINCT buyers.user_id) AS buyers, count(*) AS orders, sum(rev.revenue_cents) AS revenue_cents
      FROM buyers
      JOIN rev ON rev.order_id = buyers.order_id
      LEFT JOIN fans ON fans.user_id = buyers.user_id
     GROUP BY 1`,
};
