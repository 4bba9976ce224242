// A journey's shape for `explain`: its steps as planJourney builds them, repeated steps folded into "×min–max",
// a step drawn by chance shown with its alternative ("search | browse-category"). planJourney draws only counts
// (views, cart items) and chances (search or a category page): asking it once with every draw at its low end and
// once at its high end gives both ends, so the shape comes from the function the run uses, not a copy of it.
import type { Random } from '../data/random.js';
import type { JourneyName, JourneySpec } from '../scenario/types.js';
import { planJourney } from '../workloads/journeys.js';
import type { JourneyShape } from './layout-flow.js';

type Folded = Array<{ operation: string; count: number }>;

export function journeyShape(name: JourneyName, spec: JourneySpec): JourneyShape {
  const fewest = fold(planJourney(name, spec, drawing('min')).map((step) => step.name));
  const most = fold(planJourney(name, spec, drawing('max')).map((step) => step.name));
  // Every count range starts at 1 (the schema says so), so both ends have the same steps, position by position.
  const steps = most.map((step, index) => {
    const low = fewest[index];
    const operations =
      low && low.operation !== step.operation ? [step.operation, low.operation] : [step.operation];
    return { operations, min: low?.count ?? step.count, max: step.count };
  });
  return { name, weight: spec.mix[name], steps };
}

/**
 * Only counts and chances matter to planJourney. Low end: the smallest count, and only what is certain happens;
 * high end: the largest count, and whatever can happen does.
 */
function drawing(end: 'min' | 'max'): Random {
  const stub = {
    int: (min: number, max: number) => (end === 'min' ? min : max),
    chance: (probability: number) => (end === 'min' ? probability >= 1 : probability > 0),
  };
  return stub as unknown as Random;
}

function fold(steps: readonly string[]): Folded {
  const folded: Folded = [];
  for (const operation of steps) {
    const last = folded[folded.length - 1];
    if (last && last.operation === operation) last.count += 1;
    else folded.push({ operation, count: 1 });
  }
  return folded;
}
