// The few memcached text-protocol commands the store needs: version, get, gets, set, cas, delete.
//
// Why our own client instead of an npm one: the role's read-modify-write of a cart needs CAS (gets + cas), and
// - memjs, the most used client, speaks the binary protocol but exposes no CAS ("TODO: support version (CAS)");
// - memcached (3rd-Eden) has CAS, but its 2.2.x line is long unmaintained and it retries and fails over
//   behind the caller's back, which would hide outages inside latency samples;
// - memcache-client has CAS, but its parser package requires tslib without declaring it, so it fails to load
//   wherever npm does not happen to hoist a tslib (as in this project).
// The subset used here is small and stable (memcached's doc/protocol.txt), and owning it keeps the framing, the
// timeouts and the error messages in our hands.
import { MemcachedConnection } from './connection.js';
import type { Reply, StoredValue } from './replies.js';

/** Outcome of a storage command that memcached may refuse without it being an error. */
export type CasOutcome = 'stored' | 'exists' | 'not-found';

/** Memcached refuses keys over 250 bytes or holding whitespace or control characters. */
const MAX_KEY_BYTES = 250;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARACTERS = /[\x00-\x20\x7f]/;

export class MemcachedClient {
  constructor(private readonly connection: MemcachedConnection) {}

  /** "1.6.18", from `version`. */
  async version(): Promise<string> {
    const line = expectLine(await this.connection.request(frame('version'), 'line'), 'version');
    if (!line.startsWith('VERSION ')) throw new Error(`memcached version: unexpected reply ${line}`);
    return line.slice('VERSION '.length);
  }

  async get(key: string): Promise<StoredValue | null> {
    return this.retrieve('get', key);
  }

  /** Like get, with the CAS unique a later cas() must present. */
  async gets(key: string): Promise<StoredValue | null> {
    return this.retrieve('gets', key);
  }

  /** Stores unconditionally. exptime: seconds from now, or a Unix time when above 30 days (memcached's rule). */
  async set(key: string, data: Buffer, exptime: number): Promise<void> {
    const reply = await this.store(`set ${checkedKey(key)} 0 ${exptime} ${data.length}`, data);
    if (reply !== 'STORED') throw new Error(`memcached set ${key}: unexpected reply ${reply}`);
  }

  /** Stores only if the item is unchanged since the gets() that returned casUnique. */
  async cas(key: string, data: Buffer, exptime: number, casUnique: string): Promise<CasOutcome> {
    const reply = await this.store(`cas ${checkedKey(key)} 0 ${exptime} ${data.length} ${casUnique}`, data);
    if (reply === 'STORED') return 'stored';
    if (reply === 'EXISTS') return 'exists';
    if (reply === 'NOT_FOUND') return 'not-found';
    throw new Error(`memcached cas ${key}: unexpected reply ${reply}`);
  }

  /** Deletes the item; false when there was none. */
  async delete(key: string): Promise<boolean> {
    const reply = expectLine(
      await this.connection.request(frame(`delete ${checkedKey(key)}`), 'line'),
      `delete ${key}`,
    );
    if (reply === 'DELETED') return true;
    if (reply === 'NOT_FOUND') return false;
    throw new Error(`memcached delete ${key}: unexpected reply ${reply}`);
  }

  close(): void {
    this.connection.close();
  }

  private async retrieve(command: 'get' | 'gets', key: string): Promise<StoredValue | null> {
    const reply = await this.connection.request(frame(`${command} ${checkedKey(key)}`), 'values');
    if (reply.kind === 'error') throw new Error(`memcached ${command} ${key}: ${reply.line}`);
    if (reply.kind !== 'values') throw new Error(`memcached ${command} ${key}: unexpected reply`);
    return reply.values.find((value) => value.key === key) ?? null;
  }

  private async store(header: string, data: Buffer): Promise<string> {
    const command = Buffer.concat([frame(header), data, CRLF]);
    return expectLine(await this.connection.request(command, 'line'), header.split(' ', 2).join(' '));
  }
}

const CRLF = Buffer.from('\r\n');

function frame(line: string): Buffer {
  return Buffer.from(`${line}\r\n`, 'utf8');
}

function expectLine(reply: Reply, what: string): string {
  if (reply.kind === 'line') return reply.line;
  if (reply.kind === 'error') throw new Error(`memcached ${what}: ${reply.line}`);
  throw new Error(`memcached ${what}: unexpected reply`);
}

/** A key memcached would reject would also desynchronise the text protocol, so it never reaches the wire. */
function checkedKey(key: string): string {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES || FORBIDDEN_KEY_CHARACTERS.test(key)) {
    throw new Error(`not a valid memcached key (at most 250 bytes, no spaces or control characters): ${key}`);
  }
  return key;
}
