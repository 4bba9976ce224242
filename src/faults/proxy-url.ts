// Pointing a store's driver at the fault proxy instead of at its server: the same URL (user, password, database,
// options) with the proxy's host and port. Some URL forms let the driver learn the server's real address and go
// around the proxy; those are rewritten so they cannot, or refused when no rewrite can keep the driver on it. The
// engine-specific rules (schemes, default ports, rewrites) are each engine's ServerFacts, in its descriptor.
// TLS URLs (rediss://, https://, bolt+s://) pass through, but verify only if the certificate also names the proxy.
import { UserError } from '../errors.js';
import type { ServerFacts } from '../stores/descriptor.js';
import { SERVER_ENGINES, serverEngineOf } from '../stores/engine-lookup.js';
import { redactedAddress } from '../stores/server-address.js';

/** host/port the store's URL points at (with each engine's default port when the URL has none). */
export function proxyTargetOf(engine: string, url: string): { host: string; port: number } {
  const parsed = parseStoreUrl(engine, url);
  return {
    // URL keeps IPv6 literals in brackets ("[::1]"); net.connect wants them bare.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    // parseStoreUrl admits only the schemes defaultPorts names.
    port: Number(parsed.port) || factsOf(engine).defaultPorts[parsed.protocol]!,
  };
}

/** The same URL pointing at the proxy. */
export function proxiedUrl(engine: string, url: string, proxy: { host: string; port: number }): string {
  const parsed = parseStoreUrl(engine, url);
  parsed.hostname = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  parsed.port = String(proxy.port);
  factsOf(engine).proxy?.keepOnProxy?.(parsed);
  return parsed.toString();
}

/** The engine's URL rules; an engine without them is a bug in the caller, not something a user typed. */
function factsOf(engine: string): ServerFacts {
  const descriptor = serverEngineOf(engine);
  if (!descriptor) {
    const known = SERVER_ENGINES.map(({ kind }) => kind).join(', ');
    throw new Error(`fault proxy: unknown engine "${engine}" (known: ${known})`);
  }
  return descriptor.server;
}

function parseStoreUrl(engine: string, url: string): URL {
  const facts = factsOf(engine);
  const address = safeAddress(url);
  const cannot = (why: string) => new UserError(`fault proxy: store ${engine} at ${address} ${why}`);
  const refusal = facts.proxy?.refusal?.(url);
  if (refusal) throw cannot(`cannot be proxied: ${refusal}`);
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
  const schemes = Object.keys(facts.defaultPorts);
  if (!schemes.includes(parsed.protocol)) {
    const expected = schemes.map((protocol) => `${protocol}//`).join(', ');
    throw cannot(`cannot be proxied: expected a URL starting with ${expected}`);
  }
  if (!parsed.hostname) throw cannot('cannot be proxied: the URL names no host');
  return parsed;
}

/** redactedAddress, plus the URLs it cannot parse (several hosts) whose password it would otherwise echo. */
function safeAddress(url: string): string {
  return redactedAddress(url).replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]+@/i, '$1***@');
}
