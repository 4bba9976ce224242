// What a SQL dialect supplies so the shared roles can run on it: the text of every statement, in its own
// placeholders, upsert and JSON syntax, plus a small function wherever its flow genuinely differs (a write whose
// count matters, an upsert it cannot express in one statement, a bulk load). Parameters are bound in the order
// each statement's comment gives, the same in every dialect; lists and documents are bound as JSON text.
import type { SqlParam, SqlRunner } from '../client.js';
import type { AnalyticsStatements } from './analytics.js';
import type { CatalogStatements } from './catalog.js';
import type { CrossStoreStatements } from './cross-store.js';
import type { GraphStatements } from './graph.js';
import type { InventoryStatements } from './inventory.js';
import type { OrderStatements } from './orders.js';
import type { OutboxStatements } from './outbox.js';
import type { SearchStatements } from './search.js';
import type { SessionStatements } from './sessions.js';

export interface SqlDialect<C extends SqlRunner<C>> {
  /** Bulk load into one of the tool's tables, named without schema or database (the dialect qualifies it). */
  loadRows(db: C, table: string, columns: readonly string[], rows: SqlParam[][]): Promise<void>;
  sessions: SessionStatements<C>;
  catalog: CatalogStatements;
  inventory: InventoryStatements<C>;
  outbox: OutboxStatements;
  orders: OrderStatements;
  graph: GraphStatements;
  analytics: AnalyticsStatements;
  search: SearchStatements;
  crossStore: CrossStoreStatements;
}
