// What the page drew, read in the browser: for every uPlot chart the page made, its series count, how many
// pixels carry the colour of a visible series with data, and where each shaded band sits. Runs inside
// the page (page.evaluate); the types below describe the little of uPlot and the DOM it touches.
import type { Page } from 'playwright-core';

export interface DrawnShade {
  kind: string;
  from: number;
  to: number;
  /** CSS pixels from the plot area's left edge. */
  left: number;
  width: number;
}

export interface DrawnChart {
  id: string;
  /** uPlot's series, the x series included. */
  series: number;
  /** Pixels of the canvas within a small distance of the colour of the visible series that shows most. */
  colouredPixels: number;
  probedColour: string | null;
  plotWidth: number;
  xMin: number;
  xMax: number;
  shades: DrawnShade[];
}

interface ShadeElement {
  dataset: Record<string, string | undefined>;
  style: { left: string; width: string };
}

interface PlotLike {
  series: Array<{ show: boolean; stroke?: unknown }>;
  data: Array<Array<number | null>>;
  ctx: {
    canvas: { width: number; height: number };
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
  under: { clientWidth: number; querySelectorAll(selector: string): ArrayLike<ShadeElement> };
  scales: { x: { min: number; max: number } };
}

function probe(): DrawnChart[] {
  const charts = (globalThis as unknown as { __pbCharts: Record<string, PlotLike> }).__pbCharts;
  return Object.entries(charts).map(([id, u]) => {
    // uPlot keeps a series' stroke as a function of the plot; the spec's colour is its string form.
    const strokeOf = (s: PlotLike['series'][number]) =>
      typeof s.stroke === 'function' ? String((s.stroke as () => unknown)()) : String(s.stroke);
    // Lines can lie on top of each other (every write visible by 10 ms in every store): count the pixels of
    // every visible series with data, and report the colour that shows most.
    const { width, height } = u.ctx.canvas;
    const pixels = u.ctx.getImageData(0, 0, width, height).data;
    let coloured = 0;
    let colour: string | null = null;
    u.series.forEach((series, i) => {
      if (i === 0 || !series.show || !(u.data[i] ?? []).some((v) => v !== null)) return;
      const stroke = strokeOf(series);
      if (!/^#[0-9a-f]{6}$/i.test(stroke)) return;
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(stroke.slice(at, at + 2), 16));
      let count = 0;
      for (let p = 0; p < pixels.length; p += 4) {
        const distance =
          Math.abs(pixels[p]! - r!) + Math.abs(pixels[p + 1]! - g!) + Math.abs(pixels[p + 2]! - b!);
        if (pixels[p + 3]! > 200 && distance < 60) count += 1;
      }
      if (count > coloured || colour === null) [coloured, colour] = [count, stroke];
    });
    const shades = Array.from(u.under.querySelectorAll('.pb-shade')).map((el) => ({
      kind: el.dataset.kind ?? '',
      from: Number(el.dataset.from),
      to: Number(el.dataset.to),
      left: parseFloat(el.style.left),
      width: parseFloat(el.style.width),
    }));
    return {
      id,
      series: u.series.length,
      colouredPixels: coloured,
      probedColour: colour,
      plotWidth: u.under.clientWidth,
      xMin: u.scales.x.min,
      xMax: u.scales.x.max,
      shades,
    };
  });
}

export function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(probe);
}
