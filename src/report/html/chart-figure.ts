// Where a chart goes in the page: a figure with its title, an empty element the page's script draws into, and
// its caption. Sections register each chart spec here, so the page embeds exactly the charts it shows.
import type { ChartSpec } from './chart-spec.js';
import { attrs, escapeHtml } from './escape.js';

export class ChartCollector {
  readonly specs: ChartSpec[] = [];

  figure(spec: ChartSpec): string {
    this.specs.push(spec);
    const caption = spec.caption ? `<figcaption>${escapeHtml(spec.caption)}</figcaption>` : '';
    return (
      `<figure class="chart"><h4>${escapeHtml(spec.title)}</h4>` +
      `<div${attrs({ id: spec.id, class: 'chart-area', 'data-chart': spec.id })}></div>${caption}</figure>`
    );
  }
}

/** Figures in a grid that puts them side by side when the window is wide enough. */
export function chartGrid(figures: string[]): string {
  return figures.length === 0 ? '' : `<div class="grid">${figures.join('')}</div>`;
}

/** One column per layout (one figure each, in report order), stacked on a narrow window. */
export function layoutColumns(figures: string[]): string {
  if (figures.length === 0) return '';
  return `<div class="grid per-layout" style="--cols:${Math.min(figures.length, 3)}">${figures.join('')}</div>`;
}
