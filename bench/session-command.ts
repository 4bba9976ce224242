// The exact command the Redis sessions role sends for getSession, captured from the role itself (not copied), so
// a peer tool can run the very same command: if the role's script changes, the peer follows.
import type { Redis } from 'ioredis';
import { redisSessions } from '../src/stores/redis/sessions.js';

/** ["EVALSHA", sha, "2", sessionKey, cartKey] for session `id` in `namespace`. */
export async function getSessionCommand(namespace: string, id: string): Promise<string[]> {
  let sent: string[] | undefined;
  // A stand-in client: getSession only calls evalsha on a known script; it answers "no such session".
  const recorder = {
    evalsha: (...args: Array<string | number>) => {
      sent = args.map(String);
      return Promise.resolve([[], []]);
    },
  };
  try {
    await redisSessions(recorder as unknown as Redis, namespace).getSession(id);
  } catch (error) {
    throw new Error(`getSession no longer sends one EVALSHA (${String(error)}): bench/ needs updating`);
  }
  if (sent === undefined) throw new Error('getSession sent no EVALSHA: bench/ needs updating');
  return ['EVALSHA', ...sent];
}
