// The one place JSON columns become values. What arrives differs by engine: PostgreSQL's jsonb and MySQL's JSON
// type come parsed by the driver, MariaDB's JSON alias (LONGTEXT + JSON_VALID, announced as JSON in its extended
// column metadata) is parsed by mysql2 too, while a server or proxy that sends the column as plain text hands
// over the JSON text itself.

/** The stored document; the roles wrote it with JSON.stringify from the domain type they read it back as. */
export function parseJsonColumn<T>(value: unknown): T {
  if (typeof value === 'string') return JSON.parse(value) as T;
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8')) as T;
  if (value !== null && typeof value === 'object') return value as T;
  throw new Error(`expected a JSON document from the database, got ${String(value)}`);
}
