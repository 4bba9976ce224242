// Values a histogram could not hold as they were (docs/measurements.md, "Histograms"): below 1 µs or above 1 h
// they are recorded at the bound, NaN is not recorded. Each histogram that had any is named here, so a clamped
// p99 is never read as a measured one.
import type { LatencySummary, LayoutResult, OutOfRange } from '../metrics/types.js';
import { formatCount } from './format.js';
import type { Paint } from './style.js';

function describe(name: string, range: OutOfRange): string {
  const parts: string[] = [];
  if (range.aboveMax > 0) parts.push(`${formatCount(range.aboveMax)} values above 1 h recorded as 1 h`);
  if (range.belowMin > 0) parts.push(`${formatCount(range.belowMin)} values below 1 µs recorded as 1 µs`);
  if (range.invalid > 0) parts.push(`${formatCount(range.invalid)} NaN values not recorded`);
  return `  ${name}: ${parts.join(', ')}`;
}

/** Every histogram of the layout with its name in the report, where it had values out of range. */
function histograms(layout: LayoutResult): Array<[string, LatencySummary | null]> {
  return [
    ...layout.operations.flatMap((op): Array<[string, LatencySummary | null]> => [
      [`${op.name} response`, op.response],
      [`${op.name} service`, op.service],
    ]),
    ...layout.storeCalls.map((call): [string, LatencySummary] => [
      `store call ${call.store} ${call.role}.${call.method}`,
      call.latency,
    ]),
    ...layout.lag.flatMap((lag): Array<[string, LatencySummary | null]> => [
      [`apply lag ${lag.target}`, lag.apply],
      [`visible lag ${lag.target}`, lag.visible],
    ]),
    ['schedule lag', layout.schedule?.lag ?? null],
  ];
}

export function outOfRangeLines(layout: LayoutResult, paint: Paint): string[] {
  const lines = histograms(layout).flatMap(([name, summary]) =>
    summary?.outOfRange ? [describe(name, summary.outOfRange)] : [],
  );
  if (lines.length === 0) return [];
  return [paint.yellow('values outside the histograms’ 1 µs – 1 h range:'), ...lines];
}
