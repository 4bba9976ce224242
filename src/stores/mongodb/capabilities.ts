// What the server behind the URL can do, found out rather than assumed: which engine it is (a real mongod, or
// mongo-java-server standing in for one), whether it runs multi-document transactions, whether it opens change
// streams. The answers decide whether the adapter offers an atomic checkout, and are spelled out in the version
// the reports print.
import { randomUUID } from 'node:crypto';
import type { ClientSession, Db, MongoClient, ServerDescription } from 'mongodb';

export interface MongoCapabilities {
  /** buildInfo's version: "8.0.32", or "4.4.0+mongo-java-server.1.47.0" from tools/mongo/MongoServer.java. */
  reportedVersion: string;
  /** mongo-java-server's release when the server is one (from that build metadata), else null. */
  javaServer: string | null;
  /** A real mongod's buildInfo carries its gitVersion; a protocol emulation's does not. */
  mongod: boolean;
  /** "standalone", "replica set rs0", "sharded cluster (mongos)", … */
  topology: string;
  wireVersion: number;
  transactions: boolean;
  changeStreams: boolean;
}

const TRANSACTIONAL = new Set<string>(['RSPrimary', 'Mongos', 'LoadBalancer']);

interface BuildInfo {
  version?: unknown;
  gitVersion?: unknown;
}

export async function detectCapabilities(
  client: MongoClient,
  db: Db,
  servers: readonly ServerDescription[],
  probeCollection: string,
): Promise<MongoCapabilities> {
  const build = (await db.command({ buildInfo: 1 })) as BuildInfo;
  const reportedVersion = typeof build.version === 'string' ? build.version : 'unknown';
  // Transactions need a replica set primary or a mongos (possibly behind a load balancer); a trial commit then
  // settles it, since a server may look the part and still refuse (no sessions, an emulation).
  const writable = servers.find((s) => TRANSACTIONAL.has(s.type));
  const server = writable ?? servers.find((s) => s.type !== 'Unknown') ?? servers[0];
  const javaServer = /\+mongo-java-server\.(.+)$/.exec(reportedVersion)?.[1] ?? null;
  return {
    reportedVersion,
    javaServer,
    mongod: typeof build.gitVersion === 'string',
    topology: topologyOf(server),
    wireVersion: server?.maxWireVersion ?? 0,
    transactions: writable ? await transactionCommits(client, db, probeCollection) : false,
    changeStreams:
      javaServer !== null ? await javaServerOplog(client) : await changeStreamOpens(db, probeCollection),
  };
}

function topologyOf(server: ServerDescription | undefined): string {
  switch (server?.type) {
    case 'RSPrimary':
    case 'RSSecondary':
      return `replica set ${server.setName ?? '(unnamed)'}`;
    case 'Mongos':
      return 'sharded cluster (mongos)';
    case 'LoadBalancer':
      return 'behind a load balancer';
    case 'Standalone':
      return 'standalone';
    default:
      return 'unknown topology';
  }
}

async function transactionCommits(client: MongoClient, db: Db, collection: string): Promise<boolean> {
  const probe = db.collection<{ _id: string }>(collection);
  // One id per probe: `run --workers N` attaches N instances at once, and probes sharing one id would conflict
  // (a duplicate key is no transient error), so a worker could conclude "no transactions" on a replica set.
  const id = `transaction-probe-${randomUUID()}`;
  let session: ClientSession | undefined;
  try {
    // Inside the try: without session support the driver refuses already here.
    session = client.startSession();
    const inSession = session;
    await session.withTransaction(async () => {
      await probe.insertOne({ _id: id }, { session: inSession });
    });
    await probe.deleteOne({ _id: id });
    return true;
  } catch {
    return false;
  } finally {
    await session?.endSession();
  }
}

/**
 * Opens a change stream on the probe collection and closes it again: a standalone mongod refuses, a replica set
 * member or mongos hands back an open cursor (a closed one, id 0, would never deliver an event).
 */
async function changeStreamOpens(db: Db, collection: string): Promise<boolean> {
  let reply: { cursor?: { id?: unknown } };
  try {
    reply = await db.command({ aggregate: collection, pipeline: [{ $changeStream: {} }], cursor: {} });
  } catch {
    return false;
  }
  const id = reply.cursor?.id;
  if (id === undefined || id === null || String(id) === '0') return false;
  await db.command({ killCursors: collection, cursors: [id] }).catch(() => undefined);
  return true;
}

/**
 * mongo-java-server serves change streams exactly when its oplog is on (MongoServer.java --oplog), and then keeps it
 * as the collection local.oplog.rs. Looked up instead of opening a change stream: without the oplog that attempt
 * fails inside the server, which logs an error with a stack trace each time a store is created. A read-only listing.
 */
async function javaServerOplog(client: MongoClient): Promise<boolean> {
  const found = await client.db('local').listCollections({ name: 'oplog.rs' }, { nameOnly: true }).toArray();
  return found.length > 0;
}

/**
 * The version as the reports print it, with what the server can and cannot do in plain words, e.g.
 * "8.0.32 (replica set rs0: transactions, change streams)" or "mongo-java-server 1.47.0 (wire 4.4.0/9, standalone:
 * no transactions, no change streams; non-unique indexes ignored)" — that server scans instead of using them.
 */
export function versionLabel(caps: MongoCapabilities, transactionsUsed: boolean): string {
  const features = [
    caps.transactions
      ? transactionsUsed
        ? 'transactions'
        : 'transactions, off by setting'
      : 'no transactions',
    caps.changeStreams ? 'change streams' : 'no change streams',
  ].join(', ');
  if (caps.javaServer !== null) {
    const claimed = caps.reportedVersion.replace(/\+.*$/, '');
    return (
      // Short enough for a table cell; the README and store check explain what a scanned query means.
      `mongo-java-server ${caps.javaServer} (wire ${claimed}/${caps.wireVersion}, ${caps.topology}: ${features}; ` +
      'non-unique indexes ignored)'
    );
  }
  const kind = caps.mongod ? '' : 'not a mongod (no gitVersion in buildInfo); ';
  return `${caps.reportedVersion} (${kind}${caps.topology}: ${features})`;
}
