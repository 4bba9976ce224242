// Which server answered: MySQL or MariaDB (they share the protocol and most SQL), its version, and whether it is
// new enough for the roles' SQL.
import { UserError } from '../../errors.js';
import type { StoreInfo } from '../types.js';

/** JSON_TABLE (per-order inserts, the outbox relay) arrived in MySQL 8.0.4 and MariaDB 10.6. */
const MINIMUM: Record<'MySQL' | 'MariaDB', [number, number]> = { MySQL: [8, 0], MariaDB: [10, 6] };

/** "10.11.19-MariaDB-0+deb12u1" → MariaDB 10.11.19; "8.4.3" → MySQL 8.4.3. */
export function serverInfo(reported: string, address: string): StoreInfo {
  const engine = reported.includes('MariaDB') ? 'MariaDB' : 'MySQL';
  const version = /^\d+(\.\d+)*/.exec(reported)?.[0] ?? reported;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM[engine];
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new UserError(
      `store mysql at ${address}: ${engine} ${version} is too old (needs MySQL ≥ 8.0 or MariaDB ≥ 10.6)`,
    );
  }
  return { engine, version, embedded: false, address };
}
