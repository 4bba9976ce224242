// Every table the MySQL roles use, inside the store's own database (settings.namespace), so the tool only ever
// drops what it created. One database serves the single-database baseline (all roles) and a polyglot MySQL
// (some roles): unused tables just stay empty. Statement by statement: mysql2 runs one per call.
//
// Choices that hold for both MySQL 8 and MariaDB:
// - utf8mb4_bin (set on the database, inherited by every table): ids compare byte by byte, so "id desc"
//   tie-breaks agree with JavaScript and the other engines whatever the server's default collation.
// - JSON columns: MySQL stores binary JSON; MariaDB's JSON is LONGTEXT with a JSON_VALID check. Either way
//   the roles write JSON text and read it back through parseJsonColumn (../sql/roles/json-column.ts).
// - Every table is InnoDB, sessions included. MariaDB's MEMORY engine could hold the session rows (they have
//   no TEXT/JSON column, which MEMORY lacks), but it has no transactions — the atomic checkout clears the cart
//   in the same transaction as the order — and only table locks, which would serialise every cart write.
// - Timestamps the server sets (session expiry, outbox bookkeeping) are DATETIME(3) in UTC from
//   UTC_TIMESTAMP(3): DATETIME never converts time zones, so the connection's time_zone cannot shift expiry.
//   Data timestamps (createdAt) are BIGINT epoch milliseconds like the domain's.
// - No foreign keys across roles, because each role is loaded on its own.

export const TABLES: readonly string[] = [
  // sessions: rows past expires_at count as absent (the predicate, not the purge, makes expiry exact). The
  // expiry index keeps the sweeper's purge (../sql/session-sweeper.ts) to the dead rows: without it InnoDB would
  // scan, and lock, every session.
  `CREATE TABLE sessions (
     id VARCHAR(128) NOT NULL PRIMARY KEY,
     user_id INT NOT NULL,
     created_at DATETIME(3) NOT NULL,
     expires_at DATETIME(3) NOT NULL,
     KEY sessions_by_expiry (expires_at)
   ) ENGINE = InnoDB`,
  `CREATE TABLE cart_lines (
     session_id VARCHAR(128) NOT NULL,
     product_id INT NOT NULL,
     quantity INT NOT NULL CHECK (quantity > 0),
     PRIMARY KEY (session_id, product_id)
   ) ENGINE = InnoDB`,

  // catalog: the product document's varied part lives in attributes.
  `CREATE TABLE categories (
     id INT NOT NULL PRIMARY KEY,
     name VARCHAR(255) NOT NULL
   ) ENGINE = InnoDB`,
  // The covering index makes a category listing an index-only range scan.
  `CREATE TABLE products (
     id INT NOT NULL PRIMARY KEY,
     sku VARCHAR(255) NOT NULL,
     name VARCHAR(255) NOT NULL,
     category_id INT NOT NULL,
     price_cents INT NOT NULL,
     attributes JSON NOT NULL,
     KEY products_by_category (category_id, id, name, price_cents),
     CONSTRAINT products_category FOREIGN KEY (category_id) REFERENCES categories (id)
   ) ENGINE = InnoDB`,

  // inventory: the CHECK is a second guard; reservations already refuse to go below zero.
  `CREATE TABLE stock (
     product_id INT NOT NULL PRIMARY KEY,
     price_cents INT NOT NULL,
     stock INT NOT NULL CHECK (stock >= 0),
     initial_stock INT NOT NULL
   ) ENGINE = InnoDB`,
  // outbox: kind is 'purchase' (written with the reservation) or 'retraction' (written by release).
  `CREATE TABLE outbox (
     seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
     order_id VARCHAR(128) NOT NULL,
     kind VARCHAR(16) NOT NULL DEFAULT 'purchase',
     payload JSON NOT NULL,
     created_at DATETIME(3) NOT NULL,
     applied_at DATETIME(3) NULL,
     KEY outbox_pending (applied_at, seq),
     KEY outbox_by_order (order_id, applied_at)
   ) ENGINE = InnoDB`,

  // orders: the document as written, plus the columns "my orders" filters and sorts on (a backward scan of
  // the index serves created_at DESC, id DESC).
  `CREATE TABLE orders (
     id VARCHAR(128) NOT NULL PRIMARY KEY,
     user_id INT NOT NULL,
     created_at BIGINT NOT NULL,
     document JSON NOT NULL,
     KEY orders_by_user (user_id, created_at, id)
   ) ENGINE = InnoDB`,

  // graph: edge tables.
  `CREATE TABLE users (
     id INT NOT NULL PRIMARY KEY,
     name VARCHAR(255) NOT NULL,
     email VARCHAR(255) NOT NULL
   ) ENGINE = InnoDB`,
  `CREATE TABLE follows (
     follower_id INT NOT NULL,
     followee_id INT NOT NULL,
     PRIMARY KEY (follower_id, followee_id)
   ) ENGINE = InnoDB`,
  `CREATE TABLE likes (
     user_id INT NOT NULL,
     product_id INT NOT NULL,
     PRIMARY KEY (user_id, product_id)
   ) ENGINE = InnoDB`,
  // purchases_by_product: "who bought X" (first hop of also-bought); purchases_by_user: a user's purchases
  // newest first, and the second hop of also-bought (user → products).
  `CREATE TABLE purchases (
     order_id VARCHAR(128) NOT NULL,
     user_id INT NOT NULL,
     product_id INT NOT NULL,
     quantity INT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (order_id, product_id),
     KEY purchases_by_product (product_id, user_id),
     KEY purchases_by_user (user_id, created_at, order_id, product_id)
   ) ENGINE = InnoDB`,

  // analytics: one row per order line, categoryId carried along so aggregates need no join; the time index
  // covers every column the dashboards aggregate.
  `CREATE TABLE sales (
     order_id VARCHAR(128) NOT NULL,
     product_id INT NOT NULL,
     category_id INT NOT NULL,
     quantity INT NOT NULL,
     unit_price_cents INT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (order_id, product_id),
     KEY sales_by_time (created_at, product_id, category_id, quantity, unit_price_cents)
   ) ENGINE = InnoDB`,

  // search: the product's words under an InnoDB FULLTEXT index, with the stock the index believes; search_orders
  // holds each order whose stock change it took, so a repeat is a no-op. The body is case-insensitive: under the
  // database's utf8mb4_bin a FULLTEXT match would be case-sensitive.
  `CREATE TABLE search_products (
     product_id INT PRIMARY KEY,
     name VARCHAR(255) NOT NULL,
     category_id INT NOT NULL,
     price_cents INT NOT NULL,
     stock INT NOT NULL,
     body TEXT COLLATE utf8mb4_general_ci NOT NULL,
     FULLTEXT KEY search_products_body (body)
   ) ENGINE = InnoDB`,
  `CREATE TABLE search_orders (
     order_id VARCHAR(128) NOT NULL,
     product_id INT NOT NULL,
     quantity INT NOT NULL,
     PRIMARY KEY (order_id, product_id)
   ) ENGINE = InnoDB`,
];
