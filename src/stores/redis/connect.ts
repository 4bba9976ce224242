// Opening an ioredis client that fails fast and says why: an unreachable server is a UserError at create time,
// never a client retrying forever in the background while the run hangs.
import { Redis } from 'ioredis';
import { UserError } from '../../errors.js';
import { unreachableStore } from '../server-address.js';

const CONNECT_TIMEOUT_MS = 5_000;
/** Each command while opening (owner or attached): a server that accepts but never answers fails the open. */
export const SETUP_STEP_MS = 5_000;

export async function connectRedis(url: string, address: string): Promise<Redis> {
  const protocol = parseProtocol(url, address);
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new UserError(`store redis at ${address}: the url must start with redis:// or rediss://`);
  }
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // A command during an outage fails after one reconnect attempt instead of twenty: the benchmark counts it as
    // an error rather than hiding the outage inside a slow latency sample.
    maxRetriesPerRequest: 1,
  });
  // connect() only rejects with "Connection is closed."; the socket error that says why comes as an event.
  // The listener also keeps ioredis from printing "Unhandled error event" on every reconnect attempt later on.
  let lastError: unknown;
  redis.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    // Without this, the default retry strategy would keep reconnecting in the background.
    redis.disconnect();
    throw unreachableStore('redis', address, lastError ?? error);
  }
  return redis;
}

/** "7.0.15", from INFO server's redis_version line. */
export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  return /^redis_version:(.+?)\r?$/m.exec(info)?.[1] ?? 'unknown';
}

function parseProtocol(url: string, address: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    throw new UserError(`store redis at ${address}: not a valid url`);
  }
}
