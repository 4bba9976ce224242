// The namespace lease on OpenSearch: one document in a third index of the namespace, "<namespace>-lease" (a name
// no other namespace's index can have: namespaces hold no "-"). Indexing it with op_type create is the atomic
// "create if absent" (409 when it exists); rewriting or deleting it is conditional on the sequence number read
// before (if_seq_no / if_primary_term), so a run never touches a successor's lease. GETs are realtime: no refresh
// is needed to see the record. Releasing deletes the lease index after the data indices are gone.
import type { Client } from '@opensearch-project/opensearch';
import { parseLeaseRecord, sameLease, unknownHolder, type LeasePrimitive } from '../namespace-lease.js';

const HOLDER = 'holder';

export function leaseIndex(namespace: string): string {
  return `${namespace}-lease`;
}

function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } } | null)?.meta?.statusCode;
}

interface Stored {
  source: unknown;
  seqNo: number;
  primaryTerm: number;
}

export function opensearchLease(client: Client, namespace: string): LeasePrimitive {
  const index = leaseIndex(namespace);
  const read = async (): Promise<Stored | null> => {
    const { body } = await client.get({ index, id: HOLDER }, { ignore: [404] });
    const doc = body as { found?: boolean; _source?: unknown; _seq_no?: number; _primary_term?: number };
    if (!doc.found || doc._seq_no === undefined || doc._primary_term === undefined) return null;
    return { source: doc._source, seqNo: doc._seq_no, primaryTerm: doc._primary_term };
  };
  return {
    async claim(mine) {
      // The record is only ever read by id: nothing in it is indexed.
      await client.indices
        .create({
          index,
          body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { enabled: false } },
        })
        .catch((error: unknown) => {
          // 400 resource_already_exists_exception: the usual case when someone holds the namespace.
          if (statusOf(error) !== 400) throw error;
        });
      try {
        await client.create({ index, id: HOLDER, body: mine });
        return 'claimed';
      } catch (error) {
        // 404: the holder deleted the lease index in between (closing); the caller tries again.
        if (statusOf(error) === 404) return null;
        if (statusOf(error) !== 409) throw error;
      }
      const stored = await read();
      return stored === null ? null : (parseLeaseRecord(stored.source) ?? unknownHolder());
    },
    async renew(current, next) {
      const stored = await read();
      if (stored === null || parseLeaseRecord(stored.source)?.token !== current.token) return false;
      try {
        await client.index({
          index,
          id: HOLDER,
          body: next,
          if_seq_no: stored.seqNo,
          if_primary_term: stored.primaryTerm,
        });
        return true;
      } catch (error) {
        if (statusOf(error) === 409 || statusOf(error) === 404) return false;
        throw error;
      }
    },
    async breakStale(stale) {
      const stored = await read();
      const record = stored === null ? null : parseLeaseRecord(stored.source);
      if (stored === null || record === null || !sameLease(record, stale)) return;
      await client
        .delete({ index, id: HOLDER, if_seq_no: stored.seqNo, if_primary_term: stored.primaryTerm })
        .catch((error: unknown) => {
          if (statusOf(error) !== 409 && statusOf(error) !== 404) throw error;
        });
    },
  };
}

/** Deletes the lease index (the holder's last step on close); one already gone is fine. */
export async function releaseOpensearchLease(client: Client, namespace: string): Promise<void> {
  await client.indices.delete({ index: leaseIndex(namespace), ignore_unavailable: true });
}
