// Whether a MongoDB server runs multi-document transactions, asked of the server itself (the suites that need
// them are listed as skipped, with the reason, where it does not).
import { MongoClient } from 'mongodb';

/**
 * Asked of the server directly rather than of the adapter: a replica set member names its set, a mongos says
 * "isdbgrid". null when no server answers (the suites are then skipped, or failed in CI, by describeWithServer).
 * isMaster rather than hello: mongo-java-server knows only the former, MongoDB 8 still answers both.
 */
export async function serverHasTransactions(url: string): Promise<boolean | null> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1500 });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ isMaster: 1 });
    return typeof reply.setName === 'string' || reply.msg === 'isdbgrid';
  } catch {
    return null;
  } finally {
    await client.close();
  }
}
