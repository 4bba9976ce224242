// CSV encoding for COPY … FROM … WITH (FORMAT csv): shared by every driver's bulk path so values load the same
// way everywhere. An unquoted empty field is NULL; objects are stored as their JSON text (jsonb columns).

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Always quoted: an empty string must stay distinct from NULL, and commas, quotes, newlines need it anyway.
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly unknown[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
