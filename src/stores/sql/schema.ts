// Every table the PostgreSQL roles use, in the store's schema (its namespace), so it only ever drops what it
// created. The role statements name no schema: each connection's search_path is the namespace (postgres.ts,
// pglite.ts), so stores with different namespaces share one database (docs/architecture.md, "What a store does
// besides its roles"). The DDL names the schema anyway, so it can never create a table outside it.
// One schema serves the single-database baseline (all roles) and a polyglot PostgreSQL (some roles): unused tables
// just stay empty. No foreign keys cross roles, because each role is loaded on its own.
import type { SqlClient } from './client.js';

// Order ids use the "C" collation so "id desc" tie-breaks compare bytes, as JavaScript and the other engines do,
// whatever the server's default locale.
function ddl(schema: string): string {
  return `
CREATE SCHEMA ${schema};

-- sessions: UNLOGGED like a cache (lost on crash, no WAL); rows past expires_at count as absent.
CREATE UNLOGGED TABLE ${schema}.sessions (
  id text COLLATE "C" PRIMARY KEY,
  user_id integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
-- The sweeper's purge (session-sweeper.ts) reads the dead rows by this index instead of scanning every session.
CREATE INDEX sessions_by_expiry ON ${schema}.sessions (expires_at);
CREATE UNLOGGED TABLE ${schema}.cart_lines (
  session_id text COLLATE "C" NOT NULL REFERENCES ${schema}.sessions (id) ON DELETE CASCADE,
  product_id integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (session_id, product_id)
);

-- catalog: the product document's varied part lives in attributes.
CREATE TABLE ${schema}.categories (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE ${schema}.products (
  id integer PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  category_id integer NOT NULL REFERENCES ${schema}.categories (id),
  price_cents integer NOT NULL,
  attributes jsonb NOT NULL
);
-- Covering index: a category listing is an index-only scan.
CREATE INDEX products_by_category ON ${schema}.products (category_id, id) INCLUDE (name, price_cents);

-- inventory: the CHECK is a second guard; reservations already refuse to go below zero.
CREATE TABLE ${schema}.stock (
  product_id integer PRIMARY KEY,
  price_cents integer NOT NULL,
  stock integer NOT NULL CHECK (stock >= 0),
  initial_stock integer NOT NULL
);
-- outbox: kind is 'purchase' (written with the reservation) or 'retraction' (written by release).
CREATE TABLE ${schema}.outbox (
  seq bigserial PRIMARY KEY,
  order_id text COLLATE "C" NOT NULL,
  kind text NOT NULL DEFAULT 'purchase' CHECK (kind IN ('purchase', 'retraction')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz
);
CREATE INDEX outbox_pending ON ${schema}.outbox (seq) WHERE applied_at IS NULL;
-- Every row, applied or not: release looks up the order's purchase row in either state.
CREATE INDEX outbox_by_order ON ${schema}.outbox (order_id);

-- orders: the document as written, plus the columns "my orders" filters and sorts on.
CREATE TABLE ${schema}.orders (
  id text COLLATE "C" PRIMARY KEY,
  user_id integer NOT NULL,
  created_at bigint NOT NULL,
  document jsonb NOT NULL
);
CREATE INDEX orders_by_user ON ${schema}.orders (user_id, created_at DESC, id DESC);

-- graph: edge tables; created_at is epoch milliseconds like the domain's.
CREATE TABLE ${schema}.users (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL
);
CREATE TABLE ${schema}.follows (
  follower_id integer NOT NULL,
  followee_id integer NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE TABLE ${schema}.likes (
  user_id integer NOT NULL,
  product_id integer NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
CREATE TABLE ${schema}.purchases (
  order_id text COLLATE "C" NOT NULL,
  user_id integer NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
-- "Who bought X" (first hop of also-bought).
CREATE INDEX purchases_by_product ON ${schema}.purchases (product_id, user_id);
-- A user's purchases newest first; also the second hop of also-bought (user → products).
CREATE INDEX purchases_by_user ON ${schema}.purchases (user_id, created_at DESC, order_id DESC, product_id);

-- analytics: one row per order line, categoryId carried along so aggregates need no join.
CREATE TABLE ${schema}.sales (
  order_id text COLLATE "C" NOT NULL,
  product_id integer NOT NULL,
  category_id integer NOT NULL,
  quantity integer NOT NULL,
  unit_price_cents integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX sales_by_time ON ${schema}.sales (created_at) INCLUDE (product_id, category_id, quantity, unit_price_cents);

-- search: the product's words as a tsvector (english: stemmed, stop words dropped) under a GIN index, with the
-- stock the index believes; search_orders holds each order whose stock change it took, so a repeat is a no-op.
CREATE TABLE ${schema}.search_products (
  product_id integer PRIMARY KEY,
  name text NOT NULL,
  category_id integer NOT NULL,
  price_cents integer NOT NULL,
  stock integer NOT NULL,
  body text NOT NULL,
  document tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX search_products_document ON ${schema}.search_products USING gin (document);
CREATE TABLE ${schema}.search_orders (
  order_id text COLLATE "C" NOT NULL,
  product_id integer NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
`;
}

/**
 * A fresh, empty schema: whatever an earlier run of the tool left in this namespace is dropped first. schema is a
 * plain identifier (postgres/namespace.ts), so it needs no quoting.
 */
export async function createSchema(db: SqlClient, schema: string): Promise<void> {
  await dropSchema(db, schema);
  await db.exec(ddl(schema));
}

export async function dropSchema(db: SqlClient, schema: string): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
