// What the main thread and a layout's worker threads say to each other (`run --workers N`, docs/architecture.md
// "Worker threads"). Everything here is structured-cloneable: plain data, typed arrays, MessagePorts.
import type { MessagePort } from 'node:worker_threads';
import type { ResolvedLayout } from '../../layouts/resolve.js';
import type { RecorderSnapshot } from '../../metrics/layout-recorder.js';
import type { SecondCells } from '../../metrics/timeseries.js';
import type { LiveStatus, WorkerHealth } from '../../metrics/types.js';
import type { WireCounts, WireEndpoint } from '../../metrics/wire-meter.js';
import type { EventOf } from '../../metrics/events.js';
import type { Mechanism } from '../../propagation/write-path.js';
import type { SearchHit } from '../../roles.js';
import type { Scenario, StoreSpec } from '../../scenario/types.js';
import type { CatalogSource } from '../../workloads/context.js';
import type { ShardSpec } from '../shard.js';
import type { RemoteStoreDescription } from './store-rpc.js';

export interface WorkerInit {
  /** This worker's number, 0-based, and how many the layout runs. */
  index: number;
  count: number;
  /** The scenario with this worker's share of the in-flight cap. */
  scenario: Scenario;
  layout: ResolvedLayout;
  /** Where the main thread's drivers reach each store (through its fault proxy where one runs). */
  stores: Record<string, StoreSpec>;
  catalog: CatalogSource;
  /** This worker's slice of the arrivals (or virtual users), within the process's own shard if any. */
  shard: ShardSpec;
  propagation: Mechanism;
  /** The in-process stores, served by the main thread over `rpc`. */
  remote: Record<string, RemoteStoreDescription>;
  rpc: MessagePort;
  /** The stores the scenario's faults hit: their calls and the measured operations go to the main thread. */
  faultedStores: string[];
  wire: WireEndpoint[];
}

/** The events the main thread needs from a worker: what the ledger, probes, lag and stale-in-stock count. */
export type ForwardedEvent =
  | EventOf<'commit'>
  | EventOf<'placed'>
  | EventOf<'compensated'>
  | EventOf<'applied'>
  | EventOf<'operation'>
  | EventOf<'store-call'>
  | { type: 'listed'; hits: SearchHit[]; measured: boolean };

export type ToWorker =
  | { type: 'start'; originUs: number; windowStartUs: number; windowPlannedEndUs: number }
  /** Ctrl-C in the main thread: the window ends at atUs for every thread alike. */
  | { type: 'abort'; atUs: number };

export interface WorkerDone {
  type: 'done';
  snapshot: RecorderSnapshot;
  abandoned: number;
  unresolvedWrites: number;
  health: WorkerHealth;
  wire: Record<string, WireCounts>;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string; userError: boolean }
  | { type: 'events'; events: ForwardedEvent[] }
  | { type: 'second'; second: number; cells: SecondCells }
  | { type: 'progress'; status: LiveStatus }
  | WorkerDone;
