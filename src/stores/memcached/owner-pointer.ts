// How an attached instance (`run --workers N`, StoreOptions.attach) finds the keys its owner writes. Each owner
// writes under a random instance token (memcached.ts says why), which a worker thread cannot guess, and worker
// threads share nothing with the main thread but the process: so the owner publishes its token on the server
// under a key named after the namespace, this host and this process id, which every thread of the process
// computes alike and no other process shares.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { MemcachedClient } from './client.js';

/**
 * Workers attach as the run starts and the owner deletes the pointer when it closes: the expiry only collects
 * the pointer of an owner that never closed (a crash, a kill).
 */
const POINTER_TTL_S = 24 * 3600;

/** "<namespace>:owner:<digest of host and pid>": hashed, since a host name may hold what a key must not. */
function pointerKey(namespace: string): string {
  const processId = createHash('sha1').update(`${hostname()}\n${process.pid}`).digest('hex').slice(0, 16);
  return `${namespace}:owner:${processId}`;
}

/** The owner's: its instance token, for the workers of this process. A later owner of the namespace replaces it. */
export async function publishOwner(
  client: MemcachedClient,
  namespace: string,
  instance: string,
): Promise<void> {
  await client.set(pointerKey(namespace), Buffer.from(instance, 'utf8'), POINTER_TTL_S);
}

/** The instance token an owner of this process published for the namespace, or null when none has. */
export async function ownerInstance(client: MemcachedClient, namespace: string): Promise<string | null> {
  const item = await client.get(pointerKey(namespace));
  return item ? item.data.toString('utf8') : null;
}

/** At the owner's close: the pointer goes, unless a later owner of the namespace in this process replaced it. */
export async function withdrawOwner(
  client: MemcachedClient,
  namespace: string,
  instance: string,
): Promise<void> {
  if ((await ownerInstance(client, namespace)) === instance) await client.delete(pointerKey(namespace));
}
