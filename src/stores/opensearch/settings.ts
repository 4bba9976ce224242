// What the user tells the OpenSearch store (URL and settings) and how its mistakes come back: a one-line
// UserError naming the store and its address with the password redacted.
import { UserError } from '../../errors.js';
import { DEFAULT_NAMESPACE } from '../namespace-setting.js';
import { redactedAddress } from '../server-address.js';

export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:9200';
/**
 * How often OpenSearch makes written documents visible to searches: its own default. Writes are never refreshed
 * on purpose, so this interval is what the search index's visible lag measures.
 */
export const DEFAULT_REFRESH_INTERVAL = '1s';
const KNOWN_SETTINGS = ['namespace', 'refreshInterval'];

export interface OpensearchSettings {
  /** protocol://user:password@host:port as the client takes it. */
  node: string;
  address: string;
  /** Lowercase: OpenSearch refuses index names with capitals. The store's indices are "<namespace>-…". */
  namespace: string;
  refreshInterval: string;
}

export function opensearchSettings(url: string, settings: Record<string, unknown> = {}): OpensearchSettings {
  const unknown = Object.keys(settings).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(
      `store opensearch: unknown setting "${unknown[0]}" (known: ${KNOWN_SETTINGS.join(', ')})`,
    );
  }
  const namespace = settings.namespace ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || !/^[a-z0-9][a-z0-9_]{0,63}$/.test(namespace)) {
    throw new UserError(
      `store opensearch: namespace must be lowercase letters, digits and _ (an index name prefix), got ${JSON.stringify(namespace)}`,
    );
  }
  const refreshInterval = settings.refreshInterval ?? DEFAULT_REFRESH_INTERVAL;
  if (typeof refreshInterval !== 'string' || !/^\d+(ms|s|m)$/.test(refreshInterval)) {
    throw new UserError(
      `store opensearch: refreshInterval must be a duration such as 1s or 200ms, got ${JSON.stringify(refreshInterval)}`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text may hold a password, so it is not echoed.
    throw new UserError('store opensearch: the url is not a valid URL (expected http://host:9200)');
  }
  const address = redactedAddress(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(
      `store opensearch at ${address}: expected an http:// or https:// URL (the REST port, 9200)`,
    );
  }
  const auth = parsed.username ? `${parsed.username}:${parsed.password}@` : '';
  return { node: `${parsed.protocol}//${auth}${parsed.host}`, address, namespace, refreshInterval };
}
