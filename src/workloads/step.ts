import type { JourneyState, ShopContext } from './context.js';

/** ok, or rejected by a business rule (out of stock). Failures are thrown. */
export type StepOutcome = 'ok' | 'rejected';

export interface Step {
  /** The operation's name as reports show it: "view-product", "checkout", … */
  name: string;
  run(ctx: ShopContext, state: JourneyState): Promise<StepOutcome>;
}
