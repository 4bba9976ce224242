// `run --workers N`: an embedded engine (PGlite, DuckDB, Kuzu, MiniSearch, …) lives in the main thread's memory
// and cannot be opened again in a worker, so a worker reaches it through the main thread. The worker holds a
// stand-in adapter whose every method call is posted over a MessagePort; the main thread runs it on the real
// adapter (or on its fault-gated objects) and posts the answer back. Arguments and results are plain data
// (orders, ids, arrays, Maps, Sets, Dates), which structured clone carries as they are.
import type { MessagePort } from 'node:worker_threads';
import { ROLE_NAMES, type RoleName } from '../../roles.js';
import type { StoreAdapter, StoreInfo } from '../../stores/types.js';

/** What a worker needs to build the stand-in: plain data, so it crosses to the worker in workerData. */
export interface RemoteStoreDescription {
  kind: string;
  info: StoreInfo;
  /** The method names of each role the adapter serves. */
  roles: Partial<Record<RoleName, string[]>>;
  /** Present when the adapter has a one-transaction checkout: its method names. */
  atomicCheckout?: string[];
  /** Present when the adapter answers the cross-store queries: their method names. */
  crossStore?: string[];
}

/** The objects the main thread runs the calls on: the adapter's own, or the fault gates in front of them. */
export interface ServedStore {
  roles: Partial<Record<RoleName, object>>;
  atomicCheckout?: object;
  crossStore?: object;
}

export type RpcTarget = { role: RoleName } | 'atomic' | 'cross';

export interface RpcRequest {
  id: number;
  store: string;
  target: RpcTarget;
  method: string;
  args: unknown[];
}

/** An error as it crosses the port: an Error's class does not survive structured clone, so it is rebuilt. */
export interface RpcError {
  name: string;
  message: string;
  stack?: string;
}

export type RpcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RpcError };

// --- main thread -------------------------------------------------------------------------------------------

export function describeAdapter(adapter: StoreAdapter): RemoteStoreDescription {
  const roles: Partial<Record<RoleName, string[]>> = {};
  for (const role of ROLE_NAMES) {
    const impl = adapter.roles[role];
    if (impl) roles[role] = methodNames(impl);
  }
  const description: RemoteStoreDescription = { kind: adapter.kind, info: { ...adapter.info }, roles };
  if (adapter.atomicCheckout) description.atomicCheckout = methodNames(adapter.atomicCheckout);
  if (adapter.crossStore) description.crossStore = methodNames(adapter.crossStore);
  return description;
}

/**
 * Answers the worker's calls on port until close(). Calls already under way when it closes are still answered,
 * so no worker waits forever on a call the main thread ran. The port does not keep the main thread alive: the
 * Worker it talks to does, for as long as it runs.
 */
export function serveStores(port: MessagePort, targets: ReadonlyMap<string, ServedStore>): { close(): void } {
  const onRequest = (message: unknown): void => {
    if (!isRequest(message)) return;
    void answer(port, targets, message);
  };
  port.on('message', onRequest);
  port.unref();
  return {
    close() {
      port.off('message', onRequest);
    },
  };
}

type StoreMethod = (...args: unknown[]) => unknown;

async function answer(port: MessagePort, targets: ReadonlyMap<string, ServedStore>, request: RpcRequest) {
  let reply: RpcReply;
  try {
    const [object, method] = resolveCall(targets, request);
    reply = { id: request.id, ok: true, value: await Reflect.apply(method, object, request.args) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: toRpcError(error) };
  }
  try {
    port.postMessage(reply);
  } catch (error) {
    // A value structured clone cannot carry (a function, a driver's handle): the call fails, the port carries on.
    port.postMessage({
      id: request.id,
      ok: false,
      error: {
        name: errorName(error),
        message: `${callLabel(request.store, request.target, request.method)} returned a value that cannot be sent to the worker: ${messageOf(error)}`,
      },
    } satisfies RpcReply);
  }
}

function resolveCall(targets: ReadonlyMap<string, ServedStore>, request: RpcRequest): [object, StoreMethod] {
  if (
    typeof request.store !== 'string' ||
    typeof request.method !== 'string' ||
    !Array.isArray(request.args)
  ) {
    throw new Error(
      `malformed store call: ${JSON.stringify({ store: request.store, method: request.method })}`,
    );
  }
  if (!isTarget(request.target)) {
    throw new Error(
      `store ${request.store}: no such role ${JSON.stringify(request.target)} (${request.method})`,
    );
  }
  const label = callLabel(request.store, request.target, request.method);
  const served = targets.get(request.store);
  if (!served) throw new Error(`${label}: the main thread serves no store ${request.store}`);
  const object =
    request.target === 'atomic'
      ? served.atomicCheckout
      : request.target === 'cross'
        ? served.crossStore
        : Object.hasOwn(served.roles, request.target.role)
          ? served.roles[request.target.role]
          : undefined;
  if (!object)
    throw new Error(`${label}: store ${request.store} does not serve ${targetName(request.target)}`);
  // Object's own methods (toString, hasOwnProperty, …) are no store method, whatever the object inherits.
  const method = request.method in Object.prototype ? undefined : Reflect.get(object, request.method);
  if (typeof method !== 'function') throw new Error(`${label}: no such method`);
  return [object, method as StoreMethod];
}

// --- worker ------------------------------------------------------------------------------------------------

type RemoteMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * The stand-in for a store the main thread serves on port. Its close() fails the calls it still has pending and
 * detaches it from the port; the real store stays open (the main thread owns it and closes it after the run).
 */
export function remoteAdapter(
  port: MessagePort,
  store: string,
  description: RemoteStoreDescription,
): StoreAdapter {
  const client = clientOf(port);
  const owner: Owner = { store, closed: false };
  client.attach(owner);
  const roles: Record<string, Record<string, RemoteMethod>> = {};
  for (const role of ROLE_NAMES) {
    const methods = description.roles[role];
    if (methods) roles[role] = remoteObject(client, owner, { role }, methods);
  }
  const adapter: StoreAdapter = {
    kind: description.kind,
    info: { ...description.info },
    roles,
    async close() {
      client.detach(owner);
    },
  };
  // Assigned only when described: callers test `adapter.atomicCheckout` for presence.
  const writable = adapter as { -readonly [K in keyof StoreAdapter]: StoreAdapter[K] };
  if (description.atomicCheckout) {
    writable.atomicCheckout = remoteObject(client, owner, 'atomic', description.atomicCheckout) as never;
  }
  if (description.crossStore) {
    writable.crossStore = remoteObject(client, owner, 'cross', description.crossStore) as never;
  }
  return adapter;
}

/** One function per method, made once: a call costs its request and its promise, nothing more. */
function remoteObject(client: RpcClient, owner: Owner, target: RpcTarget, methods: readonly string[]) {
  const object: Record<string, RemoteMethod> = {};
  for (const method of methods) object[method] = (...args) => client.call(owner, target, method, args);
  return object;
}

/** One remote adapter on a port: what its pending calls are failed by when it closes. */
interface Owner {
  readonly store: string;
  closed: boolean;
}

interface Pending {
  owner: Owner;
  target: RpcTarget;
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

// Adapters sharing a port share its client, so replies are matched in one map and ids never repeat on it.
const clients = new WeakMap<MessagePort, RpcClient>();

function clientOf(port: MessagePort): RpcClient {
  let client = clients.get(port);
  if (!client) {
    client = new RpcClient(port);
    clients.set(port, client);
  }
  return client;
}

class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly owners = new Set<Owner>();

  constructor(private readonly port: MessagePort) {
    port.on('message', this.onReply);
    port.on('close', this.onClose);
    // Idle, the port must not keep the worker alive; it is ref'd only while a call waits for its reply (a
    // pending promise alone keeps no thread alive).
    port.unref();
  }

  attach(owner: Owner): void {
    this.owners.add(owner);
  }

  detach(owner: Owner): void {
    if (owner.closed) return;
    owner.closed = true;
    this.owners.delete(owner);
    for (const [id, call] of this.pending) {
      if (call.owner !== owner) continue;
      this.settled(id);
      call.reject(
        new Error(`${callLabel(owner.store, call.target, call.method)}: the remote store was closed`),
      );
    }
    if (this.owners.size === 0) this.dispose();
  }

  call(owner: Owner, target: RpcTarget, method: string, args: unknown[]): Promise<unknown> {
    if (owner.closed) {
      return Promise.reject(
        new Error(`${callLabel(owner.store, target, method)}: the remote store is closed`),
      );
    }
    const id = this.nextId++;
    const request: RpcRequest = { id, store: owner.store, target, method, args };
    return new Promise((resolve, reject) => {
      try {
        this.port.postMessage(request);
      } catch (error) {
        reject(
          namedError(
            errorName(error),
            `${callLabel(owner.store, target, method)} was given arguments that cannot be sent to the main thread: ${messageOf(error)}`,
          ),
        );
        return;
      }
      if (this.pending.size === 0) this.port.ref();
      this.pending.set(id, { owner, target, method, resolve, reject });
    });
  }

  private readonly onReply = (message: unknown): void => {
    if (!isReply(message)) return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.settled(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(fromRpcError(message.error));
  };

  private readonly onClose = (): void => {
    for (const [id, call] of this.pending) {
      this.settled(id);
      call.reject(
        new Error(
          `${callLabel(call.owner.store, call.target, call.method)}: the port to the main thread closed`,
        ),
      );
    }
    this.dispose();
  };

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.port.unref();
  }

  private dispose(): void {
    this.port.off('message', this.onReply);
    this.port.off('close', this.onClose);
    this.port.unref();
    if (clients.get(this.port) === this) clients.delete(this.port);
  }
}

// --- both sides --------------------------------------------------------------------------------------------

/** Own and inherited function names, up to Object.prototype (whose methods are no store's). */
function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = object; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      // The descriptor, not a read: a getter is not run to find out whether it is a method.
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(o, name)?.value === 'function') {
        names.add(name);
      }
    }
  }
  return [...names];
}

function callLabel(store: string, target: RpcTarget, method: string): string {
  return `store ${store}: ${targetName(target)}.${method}`;
}

function targetName(target: RpcTarget): string {
  return target === 'atomic' ? 'atomicCheckout' : target === 'cross' ? 'crossStore' : target.role;
}

function toRpcError(error: unknown): RpcError {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
  return { name: errorName(error), message: messageOf(error), ...(stack === undefined ? {} : { stack }) };
}

/** The worker's copy: same name and message; the main thread's stack as its cause, where the call really ran. */
function fromRpcError(error: RpcError): Error {
  return namedError(error.name, error.message, error.stack);
}

function namedError(name: string, message: string, remoteStack?: string): Error {
  const error = new Error(message, remoteStack === undefined ? undefined : { cause: remoteStack });
  error.name = name;
  return error;
}

function errorName(error: unknown): string {
  return error instanceof Error && typeof error.name === 'string' ? error.name : 'Error';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unprintable error';
  }
}

/** A request at all: one with an id to answer. Its other fields are checked when it is answered. */
function isRequest(message: unknown): message is RpcRequest {
  return (
    typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number'
  );
}

function isTarget(target: unknown): target is RpcTarget {
  if (target === 'atomic' || target === 'cross') return true;
  const role =
    typeof target === 'object' && target !== null ? (target as { role?: unknown }).role : undefined;
  return typeof role === 'string' && (ROLE_NAMES as readonly string[]).includes(role);
}

function isReply(message: unknown): message is RpcReply {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { id?: unknown; ok?: unknown };
  return typeof m.id === 'number' && typeof m.ok === 'boolean';
}
