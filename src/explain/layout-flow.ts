// What `explain` says about one layout, as plain data (renderers only read it): which store serves each role,
// what each user action touches in order, how a checkout's writes propagate and what can be read stale. Kept
// structured so more facts about a layout (an operational footprint, say) can join it without a new renderer.
import type { PropagationPlan } from '../propagation/plan.js';
import type { RoleName } from '../roles.js';
import type { JourneyName } from '../scenario/types.js';
import type { RoleCall } from '../workloads/step-calls.js';

export interface RoleServing {
  role: RoleName;
  store: string;
  /** The store kind a scenario names: "pglite", "redis", … */
  kind: string;
  /** The engine family as users know it: "PostgreSQL", … */
  engine: string;
  embedded: boolean;
}

/** A store call as explain shows it: which store answers it, and when it is made only in some cases. */
export interface ExplainedCall extends RoleCall {
  store: string;
  /** Set when the step makes the call only sometimes: "right after the shopper's own checkout". */
  when?: string;
}

export interface ExplainedAction {
  /** The operation's name as reports show it: "checkout". */
  operation: string;
  calls: ExplainedCall[];
}

/** A journey's steps in order, repeated steps folded: "add-to-cart" ×1–3; a step drawn by chance has two. */
export interface JourneyShape {
  name: JourneyName;
  weight: number;
  steps: Array<{ operations: string[]; min: number; max: number }>;
}

export interface PropagatedWrite {
  /** "graph@kuzu" */
  target: string;
  role: RoleName;
  store: string;
  /** "in the commit" (one transaction), "by the request" (dual write), "by the relay" (outbox, cdc). */
  by: 'in the commit' | 'by the request' | 'by the relay';
  /** The call that writes it (for one transaction, the checkout's own). */
  call: RoleCall;
}

export interface StaleRead {
  operation: string;
  call: ExplainedCall;
  /** The read comes right after the shopper's own checkout: it can miss what they just bought. */
  readYourWritesRisk: boolean;
}

export interface StaleTarget {
  target: string;
  /** From when until when a reader can miss a checkout there; null when it never can. */
  window: string | null;
  readers: StaleRead[];
}

/** What a layout will need to run and watch, from the plan before any load (issue 15; `run` measures it). */
export interface PlannedFootprint {
  engines: string[];
  /** Stores on engines that run as servers: processes to deploy, back up and monitor. */
  serverProcesses: number;
  stores: Array<{ store: string; engine: string; embedded: boolean; roles: RoleName[] }>;
  /** Store calls per user action, from the step-call table (the larger case where a checkout changes it). */
  roundTrips: Record<string, number>;
  /** Roles holding a copy of each order (orders and the propagation's targets), and the stores they sit on. */
  copiesPerOrder: number;
  orderStores: string[];
  /** The cross-store queries one store answers in one statement; the others are joined in the application. */
  oneStatement: string[];
}

export interface LayoutFlow {
  layout: string;
  roles: RoleServing[];
  plan: PropagationPlan;
  /** Why the layout propagates as it does, in one sentence. */
  why: string;
  /** How the relay runs, when there is one: "polls the outbox every 20 ms, up to 100 rows at a time". */
  relay: string | null;
  actions: ExplainedAction[];
  journeys: JourneyShape[];
  analysts: { everyMs: number; queries: Array<{ query: string; call: ExplainedCall }> } | null;
  writes: PropagatedWrite[];
  stale: StaleTarget[];
  footprint?: PlannedFootprint;
  /** How the layout was resolved, one line each (embedded stand-ins, a plan that could not be checked). */
  notes: string[];
}
