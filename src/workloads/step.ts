import type { JourneyState, ShopContext } from './context.js';

/** ok, or rejected by a business rule (out of stock). Failures are thrown. */
export type StepOutcome = 'ok' | 'rejected';

export interface Step {
  /** The operation's name as reports show it: "view-product", "checkout", … */
  name: string;
  run(ctx: ShopContext, state: JourneyState): Promise<StepOutcome>;
  /**
   * The journey goes on when this step fails: a shopper who only browses does so anonymously when no session
   * can be started (what a shop that degrades gracefully does, and what fault isolation is about).
   */
  optional?: boolean;
}
