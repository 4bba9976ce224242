// The one place where JavaScript numbers meet Cypher integers, and the only way the adapter runs a query.
// Out: a JS number is a float to the driver, and Cypher rejects `LIMIT 10.0` and would store ids as floats, so every
// integral number in the parameters is sent as a Cypher INTEGER. In: the driver is created with
// disableLosslessIntegers, so INTEGER results arrive as JS numbers (every value here — ids, quantities, epoch
// milliseconds, counts — is far below 2^53).
import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherParams, CypherSession, CypherValue } from '../cypher/session.js';

export type { CypherParams, CypherValue } from '../cypher/session.js';

function toCypher(value: CypherValue): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypher);
  if (value !== null && typeof value === 'object') {
    const converted: Record<string, unknown> = {};
    for (const [key, each] of Object.entries(value)) converted[key] = toCypher(each);
    return converted;
  }
  return value;
}

/**
 * Runs each query as a managed transaction of its own (driver.executeQuery): transient failures such as a
 * deadlock between two concurrent MERGEs are retried by the driver, and reads see the writes before them.
 */
export class Cypher {
  constructor(private readonly driver: Driver) {}

  async read(query: string, params: CypherParams = {}): Promise<Neo4jRecord[]> {
    const result = await this.driver.executeQuery(query, toCypher(params), { routing: neo4j.routing.READ });
    return result.records;
  }

  async write(query: string, params: CypherParams = {}): Promise<Neo4jRecord[]> {
    const result = await this.driver.executeQuery(query, toCypher(params), { routing: neo4j.routing.WRITE });
    return result.records;
  }
}

/** The graph role's view of the store: the same managed transactions, rows as plain objects. */
export function cypherSession(cypher: Cypher): CypherSession {
  return {
    read: async (query, params) => (await cypher.read(query, params)).map((record) => record.toObject()),
    write: async (query, params) => (await cypher.write(query, params)).map((record) => record.toObject()),
  };
}
