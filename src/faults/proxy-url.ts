// Pointing a store's driver at the fault proxy instead of at its server: the same URL (user, password, database,
// options) with the proxy's host and port. Some URL forms let the driver learn the server's real address and go
// around the proxy; those are rewritten so they cannot, or refused when no rewrite can keep the driver on it.
// TLS URLs (rediss://, https://, bolt+s://) pass through, but verify only if the certificate also names the proxy.
import { UserError } from '../errors.js';
import { redactedAddress } from '../stores/server-address.js';

interface EngineUrls {
  protocols: readonly string[];
  /** Where the driver connects when the URL names no port. */
  defaultPort: number;
}

const ENGINES: Readonly<Record<string, EngineUrls>> = {
  postgres: { protocols: ['postgres:', 'postgresql:'], defaultPort: 5432 },
  mysql: { protocols: ['mysql:'], defaultPort: 3306 },
  redis: { protocols: ['redis:', 'rediss:'], defaultPort: 6379 },
  memcached: { protocols: ['memcached:'], defaultPort: 11211 },
  mongodb: { protocols: ['mongodb:'], defaultPort: 27017 },
  neo4j: {
    protocols: ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'],
    defaultPort: 7687,
  },
  // The HTTP engines' default port is the scheme's, see SCHEME_PORTS.
  clickhouse: { protocols: ['http:', 'https:'], defaultPort: 80 },
  couchdb: { protocols: ['http:', 'https:'], defaultPort: 80 },
};

// The ClickHouse and CouchDB stores hand their driver the URL's origin as it is, so a URL without a port reaches
// port 80 (443), not 8123 or 5984; the proxy must forward to where the driver would have gone.
const SCHEME_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** host/port the store's URL points at (with each engine's default port when the URL has none). */
export function proxyTargetOf(engine: string, url: string): { host: string; port: number } {
  const parsed = parseStoreUrl(engine, url);
  return {
    // URL keeps IPv6 literals in brackets ("[::1]"); net.connect wants them bare.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port) || defaultPortOf(engine, parsed.protocol),
  };
}

/** The same URL pointing at the proxy. */
export function proxiedUrl(engine: string, url: string, proxy: { host: string; port: number }): string {
  const parsed = parseStoreUrl(engine, url);
  parsed.hostname = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  parsed.port = String(proxy.port);
  if (engine === 'neo4j' && parsed.protocol.startsWith('neo4j')) {
    // neo4j:// asks the server for a routing table and then connects to the addresses the server advertises —
    // the real ones. bolt:// talks to the one address given. Its driver refuses query parameters, which under
    // neo4j:// only carried the routing context, so they go too.
    parsed.protocol = parsed.protocol.replace(/^neo4j/, 'bolt');
    parsed.search = '';
  }
  if (engine === 'mongodb') forceDirectConnection(parsed);
  return parsed.toString();
}

/**
 * A replica-set member answers the handshake with the set's member list, and the driver would then connect to
 * those real addresses. directConnection=true keeps it on the one address it was given. A load-balanced URL
 * discovers nothing already, and its driver rejects directConnection.
 */
function forceDirectConnection(parsed: URL): void {
  const params = parsed.search
    .slice(1)
    .split('&')
    .filter((param) => param !== '');
  if (params.some((param) => /^loadBalanced=true$/i.test(param))) return;
  // Edited as text rather than through searchParams, which would re-encode every other option.
  const others = params.filter((param) => !/^directConnection=/i.test(param));
  // The connection string format wants a "/" between the hosts and the options.
  if (parsed.pathname === '') parsed.pathname = '/';
  parsed.search = [...others, 'directConnection=true'].join('&');
}

function defaultPortOf(engine: string, protocol: string): number {
  return SCHEME_PORTS[protocol] ?? ENGINES[engine]!.defaultPort;
}

function parseStoreUrl(engine: string, url: string): URL {
  const urls = ENGINES[engine];
  if (!urls) {
    throw new Error(`fault proxy: unknown engine "${engine}" (known: ${Object.keys(ENGINES).join(', ')})`);
  }
  const address = safeAddress(url);
  const cannot = (why: string) => new UserError(`fault proxy: store ${engine} at ${address} ${why}`);
  if (/^mongodb\+srv:/i.test(url)) {
    throw cannot(
      'cannot be proxied: mongodb+srv:// names a DNS seed list of servers; give one server as mongodb://host:port',
    );
  }
  // Checked on the text: URL rejects "a:1,b:2" outright and takes "a,b" for one odd host name.
  const hosts = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1] ?? '';
  if (hosts.includes(',')) {
    throw cannot('cannot be proxied: it names several servers, and the proxy stands in front of one');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw cannot('cannot be proxied: not a valid URL');
  }
  if (!urls.protocols.includes(parsed.protocol)) {
    const expected = urls.protocols.map((protocol) => `${protocol}//`).join(', ');
    throw cannot(`cannot be proxied: expected a URL starting with ${expected}`);
  }
  if (!parsed.hostname) throw cannot('cannot be proxied: the URL names no host');
  return parsed;
}

/** redactedAddress, plus the URLs it cannot parse (several hosts) whose password it would otherwise echo. */
function safeAddress(url: string): string {
  return redactedAddress(url).replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]+@/i, '$1***@');
}
