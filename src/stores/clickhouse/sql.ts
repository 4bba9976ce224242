// Values spliced into ClickHouse SQL. The server here (18.16) has no query parameters, so every value a query
// carries goes through one of these: strings escaped, numbers checked to be integers, identifiers checked.

/**
 * A ClickHouse string literal. ClickHouse reads backslash escapes inside quotes, so the backslash must be escaped
 * along with the quote (doubling quotes alone would let a trailing backslash swallow the closing quote); NUL is
 * written as \0 so no raw zero byte ever reaches the parser.
 */
export function sqlString(value: string): string {
  return `'${value.replace(/[\\'\0]/g, (char) => (char === '\0' ? '\\0' : `\\${char}`))}'`;
}

/** An integer literal; anything else (NaN, 1.5, 2^53) is a bug in the caller, never spliced into SQL. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer for a ClickHouse query: ${value}`);
  return String(value);
}

/** Names the tool picks (a checked namespace, its own table names): letters, digits and _, so quoting is enough. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function sqlIdentifier(name: string): string {
  if (!isIdentifier(name)) throw new RangeError(`not a plain identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}
