// Where the tool's keys live on a shared Redis: every key starts with "<namespace>:", so clean-up can find them
// with SCAN and never needs FLUSHDB (which would wipe other people's data on the same server).
import type { Redis } from 'ioredis';
import { leaseKey } from './lease.js';

export interface SessionKeys {
  /** Hash: userId, createdAt. Carries the session's TTL. */
  session: string;
  /** Hash: productId → quantity. Same expiry instant as the session (see sessions.ts). */
  cart: string;
}

export function sessionKeys(namespace: string, sessionId: string): SessionKeys {
  // The {…} hash tag puts both keys of a session in one cluster slot, which keeps the two-key Lua scripts
  // legal on Redis Cluster too.
  return {
    session: `${namespace}:session:{${sessionId}}`,
    cart: `${namespace}:cart:{${sessionId}}`,
  };
}

const SCAN_BATCH = 1_000;

/**
 * MEMORY USAGE of the namespace's keys: every key is counted, up to `sample` of them are measured (MEMORY USAGE
 * with its default nested sampling) and the mean is scaled to the count.
 */
export async function namespaceMemory(
  redis: Redis,
  namespace: string,
  sample = 500,
): Promise<{ keys: number; measured: number; bytes: number }> {
  const pattern = `${namespace}:*`;
  let cursor = '0';
  let keys = 0;
  const picked: string[] = [];
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
    keys += batch.length;
    for (const key of batch) if (picked.length < sample) picked.push(key);
    cursor = next;
  } while (cursor !== '0');
  let sum = 0;
  for (const key of picked) sum += Number((await redis.memory('USAGE', key)) ?? 0);
  const bytes = picked.length === 0 ? 0 : Math.round((sum / picked.length) * keys);
  return { keys, measured: picked.length, bytes };
}

/**
 * Deletes every key of the namespace (SCAN + UNLINK) but its lease (lease.ts), which only its holder removes;
 * returns how many were deleted.
 */
export async function deleteNamespace(redis: Redis, namespace: string): Promise<number> {
  const lease = leaseKey(namespace);
  // namespaceSetting() admits no glob characters, so this pattern is a plain prefix match.
  const pattern = `${namespace}:*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
    const data = keys.filter((key) => key !== lease);
    if (data.length > 0) deleted += await redis.unlink(...data);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
