// Parsing memcached text-protocol replies out of a byte buffer that may hold a partial reply (TCP delivers
// chunks, not messages). Pure functions, so framing can be tested without a server.
// Protocol reference: memcached's doc/protocol.txt.

export interface StoredValue {
  key: string;
  flags: number;
  /** The item's CAS unique: a 64-bit counter, kept as its decimal text. Present for `gets`, absent for `get`. */
  cas: string | undefined;
  data: Buffer;
}

/** What a command waits for: one status line (STORED, EXISTS, VERSION …) or VALUE blocks closed by END. */
export type ReplyShape = 'line' | 'values';

export type Reply =
  | { kind: 'line'; line: string }
  | { kind: 'values'; values: StoredValue[] }
  /** ERROR, CLIENT_ERROR …, SERVER_ERROR …: the command failed, the connection is still in step. */
  | { kind: 'error'; line: string };

export interface Parsed {
  reply: Reply;
  /** Bytes of the buffer the reply took up. */
  length: number;
}

/** The reply is malformed: the byte stream can no longer be trusted and the connection must be dropped. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(`memcached protocol error: ${message}`);
    this.name = 'ProtocolError';
  }
}

const CRLF = Buffer.from('\r\n');

/** The first complete reply of the expected shape at the start of buffer, or null while it is incomplete. */
export function parseReply(buffer: Buffer, shape: ReplyShape): Parsed | null {
  const first = readLine(buffer, 0);
  if (!first) return null;
  if (isErrorLine(first.line)) return { reply: { kind: 'error', line: first.line }, length: first.next };
  if (shape === 'line') return { reply: { kind: 'line', line: first.line }, length: first.next };

  const values: StoredValue[] = [];
  let header: { line: string; next: number } | null = first;
  while (header) {
    if (header.line === 'END') return { reply: { kind: 'values', values }, length: header.next };
    const block = readValueBlock(buffer, header.line, header.next);
    if (!block) return null;
    values.push(block.value);
    header = readLine(buffer, block.next);
  }
  return null;
}

function readLine(buffer: Buffer, start: number): { line: string; next: number } | null {
  const end = buffer.indexOf(CRLF, start);
  if (end < 0) return null;
  return { line: buffer.toString('latin1', start, end), next: end + CRLF.length };
}

function isErrorLine(line: string): boolean {
  return line === 'ERROR' || line.startsWith('CLIENT_ERROR') || line.startsWith('SERVER_ERROR');
}

/** `VALUE <key> <flags> <bytes> [<cas unique>]` then <bytes> of data and CRLF; null while the data is incomplete. */
function readValueBlock(
  buffer: Buffer,
  header: string,
  dataStart: number,
): { value: StoredValue; next: number } | null {
  const [word, key, flags, bytes, cas] = header.split(' ');
  const size = Number(bytes);
  if (word !== 'VALUE' || key === undefined || !Number.isInteger(size) || size < 0) {
    throw new ProtocolError(`expected VALUE or END, got ${JSON.stringify(header)}`);
  }
  const dataEnd = dataStart + size;
  if (buffer.length < dataEnd + CRLF.length) return null;
  if (!buffer.subarray(dataEnd, dataEnd + CRLF.length).equals(CRLF)) {
    throw new ProtocolError(`value of ${key} is not followed by CRLF after ${size} bytes`);
  }
  return {
    value: { key, flags: Number(flags), cas, data: buffer.subarray(dataStart, dataEnd) },
    next: dataEnd + CRLF.length,
  };
}
