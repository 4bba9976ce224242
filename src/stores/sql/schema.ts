// Every table the PostgreSQL roles use, in the tool's own schema so it only ever drops what it created.
// One schema serves the single-database baseline (all roles) and a polyglot PostgreSQL (some roles): unused
// tables just stay empty. No foreign keys cross roles, because each role is loaded on its own.
import type { SqlClient } from './client.js';

export const SCHEMA = 'polyglot_bench';

// Order ids use the "C" collation so "id desc" tie-breaks compare bytes, as JavaScript and the other engines do,
// whatever the server's default locale.
const DDL = `
CREATE SCHEMA ${SCHEMA};

-- sessions: UNLOGGED like a cache (lost on crash, no WAL); rows past expires_at count as absent.
CREATE UNLOGGED TABLE ${SCHEMA}.sessions (
  id text COLLATE "C" PRIMARY KEY,
  user_id integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
-- The sweeper's purge (session-sweeper.ts) reads the dead rows by this index instead of scanning every session.
CREATE INDEX sessions_by_expiry ON ${SCHEMA}.sessions (expires_at);
CREATE UNLOGGED TABLE ${SCHEMA}.cart_lines (
  session_id text COLLATE "C" NOT NULL REFERENCES ${SCHEMA}.sessions (id) ON DELETE CASCADE,
  product_id integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (session_id, product_id)
);

-- catalog: the product document's varied part lives in attributes.
CREATE TABLE ${SCHEMA}.categories (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE ${SCHEMA}.products (
  id integer PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  category_id integer NOT NULL REFERENCES ${SCHEMA}.categories (id),
  price_cents integer NOT NULL,
  attributes jsonb NOT NULL
);
-- Covering index: a category listing is an index-only scan.
CREATE INDEX products_by_category ON ${SCHEMA}.products (category_id, id) INCLUDE (name, price_cents);

-- inventory: the CHECK is a second guard; reservations already refuse to go below zero.
CREATE TABLE ${SCHEMA}.stock (
  product_id integer PRIMARY KEY,
  price_cents integer NOT NULL,
  stock integer NOT NULL CHECK (stock >= 0),
  initial_stock integer NOT NULL
);
-- outbox: kind is 'purchase' (written with the reservation) or 'retraction' (written by release).
CREATE TABLE ${SCHEMA}.outbox (
  seq bigserial PRIMARY KEY,
  order_id text COLLATE "C" NOT NULL,
  kind text NOT NULL DEFAULT 'purchase' CHECK (kind IN ('purchase', 'retraction')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz
);
CREATE INDEX outbox_pending ON ${SCHEMA}.outbox (seq) WHERE applied_at IS NULL;
-- Every row, applied or not: release looks up the order's purchase row in either state.
CREATE INDEX outbox_by_order ON ${SCHEMA}.outbox (order_id);

-- orders: the document as written, plus the columns "my orders" filters and sorts on.
CREATE TABLE ${SCHEMA}.orders (
  id text COLLATE "C" PRIMARY KEY,
  user_id integer NOT NULL,
  created_at bigint NOT NULL,
  document jsonb NOT NULL
);
CREATE INDEX orders_by_user ON ${SCHEMA}.orders (user_id, created_at DESC, id DESC);

-- graph: edge tables; created_at is epoch milliseconds like the domain's.
CREATE TABLE ${SCHEMA}.users (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL
);
CREATE TABLE ${SCHEMA}.follows (
  follower_id integer NOT NULL,
  followee_id integer NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE TABLE ${SCHEMA}.likes (
  user_id integer NOT NULL,
  product_id integer NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
CREATE TABLE ${SCHEMA}.purchases (
  order_id text COLLATE "C" NOT NULL,
  user_id integer NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
-- "Who bought X" (first hop of also-bought).
CREATE INDEX purchases_by_product ON ${SCHEMA}.purchases (product_id, user_id);
-- A user's purchases newest first; also the second hop of also-bought (user → products).
CREATE INDEX purchases_by_user ON ${SCHEMA}.purchases (user_id, created_at DESC, order_id DESC, product_id);

-- analytics: one row per order line, categoryId carried along so aggregates need no join.
CREATE TABLE ${SCHEMA}.sales (
  order_id text COLLATE "C" NOT NULL,
  product_id integer NOT NULL,
  category_id integer NOT NULL,
  quantity integer NOT NULL,
  unit_price_cents integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX sales_by_time ON ${SCHEMA}.sales (created_at) INCLUDE (product_id, category_id, quantity, unit_price_cents);

-- search: the product's words as a tsvector (english: stemmed, stop words dropped) under a GIN index, with the
-- stock the index believes; search_orders holds each order whose stock change it took, so a repeat is a no-op.
CREATE TABLE ${SCHEMA}.search_products (
  product_id integer PRIMARY KEY,
  name text NOT NULL,
  category_id integer NOT NULL,
  price_cents integer NOT NULL,
  stock integer NOT NULL,
  body text NOT NULL,
  document tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX search_products_document ON ${SCHEMA}.search_products USING gin (document);
CREATE TABLE ${SCHEMA}.search_orders (
  order_id text COLLATE "C" NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
`;

/** A fresh, empty schema: whatever an earlier run of the tool left in its own namespace is dropped first. */
export async function createSchema(db: SqlClient): Promise<void> {
  await dropSchema(db);
  await db.exec(DDL);
}

export async function dropSchema(db: SqlClient): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
}
