// Everything the tool knows about one store engine outside its adapter code, in one value: each engine's folder
// exports its descriptor (src/stores/<kind>/descriptor.ts) and src/stores/engines.ts lists them. The tables keyed
// by engine — the registry, the kinds a scenario may name, the fault proxy's URL rules, the local, compose and
// docker endpoints — are derived from that list, so adding an engine is its folder plus one line there.
import type { RoleName } from '../roles.js';
import type { ContainerRecipe } from './container-recipe.js';
import type { StoreFactory } from './types.js';

export interface EngineCapabilities {
  /**
   * Whether a store of this engine commits a whole checkout in one transaction (the adapter's atomicCheckout):
   * 'if-server-supports' when only some deployments can (MongoDB: a replica set or mongos, not a standalone).
   */
  atomicCheckout: 'yes' | 'if-server-supports' | 'no';
  /** Whether the cdc propagation can stream the outbox from it: that needs PostgreSQL's logical decoding. */
  cdcSource: boolean;
  /** Whether its adapter answers the cross-store queries in one statement (crossStore) when it holds their roles. */
  crossStore?: boolean;
}

/** Fault-proxy rules for URL forms that would let the driver reach the real server around the proxy. */
export interface ProxyRules {
  /** Why the URL cannot be proxied at all (no rewrite keeps the driver on one address); undefined when it can. */
  refusal?(url: string): string | undefined;
  /** Rewrites a URL already pointing at the proxy so that the driver stays on that one address. */
  keepOnProxy?(url: URL): void;
}

/** Where scripts/local-stores.sh runs this engine on the machine itself. */
export interface LocalServer {
  /** The URL `scripts/local-stores.sh env` prints for it (POLYGLOT_BENCH_<KIND>_URL overrides it). */
  url: string;
  /** The script that defines its srv_<kind>_* functions and adds it to SERVERS. */
  startedBy: 'scripts/local-stores.sh' | `scripts/local-stores.d/${string}.sh`;
}

/** docker-compose.yml's service for this engine, and the URL that reaches it from the host. */
export interface ComposeService {
  service: string;
  url: string;
}

export interface ServerFacts {
  /**
   * The URL schemes the adapter takes (as URL.protocol spells them, with the colon), each with the port its driver
   * connects to when the URL names none; the fault proxy forwards there.
   */
  defaultPorts: Readonly<Record<string, number>>;
  proxy?: ProxyRules;
  /** Absent when scripts/local-stores.sh cannot run it: --stores local then needs the URL from the user. */
  local?: LocalServer;
  /** Absent when docker-compose.yml has no service for it. */
  compose?: ComposeService;
  /** Absent when --provision docker cannot start it. */
  container?: ContainerRecipe;
}

interface EngineBasics {
  /** The store kind as scenarios name it (also the name of its folder under src/stores/). */
  kind: string;
  /** The engine family as users know it, as the adapter reports it in StoreInfo.engine: "PostgreSQL", … */
  engine: string;
  /** The roles a store of this engine can serve (its factory's roles). */
  roles: readonly RoleName[];
  capabilities: EngineCapabilities;
  /** The factory, imported only when a layout uses the engine (an optional driver such as Kuzu's stays unloaded). */
  load(): Promise<StoreFactory>;
}

/** In-process: zero setup, no URL. */
export interface EmbeddedEngine extends EngineBasics {
  embedded: true;
}

/** A networked server, reached through a URL. */
export interface ServerEngine extends EngineBasics {
  embedded: false;
  server: ServerFacts;
}

export type EngineDescriptor = EmbeddedEngine | ServerEngine;

/** defaultPorts for an engine whose schemes all share one port. */
export function samePort(port: number, schemes: readonly string[]): Record<string, number> {
  return Object.fromEntries(schemes.map((scheme) => [scheme, port]));
}
