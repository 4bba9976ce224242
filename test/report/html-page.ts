// Reading back what the HTML report holds, for the tests: the embedded chart specs and the cells marked with
// data-* attributes.
import type { ChartSpec } from '../../src/report/html/chart-spec.js';

export function chartSpecs(html: string): ChartSpec[] {
  const match = /<script type="application\/json" id="pb-charts">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no chart specs in the page');
  return JSON.parse(match[1]) as ChartSpec[];
}

/** The text of the cell with these data-* attributes (in this order), or null. */
export function cellText(html: string, data: Record<string, string>): string | null {
  const attributes = Object.entries(data)
    .map(([k, v]) => `data-${k}="${v}"`)
    .join(' ');
  const match = new RegExp(`<td[^>]*${attributes}[^>]*>([^<]*)</td>`).exec(html);
  return match?.[1] ?? null;
}
