// Which server answered GET /. Apache CouchDB greets with {"couchdb":"Welcome","version":"3.3.3",…}; pouchdb-server,
// which serves CouchDB's HTTP API where no CouchDB can be installed, greets with {"express-pouchdb":"Welcome!",
// "version":"4.2.0",…} and claims no CouchDB version, so the version shown names it instead of passing for CouchDB.
import { UserError } from '../../errors.js';

/** Mango (_index, _find), which the roles query through, arrived in CouchDB 2.0. */
const MINIMUM_MAJOR = 2;

/** "3.3.3" for CouchDB, "pouchdb-server 4.2.0" for pouchdb-server. */
export function serverVersion(welcome: unknown, address: string): string {
  const body: Record<string, unknown> = typeof welcome === 'object' && welcome !== null ? { ...welcome } : {};
  const version = typeof body.version === 'string' ? body.version : 'unknown';
  if ('express-pouchdb' in body) return `pouchdb-server ${version}`;
  if ('couchdb' in body) {
    const major = Number(/^\d+/.exec(version)?.[0] ?? NaN);
    if (major < MINIMUM_MAJOR) {
      throw new UserError(
        `store couchdb at ${address}: CouchDB ${version} is too old (needs ≥ 2.0 for Mango queries)`,
      );
    }
    return version;
  }
  throw new UserError(
    `store couchdb at ${address}: the server there does not answer like CouchDB (no welcome at GET /)`,
  );
}
