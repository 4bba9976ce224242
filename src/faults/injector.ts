// Runs a scenario's fault timeline against one layout. Before the stores open it puts a TCP proxy on loopback
// in front of each networked store a fault hits (the driver then connects through it) and a gate in front of
// each in-process store; during the run it switches faults on and off at their times and records when that
// actually happened, so the report's windows are the real ones.
import { errorMessage } from '../errors.js';
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import { redactedAddress } from '../stores/server-address.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { ROLE_NAMES } from '../roles.js';
import type { FaultSpec, StoreSpec } from '../scenario/types.js';
import { FaultGate, type StoreFault } from './gate.js';
import { proxiedUrl, proxyTargetOf } from './proxy-url.js';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './tcp-proxy.js';

export type FaultPath = 'tcp-proxy' | 'in-process gate' | 'relay';

export interface PlannedFault {
  spec: FaultSpec;
  /** The store it hits in this layout; null for a slowed relay. */
  store: string | null;
  via: FaultPath;
  /** "sessions → ttlcache: outage (refused)" */
  description: string;
  /** When it was actually switched on and off (absolute µs); null until then. */
  startedUs: number | null;
  endedUs: number | null;
}

/** What the injector can slow: the layout's relay, when it has one. */
export interface RelayControl {
  setApplyDelayMs(ms: number): void;
}

export class FaultInjector {
  private readonly proxies = new Map<string, FaultProxy>();
  readonly gates = new Map<string, FaultGate>();
  private readonly stopper = new AbortController();
  private relay: RelayControl | null = null;
  private events: RunEvents | null = null;

  private constructor(
    readonly planned: PlannedFault[],
    /** Faults of the scenario that do not apply to this layout, one line each. */
    readonly notes: string[],
    /** The layout's stores, networked ones that faults hit pointing at their proxies. */
    readonly stores: Record<string, StoreSpec>,
  ) {}

  static async prepare(
    faults: readonly FaultSpec[],
    layout: ResolvedLayout,
    stores: Record<string, StoreSpec>,
  ): Promise<FaultInjector> {
    const planned: PlannedFault[] = [];
    const notes: string[] = [];
    const used = new Set(Object.values(layout.roles));
    const specOf = (store: string): StoreSpec =>
      stores[store] ?? { engine: store, url: null, pool: null, options: {} };
    for (const spec of faults) {
      const target = spec.target;
      if (target === null) {
        planned.push(plannedFault(spec, null, 'relay', `relay: ${effectText(spec)}`));
        continue;
      }
      const store = 'role' in target ? layout.roles[target.role] : target.store;
      if (!used.has(store)) {
        notes.push(
          `fault on store ${store} (${window(spec)}) skipped: layout ${layout.name} does not use it`,
        );
        continue;
      }
      const roles = ROLE_NAMES.filter((role) => layout.roles[role] === store);
      const via: FaultPath = specOf(store).url ? 'tcp-proxy' : 'in-process gate';
      planned.push(plannedFault(spec, store, via, `${roles.join(', ')} → ${store}: ${effectText(spec)}`));
    }

    const injector = new FaultInjector(planned, notes, { ...stores });
    try {
      for (const fault of planned) {
        const store = fault.store;
        if (store === null || injector.proxies.has(store) || injector.gates.has(store)) continue;
        const spec = specOf(store);
        if (spec.url) {
          const proxy = await startFaultProxy(proxyTargetOf(spec.engine, spec.url));
          injector.proxies.set(store, proxy);
          injector.stores[store] = { ...spec, url: proxiedUrl(spec.engine, spec.url, proxy) };
          // Driver errors name the address they dialled, which is now the proxy's: say whose it is.
          injector.notes.push(
            `store ${store} (${redactedAddress(spec.url)}) is reached through the fault proxy at ` +
              `${proxy.host}:${proxy.port}; errors naming that address come from the injected faults`,
          );
        } else {
          injector.gates.set(store, new FaultGate(store));
        }
      }
    } catch (error) {
      await injector.close();
      throw error;
    }
    return injector;
  }

  /** Schedules every fault relative to the start of measurement; never switches one early. */
  start(measureStartUs: number, relay: RelayControl | null, events?: RunEvents): void {
    this.relay = relay;
    this.events = events ?? null;
    if (relay === null) {
      for (const fault of this.planned) {
        if (fault.store === null) {
          this.notes.push(
            `${fault.description}: no effect, this layout has no relay (one transaction or dual write)`,
          );
        }
      }
    }
    const signal = this.stopper.signal;
    for (const [index, fault] of this.planned.entries()) {
      void (async () => {
        await sleepUntilUs(measureStartUs + fault.spec.fromMs * 1000, signal);
        if (signal.aborted) return;
        fault.startedUs = nowUs();
        this.events?.emit({ type: 'fault', index, on: true, atUs: fault.startedUs });
        this.applyInForce();
        await sleepUntilUs(measureStartUs + fault.spec.toMs * 1000, signal);
        if (signal.aborted) return;
        fault.endedUs = nowUs();
        this.events?.emit({ type: 'fault', index, on: false, atUs: fault.endedUs });
        this.applyInForce();
      })();
    }
  }

  /**
   * Ends every fault now (end of the window, Ctrl-C): calls held by a hung store are released, a slowed relay
   * speeds up, proxies forward again. Idempotent.
   */
  endAll(): void {
    this.stopper.abort();
    const now = nowUs();
    for (const [index, fault] of this.planned.entries()) {
      if (fault.startedUs === null || fault.endedUs !== null) continue;
      fault.endedUs = now;
      this.events?.emit({ type: 'fault', index, on: false, atUs: now });
    }
    this.applyInForce();
  }

  /** After the stores closed: frees the proxies. */
  async close(): Promise<void> {
    this.endAll();
    await Promise.allSettled([...this.proxies.values()].map((proxy) => proxy.close()));
  }

  /** Each store gets the effect of the latest fault in force on it (none when none is); the relay the largest delay. */
  private applyInForce(): void {
    const active = this.planned.filter((fault) => fault.startedUs !== null && fault.endedUs === null);
    const latestOn = (store: string) =>
      active.filter((fault) => fault.store === store).at(-1)?.spec.effect as StoreFault | undefined;
    for (const [store, gate] of this.gates) gate.set(latestOn(store) ?? null);
    for (const [store, proxy] of this.proxies) {
      proxy.set(proxyFault(latestOn(store)));
      // Ending a refusal re-listens on the same port; if that failed, the report must say so.
      proxy.ready().catch((error: unknown) => this.notes.push(`store ${store}: ${errorMessage(error)}`));
    }
    const delays = active.flatMap((fault) =>
      fault.spec.effect.kind === 'slow-relay' ? [fault.spec.effect.delayMs] : [],
    );
    this.relay?.setApplyDelayMs(Math.max(0, ...delays));
  }
}

function plannedFault(
  spec: FaultSpec,
  store: string | null,
  via: FaultPath,
  description: string,
): PlannedFault {
  return { spec, store, via, description, startedUs: null, endedUs: null };
}

function proxyFault(effect: StoreFault | undefined): ProxyFault {
  if (effect === undefined) return { kind: 'none' };
  if (effect.kind === 'latency') return { kind: 'latency', ms: effect.ms };
  return { kind: effect.mode };
}

function window(spec: FaultSpec): string {
  return `${spec.fromMs / 1000}s–${spec.toMs / 1000}s`;
}

export function effectText(spec: FaultSpec): string {
  const effect = spec.effect;
  const what =
    effect.kind === 'latency'
      ? `+${effect.ms} ms latency`
      : effect.kind === 'outage'
        ? `outage (${effect.mode})`
        : `relay slowed by ${effect.delayMs} ms per batch`;
  return `${what}, ${window(spec)}`;
}
