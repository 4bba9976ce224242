// MongoDB URLs in front of the fault proxy. A replica-set member answers the handshake with the set's member list,
// and the driver would then connect to those real addresses, around the proxy.
import type { ProxyRules } from '../descriptor.js';

export const mongodbProxyRules: ProxyRules = {
  refusal: (url) =>
    /^mongodb\+srv:/i.test(url)
      ? 'mongodb+srv:// names a DNS seed list of servers; give one server as mongodb://host:port'
      : undefined,
  keepOnProxy: forceDirectConnection,
};

/**
 * directConnection=true keeps the driver on the one address it was given. A load-balanced URL discovers nothing
 * already, and its driver rejects directConnection.
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
