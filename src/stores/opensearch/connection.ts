// A client on the node, checked to be OpenSearch: what the owner and an attached instance (StoreOptions.attach)
// both start from, each with a client (and so connections) of its own.
import { Client } from '@opensearch-project/opensearch';
import { UserError, errorMessage } from '../../errors.js';
import type { StoreInfo } from '../types.js';
import type { OpensearchSettings } from './settings.js';

interface ServerInfo {
  version: { number: string; distribution?: string; minimum_wire_compatibility_version?: string };
}

export interface Connection {
  client: Client;
  info: StoreInfo;
}

export async function connect(settings: OpensearchSettings): Promise<Connection> {
  const client = new Client({ node: settings.node, requestTimeout: 30_000 });
  let info: ServerInfo;
  try {
    info = (await client.info()).body as ServerInfo;
  } catch (error) {
    await client.close();
    throw new UserError(`store opensearch at ${settings.address} does not answer: ${errorMessage(error)}`);
  }
  if (info.version.distribution !== 'opensearch') {
    await client.close();
    throw new UserError(
      `store opensearch at ${settings.address} is not OpenSearch (it reports version ${info.version.number})`,
    );
  }
  return {
    client,
    info: {
      engine: 'OpenSearch (Elasticsearch 7.10 API)',
      version: info.version.number,
      embedded: false,
      address: settings.address,
    },
  };
}
