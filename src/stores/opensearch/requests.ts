// The few request shapes the roles share: a bulk request whose item errors become one thrown error (the client
// reports them in the body, not as a failure), and reading every hit of a query page by page.
import type { Client } from '@opensearch-project/opensearch';

type Json = Record<string, unknown>;

export async function bulk(client: Client, operations: Json[]): Promise<void> {
  if (operations.length === 0) return;
  const response = await client.bulk({ body: operations } as Parameters<Client['bulk']>[0]);
  const body = response.body as unknown as {
    errors: boolean;
    items: Array<Record<string, { error?: unknown }>>;
  };
  if (!body.errors) return;
  const failed = body.items.map((item) => Object.values(item)[0]?.error).find((error) => error !== undefined);
  throw new Error(`OpenSearch bulk request failed: ${JSON.stringify(failed)}`);
}

/**
 * One _search, the body as the REST API documents it and the answer as the caller describes it: the client's own
 * request and response types cover every option of every version, more than these few queries need.
 */
export async function searchBody<T>(client: Client, index: string, body: Json): Promise<T> {
  const response = await client.search({ index, body } as Parameters<Client['search']>[0]);
  return response.body as unknown as T;
}

/** How many searchable documents match: a _count, which (unlike a GET) sees only what has been refreshed. */
export async function countOf(client: Client, index: string, query: Json): Promise<number> {
  const response = await client.count({ index, body: { query } } as Parameters<Client['count']>[0]);
  return (response.body as unknown as { count: number }).count;
}

/**
 * Of orderIds, those with a searchable document matching filter too: one _search, a terms query on orderId
 * with a terms aggregation over it (no hits), the batched form of a count per order.
 */
export async function ordersFound(
  client: Client,
  index: string,
  filter: Json[],
  orderIds: readonly string[],
): Promise<Set<string>> {
  const wanted = [...new Set(orderIds)];
  if (wanted.length === 0) return new Set();
  const answer = await searchBody<{ aggregations: { orders: { buckets: Array<{ key: string }> } } }>(
    client,
    index,
    {
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [...filter, { terms: { orderId: wanted } }] } },
      aggs: { orders: { terms: { field: 'orderId', size: wanted.length } } },
    },
  );
  return new Set(answer.aggregations.orders.buckets.map((bucket) => bucket.key));
}

const PAGE = 5000;

/** Every hit's _source, sorted by `sortField` (a unique keyword or number), PAGE at a time with search_after. */
export async function allHits<T>(
  client: Client,
  index: string,
  query: Json,
  sortField: string,
): Promise<T[]> {
  const all: T[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const body = {
      query,
      size: PAGE,
      sort: [{ [sortField]: 'asc' }],
      ...(after ? { search_after: after } : {}),
    };
    const { hits } = (
      await searchBody<{ hits: { hits: Array<{ _source: T; sort: unknown[] }> } }>(client, index, body)
    ).hits;
    for (const hit of hits) all.push(hit._source);
    if (hits.length < PAGE) return all;
    after = hits[hits.length - 1]!.sort;
  }
}

/** Documents written since the last refresh become searchable: only reconciliation asks, never a write. */
export async function refresh(client: Client, index: string): Promise<void> {
  await client.indices.refresh({ index });
}
