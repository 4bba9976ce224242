// Data sizes this process can hold. The whole dataset is generated in memory and every layout's stores load it
// (embedded engines keep their own copy in this same process), so a size far past the heap ends, a minute into
// the run, in V8's "Reached heap limit" and a native stack trace. Validate refuses it instead, naming the limit.
import { getHeapStatistics } from 'node:v8';
import type { Problem } from './problem.js';
import type { DataSpec, Scenario } from './types.js';

/**
 * Heap bytes per generated item, measured on the generator (node --expose-gc, 100k items each): a user with its
 * name and email, a product with its attributes, a historical order with its lines, one follow or like edge.
 */
const BYTES_PER = { user: 330, product: 420, historicalOrder: 330, edge: 70 } as const;
/** The dataset itself, the copies loading makes (CSV text, documents, rows) and in-process engines' own copy. */
const PEAK_FACTOR = 4;

export function estimatedDataBytes(data: DataSpec): number {
  const edges = data.users * (data.followsPerUser + data.likesPerUser);
  return (
    data.users * BYTES_PER.user +
    data.products * BYTES_PER.product +
    data.historicalOrders * BYTES_PER.historicalOrder +
    edges * BYTES_PER.edge
  );
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`;
}

/** The field whose size dominates the estimate: where the user most likely wants to look. */
function largestField(data: DataSpec): keyof DataSpec {
  const parts: Array<[keyof DataSpec, number]> = [
    ['users', data.users * BYTES_PER.user],
    ['products', data.products * BYTES_PER.product],
    ['historicalOrders', data.historicalOrders * BYTES_PER.historicalOrder],
    ['followsPerUser', data.users * data.followsPerUser * BYTES_PER.edge],
    ['likesPerUser', data.users * data.likesPerUser * BYTES_PER.edge],
  ];
  return parts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

export function sizeProblems(scenario: Scenario, heapLimit = getHeapStatistics().heap_size_limit): Problem[] {
  const peak = estimatedDataBytes(scenario.data) * PEAK_FACTOR;
  if (peak <= heapLimit) return [];
  return [
    {
      path: ['data', largestField(scenario.data)],
      message:
        `the data would need about ${gigabytes(peak)} of memory to generate and load, more than this process ` +
        `may use (${gigabytes(heapLimit)} heap; node --max-old-space-size=<MB> raises it): make data smaller`,
    },
  ];
}
