// The embedded stand-in for Neo4j: Kuzu, an in-process property-graph database speaking Cypher, in memory,
// serving the graph role. Kuzu is an optional dependency, loaded only when a layout uses this store.
import { kuzuGraph } from './kuzu/graph.js';
import { loadKuzu } from './kuzu/driver.js';
import { KuzuLane } from './kuzu/lane.js';
import { GRAPH_SCHEMA } from './kuzu/schema.js';
import type { StoreAdapter, StoreFactory } from './types.js';

export const kuzuFactory: StoreFactory = {
  kind: 'kuzu',
  roles: ['graph'],
  embedded: true,

  async create(): Promise<StoreAdapter> {
    const kuzu = await loadKuzu();
    // In memory: no files to lock (Kuzu locks its directory to one process) and every instance starts empty.
    const database = new kuzu.Database(':memory:');
    const writer = new KuzuLane(new kuzu.Connection(database));
    const reader = new KuzuLane(new kuzu.Connection(database));
    const closeAll = async () => {
      await Promise.allSettled([writer.close(), reader.close()]);
      await database.close();
    };
    try {
      for (const statement of GRAPH_SCHEMA) await writer.exec(statement);
    } catch (error) {
      await closeAll();
      throw error;
    }

    let closed = false;
    return {
      kind: 'kuzu',
      info: { engine: 'Kuzu', version: kuzu.VERSION, embedded: true, address: 'in-process' },
      roles: { graph: kuzuGraph(writer, reader) },
      async close() {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  },
};
