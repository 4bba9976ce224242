// The analytics store's one table: a row per order line, the shape a ClickHouse or DuckDB fact table would have.
// (order_id, product_id) is the key that makes applying an order twice a no-op.
export const CREATE_SALES = `
CREATE TABLE sales (
  order_id          VARCHAR NOT NULL,
  product_id        INTEGER NOT NULL,
  category_id       INTEGER NOT NULL,
  quantity          INTEGER NOT NULL,
  unit_price_cents  BIGINT  NOT NULL,
  created_at        BIGINT  NOT NULL, -- epoch milliseconds, as the domain dates orders
  PRIMARY KEY (order_id, product_id)
)`;
