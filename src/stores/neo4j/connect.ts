// Opening a driver that fails fast and says why: an unreachable server, a port that does not speak Bolt or a
// refused login is a one-line UserError at create time, never a hang or a stack trace.
import neo4j, { type Driver } from 'neo4j-driver';
import { errorMessage } from '../../errors.js';
import { unreachableStore } from '../server-address.js';
import { probeBolt } from './bolt-probe.js';
import type { Neo4jTarget } from './settings.js';

const CONNECT_TIMEOUT_MS = 5_000;

export interface Connected {
  driver: Driver;
  /** "5.26.31 community", or the server's agent string when dbms.components() is not there (Neptune). */
  version: string;
}

export async function connectNeo4j(target: Neo4jTarget): Promise<Connected> {
  try {
    await probeBolt(target);
  } catch (error) {
    throw unreachableStore('neo4j', target.address, error);
  }
  const auth = target.username ? neo4j.auth.basic(target.username, target.password) : undefined;
  const driver = neo4j.driver(target.url, auth, {
    disableLosslessIntegers: true,
    // TCP connect only. The pool's acquisition timeout keeps its default (60 s): under an open-loop load, requests
    // queue for the pool's 100 connections, and that wait is latency to measure, not an error.
    connectionTimeout: CONNECT_TIMEOUT_MS,
  });
  try {
    await driver.verifyConnectivity();
    return { driver, version: await serverVersion(driver) };
  } catch (error) {
    await driver.close().catch(() => undefined);
    // The CLI prints a UserError as one line; a driver message may span several, and its first names the cause.
    throw unreachableStore('neo4j', target.address, new Error(firstLine(errorMessage(error))));
  }
}

async function serverVersion(driver: Driver): Promise<string> {
  try {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition',
      {},
      { routing: neo4j.routing.READ },
    );
    const [record] = records;
    if (record) return `${String(record.get('version'))} ${String(record.get('edition'))}`;
  } catch {
    // Not every Bolt server has Neo4j's procedures; the handshake's agent string still names it.
  }
  const info = await driver.getServerInfo();
  return info.agent ?? 'unknown';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
